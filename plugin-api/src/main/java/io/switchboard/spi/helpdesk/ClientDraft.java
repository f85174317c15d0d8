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
}
