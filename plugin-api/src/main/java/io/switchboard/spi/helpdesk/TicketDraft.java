package io.switchboard.spi.helpdesk;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ticket (task) to create.
 *
 * @param subject        subject / title
 * @param body           first message (plain text; connectors escape it where the vendor expects HTML)
 * @param bodyInternal   true when the first message must be visible to agents only
 * @param clientId       requester / counterparty, or {@code null} (e.g. the flow creates no client)
 * @param organizationId organization, or {@code null}
 * @param type           ticket type, or {@code null} for the vendor's default
 * @param priority       priority, or {@code null} for the vendor's default
 * @param statusId       the vendor's status id to create with, or {@code null} for "new"
 * @param tags           tags
 * @param assigneeId     responsible agent, or {@code null}
 * @param participantIds further agents to add (task systems)
 * @param templateId     vendor template to create from, or {@code null} ({@link io.switchboard.spi.Capability#TASK_TEMPLATES})
 * @param customFields   custom field id → value
 * @param externalId     the platform's idempotency key; store it where the vendor allows
 */
public record TicketDraft(String subject, String body, boolean bodyInternal, String clientId, String organizationId,
                          TicketType type, TicketPriority priority, String statusId, List<String> tags,
                          String assigneeId, List<String> participantIds, String templateId,
                          Map<String, String> customFields, String externalId) {

    public TicketDraft {
        Objects.requireNonNull(subject, "subject");
        body = body == null ? "" : body;
        tags = tags == null ? List.of() : List.copyOf(tags);
        participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    /**
     * @param subject the subject / title (required)
     * @return a builder for a draft with this subject; unset parts are empty, {@code false} or {@code null}
     * @since 1.4
     */
    public static Builder builder(String subject) {
        return new Builder(subject);
    }

    /**
     * Builds a {@link TicketDraft} by name rather than by fourteen positions:
     * {@code TicketDraft.builder("Call from +7916…").body(text).clientId(id).externalId(key).build()}.
     *
     * @since 1.4
     */
    public static final class Builder {
        private final String subject;
        private String body;
        private boolean bodyInternal;
        private String clientId;
        private String organizationId;
        private TicketType type;
        private TicketPriority priority;
        private String statusId;
        private List<String> tags;
        private String assigneeId;
        private List<String> participantIds;
        private String templateId;
        private Map<String, String> customFields;
        private String externalId;

        private Builder(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
        }

        /** @return this, with the first message (plain text) */
        public Builder body(String text) {
            this.body = text;
            return this;
        }

        /** @return this, with the first message visible to agents only (or not) */
        public Builder bodyInternal(boolean internal) {
            this.bodyInternal = internal;
            return this;
        }

        /** @return this, with the requester / counterparty */
        public Builder clientId(String id) {
            this.clientId = id;
            return this;
        }

        /** @return this, with the organization */
        public Builder organizationId(String id) {
            this.organizationId = id;
            return this;
        }

        /** @return this, with the ticket type */
        public Builder type(TicketType value) {
            this.type = value;
            return this;
        }

        /** @return this, with the priority */
        public Builder priority(TicketPriority value) {
            this.priority = value;
            return this;
        }

        /** @return this, with the vendor status id to create with */
        public Builder statusId(String id) {
            this.statusId = id;
            return this;
        }

        /** @return this, with the tags */
        public Builder tags(List<String> values) {
            this.tags = values;
            return this;
        }

        /** @return this, with the responsible agent */
        public Builder assigneeId(String id) {
            this.assigneeId = id;
            return this;
        }

        /** @return this, with further agents to add (task systems) */
        public Builder participantIds(List<String> ids) {
            this.participantIds = ids;
            return this;
        }

        /** @return this, with the vendor template to create from */
        public Builder templateId(String id) {
            this.templateId = id;
            return this;
        }

        /** @return this, with custom field id → value */
        public Builder customFields(Map<String, String> values) {
            this.customFields = values;
            return this;
        }

        /** @return this, with the platform's idempotency key */
        public Builder externalId(String key) {
            this.externalId = key;
            return this;
        }

        /** @return the draft */
        public TicketDraft build() {
            return new TicketDraft(subject, body, bodyInternal, clientId, organizationId, type, priority, statusId,
                    tags, assigneeId, participantIds, templateId, customFields, externalId);
        }
    }
}
