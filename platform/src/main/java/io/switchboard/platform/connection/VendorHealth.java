package io.switchboard.platform.connection;

import java.time.Instant;

/**
 * How a connection's vendor traffic stands on this platform instance (ADR 0009), for the connection page and API.
 *
 * @param breaker          {@code CLOSED} (requests flow), {@code OPEN} (the vendor looked down: requests paused until
 *                         {@code retryAt}) or {@code HALF_OPEN} (a few trial requests decide)
 * @param retryAt          when an open breaker lets trial requests through, else {@code null}
 * @param timesOpened      how often the breaker opened since this instance started
 * @param lastOpenedAt     when it last opened, or {@code null}
 * @param lastClosedAt     when it last closed again after being open, or {@code null}
 * @param lastFailure      the last failure that counted against the vendor, in plain words, or {@code null}
 * @param requestsPerMinute the limit the connection's requests are kept under, or {@code null} for none
 * @param connectorLimitPerMinute the vendor's limit the connector declares, or {@code null}
 */
public record VendorHealth(String breaker, Instant retryAt, int timesOpened, Instant lastOpenedAt,
                           Instant lastClosedAt, String lastFailure, Double requestsPerMinute,
                           Double connectorLimitPerMinute) {

    /** @return the limit in force as the page prints it ("150", "2.5"), or {@code null} */
    public String limitText() {
        if (requestsPerMinute == null) {
            return null;
        }
        double v = requestsPerMinute;
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
