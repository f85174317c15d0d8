package io.switchboard.platform.connection;

import java.time.Instant;
import java.util.Map;

/**
 * A connection as the UI and API show it. Secret settings appear only as "set": their values never leave the
 * platform.
 *
 * @param id            the connection's public id
 * @param name          the tenant's name for it
 * @param pluginId      plugin
 * @param connectorId   connector
 * @param connectorName connector's display name, or the id when the plugin is not loaded
 * @param available     false when the connector's plugin is not started now
 * @param inboundUrl    the webhook URL to paste into the vendor's settings (contains a token)
 * @param settings      plain settings, typed
 * @param secrets       secret field keys that have a stored value, each mapped to "set"
 * @param lastCheck     the last "check connection" result, or {@code null}
 * @param requestsPerMinute the tenant's own request-rate limit for it, or {@code null} for the connector's
 * @param vendor        its vendor traffic on this platform instance: rate limit in force, circuit breaker; {@code null}
 *                      before it sent a request
 * @param createdAt     created
 * @param updatedAt     last saved
 */
public record ConnectionView(String id, String name, String pluginId, String connectorId, String connectorName,
                             boolean available, String inboundUrl, Map<String, Object> settings,
                             Map<String, String> secrets, CheckView lastCheck, Integer requestsPerMinute,
                             VendorHealth vendor, Instant createdAt, Instant updatedAt) {

    /** A "check connection" outcome. */
    public record CheckView(boolean ok, String message, Instant at) {
    }
}
