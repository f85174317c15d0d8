/**
 * Declarative configuration: a connector describes its settings as a {@link io.switchboard.spi.config.ConfigSchema}
 * and the platform renders, validates and stores the form, encrypting {@link io.switchboard.spi.config.FieldType#SECRET
 * secret} fields. The connector reads the saved values through {@link io.switchboard.spi.config.ConfigValues}. The
 * binding of form text to typed values is {@link io.switchboard.spi.config.ConfigSchema#bind} (SPI 1.4), the same
 * in the platform and in a plugin's tests.
 */
package io.switchboard.spi.config;
