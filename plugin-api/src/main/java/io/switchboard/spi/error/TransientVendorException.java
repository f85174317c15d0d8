package io.switchboard.spi.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The vendor could not do it now but may later: timeout, connection refused, 5xx, 429. The platform retries with
 * backoff, waiting at least {@link #retryAfter()} when the vendor said so.
 */
public final class TransientVendorException extends ConnectorException {

    private final Duration retryAfter;

    public TransientVendorException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public TransientVendorException(String message) {
        this(message, null, null);
    }

    /** @return how long the vendor asked us to wait (its {@code Retry-After}), if it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
