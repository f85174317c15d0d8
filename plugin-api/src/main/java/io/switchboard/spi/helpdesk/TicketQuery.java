package io.switchboard.spi.helpdesk;

import java.util.Objects;
import java.util.Set;

/**
 * Which tickets to find: a client's tickets in some statuses.
 *
 * @param clientId  the client
 * @param statusIds vendor status ids to include; empty means all
 * @param limit     at most this many, most recent first
 */
public record TicketQuery(String clientId, Set<String> statusIds, int limit) {

    public TicketQuery {
        Objects.requireNonNull(clientId, "clientId");
        statusIds = statusIds == null ? Set.of() : Set.copyOf(statusIds);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
