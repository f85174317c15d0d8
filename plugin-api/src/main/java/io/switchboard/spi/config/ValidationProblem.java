package io.switchboard.spi.config;

/**
 * A problem with one configuration value, shown next to the field.
 *
 * @param field   the field key, or {@code null} for a problem with the configuration as a whole
 * @param message plain words, e.g. "Enter the portal URL, like https://acme.zendesk.com"
 */
public record ValidationProblem(String field, String message) {
}
