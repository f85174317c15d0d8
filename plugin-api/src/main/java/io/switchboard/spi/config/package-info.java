/**
 * Declarative configuration: a connector describes its settings as a {@link io.switchboard.spi.config.ConfigSchema}
 * and the platform renders, validates and stores the form, encrypting {@link io.switchboard.spi.config.FieldType#SECRET
 * secret} fields. The connector reads the saved values through {@link io.switchboard.spi.config.ConfigValues}.
 */
package io.switchboard.spi.config;
