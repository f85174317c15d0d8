package io.switchboard.plugins.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.CustomFieldInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The account's additional ticket fields from {@code POST /ticket/fields} (README, "Vendor facts"): an array of
 * {@code {custom_field: {id, name, ticket_field_type_id, deleted, …}, field_options: […]}}, numbers sent as numbers or
 * as strings.
 */
final class UsedeskFields {

    /** Usedesk's {@code ticket_field_type_id} values and what the tenant sees them as. */
    static final Map<String, String> TYPES = Map.of("1", "text", "2", "list", "3", "checkbox", "4", "nested list");

    private final UsedeskApi api;

    UsedeskFields(UsedeskApi api) {
        this.api = api;
    }

    /**
     * Every field not marked {@code deleted}, in Usedesk's order, with its name exactly as Usedesk sends it (flows
     * find fields by name) and its type as a word, or the type id when it is not one of the four documented.
     */
    List<CustomFieldInfo> ticketFields() {
        JsonNode answer = api.call("ticket/fields", UsedeskApi.body(), "list ticket fields");
        if (!answer.isArray()) {
            throw new PermanentVendorException("Could not list ticket fields: Usedesk's answer is not a list");
        }
        List<CustomFieldInfo> fields = new ArrayList<>();
        for (JsonNode item : answer) {
            JsonNode field = item.path("custom_field");
            String id = UsedeskMapping.text(field.path("id"));
            if (id == null || "1".equals(UsedeskMapping.text(field.path("deleted")))) {
                continue;
            }
            String typeId = UsedeskMapping.text(field.path("ticket_field_type_id"));
            fields.add(new CustomFieldInfo(id, field.path("name").asText(""),
                    typeId == null ? null : TYPES.getOrDefault(typeId, typeId)));
        }
        return fields;
    }
}
