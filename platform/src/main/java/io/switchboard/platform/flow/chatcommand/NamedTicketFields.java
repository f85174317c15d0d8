package io.switchboard.platform.flow.chatcommand;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.ConnectorGate;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.CustomFieldInfo;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ticket fields named by the tenant (e.g. "Dialog ID in CQ"), found by name among the helpdesk's ticket fields —
 * compared trimmed and ignoring case; the list is kept per connection for {@link #FIELDS_KEPT}. A name the helpdesk does not have, or a helpdesk that cannot list its fields,
 * is a note for the tenant: the ticket is still created, without that field.
 */
final class NamedTicketFields {

    /**
     * How long a connection's ticket fields are kept: asked for by every command otherwise (one request of seven); a
     * field the tenant creates meanwhile is found at the latest this much later.
     */
    static final java.time.Duration FIELDS_KEPT = java.time.Duration.ofMinutes(2);

    private NamedTicketFields() {
    }

    /**
     * @param wanted field name → value
     * @return field id → value, for the names the helpdesk has
     */
    static Map<String, String> ids(Map<String, String> wanted, ConnectorGate<HelpdeskConnector> helpdesk,
                                   Activity activity) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        if (!helpdesk.supports(Capability.CUSTOM_FIELDS)) {
            activity.note(helpdesk.descriptor().displayName() + " has no custom fields: the conversation and lead are "
                    + "not written to '" + String.join("', '", wanted.keySet()) + "'");
            return Map.of();
        }
        List<CustomFieldInfo> fields;
        try {
            fields = helpdesk.cached("ticket-fields", FIELDS_KEPT,
                    (h, ctx) -> List.copyOf(h.customFields(ExternalRef.EntityType.TICKET, ctx)));
        } catch (PermanentVendorException e) {
            activity.note("The helpdesk's ticket fields could not be listed (" + e.getMessage() + "): the ticket was"
                    + " created without '" + String.join("', '", wanted.keySet()) + "'");
            return Map.of();
        }
        Map<String, String> byId = new LinkedHashMap<>();
        wanted.forEach((name, value) -> fields.stream().filter(f -> f.name() != null
                        && f.name().trim().equalsIgnoreCase(name)).findFirst().ifPresentOrElse(
                f -> byId.put(f.id(), value),
                () -> activity.note("The helpdesk has no ticket field named '" + name + "': create a text field with"
                        + " that name, or change the name in the flow's options; the ticket was created without it")));
        return byId;
    }
}
