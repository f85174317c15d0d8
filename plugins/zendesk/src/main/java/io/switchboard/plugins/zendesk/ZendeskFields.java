package io.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.CustomFieldInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Custom fields of the account, for the tenant's field mapping (e.g. a call's UTM tags): ticket fields by numeric id
 * ({@code GET /api/v2/ticket_fields}), user and organization fields by their {@code key}
 * ({@code GET /api/v2/user_fields}, {@code /organization_fields}), because that is how Zendesk addresses them when
 * they are written ({@code custom_fields: [{id, value}]} vs. {@code user_fields: {key: value}}).
 *
 * <p>[inf] These three endpoints and their item fields ({@code id}, {@code key}, {@code title}, {@code type},
 * {@code active}, {@code removable}) are not among the documented facts the plugin was built from (README,
 * "Inferred, to verify against a live account").
 */
final class ZendeskFields {

    /** System ticket fields: they appear in {@code ticket_fields} but are set through their own properties. */
    private static final Set<String> SYSTEM_TICKET_FIELDS = Set.of("subject", "description", "status", "tickettype",
            "priority", "group", "assignee", "custom_status", "brand");

    private static final int PAGES = 20;

    private final ZendeskApi api;

    ZendeskFields(ZendeskApi api) {
        this.api = api;
    }

    /** @return the active custom fields of the entity; inactive and system fields are left out */
    List<CustomFieldInfo> list(ExternalRef.EntityType entity) {
        return switch (entity) {
            case TICKET -> read("ticket_fields", "list ticket fields", false);
            case CLIENT, CONTACT -> read("user_fields", "list user fields", true);
            case ORGANIZATION -> read("organization_fields", "list organization fields", true);
            default -> throw new PermanentVendorException("Zendesk has no custom fields on " + entity.name()
                    .toLowerCase(java.util.Locale.ROOT) + "s");
        };
    }

    private List<CustomFieldInfo> read(String path, String what, boolean byKey) {
        List<CustomFieldInfo> fields = new ArrayList<>();
        for (JsonNode field : api.list(path, path, PAGES, what)) {
            String type = field.path("type").asText("");
            if (!field.path("active").asBoolean(true) || SYSTEM_TICKET_FIELDS.contains(type)
                    || !field.path("removable").asBoolean(true)) {
                continue;
            }
            String id = byKey ? ZendeskMapping.text(field.path("key")) : ZendeskMapping.idText(field.path("id"));
            if (id != null) {
                fields.add(new CustomFieldInfo(id, field.path("title").asText(id), type));
            }
        }
        return fields;
    }
}
