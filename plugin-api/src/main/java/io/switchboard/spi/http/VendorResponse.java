package io.switchboard.spi.http;

import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor's answer.
 *
 * @param status  HTTP status
 * @param headers response headers, names lower case
 * @param body    body bytes
 */
public record VendorResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public VendorResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** @return true for 2xx */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the first value of the header (name in any case), if present */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the wait the vendor asked for in {@code Retry-After} (seconds or an HTTP date), if any */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(VendorResponse::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /**
     * Returns this response when it is a 2xx, else throws the exception the platform expects: transient for 408,
     * 425, 429 and 5xx (carrying {@code Retry-After}), permanent for other statuses.
     *
     * @param what what was attempted, in plain words ("create a ticket"), used in the message
     */
    public VendorResponse requireSuccess(String what) {
        if (isSuccess()) {
            return this;
        }
        String message = "Could not " + what + ": the vendor answered HTTP " + status;
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw new TransientVendorException(message, retryAfter().orElse(null), null);
        }
        throw new PermanentVendorException(message);
    }

    /** Prints the status and size only. */
    @Override
    public String toString() {
        return "VendorResponse[" + status + ", " + body.length + " bytes]";
    }
}
