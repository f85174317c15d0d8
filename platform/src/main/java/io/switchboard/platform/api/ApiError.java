package io.switchboard.platform.api;

import io.switchboard.spi.config.ValidationProblem;
import java.util.List;

/**
 * The body of every error answer of the API.
 *
 * @param status   HTTP status
 * @param message  what went wrong, in plain words
 * @param field    the (first) offending input field, or {@code null}
 * @param problems every problem by field, for input refused as invalid; {@code null} otherwise
 */
public record ApiError(int status, String message, String field, List<ValidationProblem> problems) {

    public ApiError(int status, String message, String field) {
        this(status, message, field, null);
    }
}
