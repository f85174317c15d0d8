package io.switchboard.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How many requests a vendor accepts from one account in a period, as the vendor documents it (e.g. Zendesk's
 * "200 requests per minute" on the Team plan). The platform keeps each connection's requests under it, for all of
 * its workers together, and a tenant may set a lower limit for one connection.
 *
 * @param requests how many requests, at least 1
 * @param period   in how long, at least one second
 * @since 1.2
 */
public record RequestRateLimit(long requests, Duration period) {

    public RequestRateLimit {
        Objects.requireNonNull(period, "period");
        if (requests < 1) {
            throw new IllegalArgumentException("A rate limit allows at least one request");
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("A rate limit's period is at least one second");
        }
    }

    /** @return a limit of {@code requests} per second */
    public static RequestRateLimit perSecond(long requests) {
        return new RequestRateLimit(requests, Duration.ofSeconds(1));
    }

    /** @return a limit of {@code requests} per minute */
    public static RequestRateLimit perMinute(long requests) {
        return new RequestRateLimit(requests, Duration.ofMinutes(1));
    }

    /** @return the limit as requests per minute */
    public double perMinute() {
        return requests * 60_000.0 / period.toMillis();
    }

    /** Prints e.g. "150 requests per minute". */
    @Override
    public String toString() {
        String unit = period.equals(Duration.ofSeconds(1)) ? "second" : period.equals(Duration.ofMinutes(1)) ? "minute"
                : period.toSeconds() + " s";
        return requests + (requests == 1 ? " request per " : " requests per ") + unit;
    }
}
