package io.switchboard.platform.api;

/**
 * The body of every error answer of the API.
 *
 * @param status  HTTP status
 * @param message what went wrong, in plain words
 * @param field   the offending input field, or {@code null}
 */
public record ApiError(int status, String message, String field) {
}
