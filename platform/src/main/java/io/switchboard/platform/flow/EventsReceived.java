package io.switchboard.platform.flow;

import java.util.List;

/**
 * CDI event: a connection of a tenant received these normalized events (parsed from one stored request), before any
 * flow handles them. For parts of the platform that keep what they know of a vendor fresh — e.g. the caller
 * directory drops what it knows of a ticket a helpdesk webhook says changed.
 *
 * @param tenantId     the tenant
 * @param connectionId the connection that received them
 * @param events       the events, as the connector's parse yielded them
 */
public record EventsReceived(long tenantId, long connectionId, List<?> events) {

    public EventsReceived {
        events = List.copyOf(events);
    }
}
