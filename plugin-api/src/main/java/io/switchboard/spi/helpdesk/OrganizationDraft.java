package io.switchboard.spi.helpdesk;

import java.util.List;
import java.util.Map;

/**
 * An organization to create.
 *
 * @param name         name (required by most vendors)
 * @param phones       phone numbers
 * @param customFields custom field id → value
 * @param externalId   the platform's idempotency key, where the vendor can store one
 */
public record OrganizationDraft(String name, List<String> phones, Map<String, String> customFields,
                                String externalId) {

    public OrganizationDraft {
        phones = phones == null ? List.of() : List.copyOf(phones);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }
}
