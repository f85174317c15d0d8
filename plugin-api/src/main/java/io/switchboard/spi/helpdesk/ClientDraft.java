package io.switchboard.spi.helpdesk;

import java.util.List;
import java.util.Map;

/**
 * A client to create, or the changes to make to one ({@code null} / empty parts are left alone).
 *
 * @param name           display name
 * @param emails         e-mail addresses
 * @param phones         phone numbers, already formatted as the tenant chose
 * @param organizationId organization to link, or {@code null}
 * @param customFields   custom field id → value
 * @param externalId     the platform's idempotency key, where the vendor can store one
 * @param templateId     vendor template to create the client (contact) from, or {@code null} (task systems;
 *                       {@link io.switchboard.spi.Capability#TASK_TEMPLATES})
 */
public record ClientDraft(String name, List<String> emails, List<String> phones, String organizationId,
                          Map<String, String> customFields, String externalId, String templateId) {

    public ClientDraft {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    /** A draft without a template. */
    public ClientDraft(String name, List<String> emails, List<String> phones, String organizationId,
                       Map<String, String> customFields, String externalId) {
        this(name, emails, phones, organizationId, customFields, externalId, null);
    }

    /**
     * @return a builder for a client draft (or the changes to one); unset parts are empty or {@code null}
     * @since 1.4
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link ClientDraft} by name: {@code ClientDraft.builder().name("Ann").phones(List.of(phone)).build()}.
     *
     * @since 1.4
     */
    public static final class Builder {
        private String name;
        private List<String> emails;
        private List<String> phones;
        private String organizationId;
        private Map<String, String> customFields;
        private String externalId;
        private String templateId;

        private Builder() {
        }

        /** @return this, with the display name */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @return this, with the e-mail addresses */
        public Builder emails(List<String> values) {
            this.emails = values;
            return this;
        }

        /** @return this, with the phone numbers */
        public Builder phones(List<String> values) {
            this.phones = values;
            return this;
        }

        /** @return this, with the organization to link */
        public Builder organizationId(String id) {
            this.organizationId = id;
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

        /** @return this, with the vendor template to create the client from */
        public Builder templateId(String id) {
            this.templateId = id;
            return this;
        }

        /** @return the draft */
        public ClientDraft build() {
            return new ClientDraft(name, emails, phones, organizationId, customFields, externalId, templateId);
        }
    }
}
