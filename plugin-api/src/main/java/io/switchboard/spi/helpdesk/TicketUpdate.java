package io.switchboard.spi.helpdesk;

import java.util.List;
import java.util.Map;

/**
 * Changes to a ticket; {@code null} parts are left alone.
 *
 * @param assigneeId   new responsible agent
 * @param statusId     new vendor status id
 * @param priority     new priority
 * @param addTags      tags to add
 * @param customFields custom field id → value to set
 */
public record TicketUpdate(String assigneeId, String statusId, TicketPriority priority, List<String> addTags,
                           Map<String, String> customFields) {

    public TicketUpdate {
        addTags = addTags == null ? List.of() : List.copyOf(addTags);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    public static TicketUpdate assignee(String agentId) {
        return new TicketUpdate(agentId, null, null, null, null);
    }

    public static TicketUpdate status(String statusId) {
        return new TicketUpdate(null, statusId, null, null, null);
    }
}
