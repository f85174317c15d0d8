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

    /**
     * @return a builder for changes to a ticket; unset parts are left alone
     * @since 1.4
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link TicketUpdate} by name: {@code TicketUpdate.builder().statusId("3").addTags(List.of("vip")).build()}.
     *
     * @since 1.4
     */
    public static final class Builder {
        private String assigneeId;
        private String statusId;
        private TicketPriority priority;
        private List<String> addTags;
        private Map<String, String> customFields;

        private Builder() {
        }

        /** @return this, with the new responsible agent */
        public Builder assigneeId(String id) {
            this.assigneeId = id;
            return this;
        }

        /** @return this, with the new vendor status id */
        public Builder statusId(String id) {
            this.statusId = id;
            return this;
        }

        /** @return this, with the new priority */
        public Builder priority(TicketPriority value) {
            this.priority = value;
            return this;
        }

        /** @return this, with tags to add */
        public Builder addTags(List<String> tags) {
            this.addTags = tags;
            return this;
        }

        /** @return this, with custom field id → value to set */
        public Builder customFields(Map<String, String> values) {
            this.customFields = values;
            return this;
        }

        /** @return the update */
        public TicketUpdate build() {
            return new TicketUpdate(assigneeId, statusId, priority, addTags, customFields);
        }
    }
}
