package io.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Organization;
import io.switchboard.spi.helpdesk.OrganizationDraft;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Organizations of Zendesk (README, "Vendor facts"). A user is linked to one by its {@code organization_id}, set with
 * {@link ZendeskUsers#create} / {@link ZendeskUsers#update}.
 *
 * <p>Zendesk organizations have no phone field and Zendesk documents no search of them by phone, so
 * {@link #find} looks the text up as a <em>name</em> whatever it is: a tenant whose organizations are named after
 * the caller's number (Ringostat's own integration makes one per new caller) finds them that way.
 */
final class ZendeskOrganizations {

    private final ZendeskApi api;

    ZendeskOrganizations(ZendeskApi api) {
        this.api = api;
    }

    /**
     * {@code GET /api/v2/organizations/search?name=…}; a result counts when its name equals the text ignoring
     * case and surrounding blanks. Of several, the lowest id (the oldest, [inf] names are unique at Zendesk anyway).
     */
    Optional<Organization> find(String nameOrPhone) {
        String name = nameOrPhone == null ? "" : nameOrPhone.trim();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        JsonNode answer = api.get("organizations/search?" + ZendeskApi.query(ZendeskApi.params("name", name)),
                "find an organization");
        List<JsonNode> found = new java.util.ArrayList<>();
        answer.path("organizations").forEach(found::add);
        return found.stream()
                .filter(o -> ZendeskMapping.idText(o.path("id")) != null)
                .filter(o -> name.equalsIgnoreCase(o.path("name").asText("").trim()))
                .min(Comparator.comparingLong(o -> o.path("id").asLong()))
                .map(this::organization);
    }

    /**
     * {@code POST /api/v2/organizations} with the name, the idempotency key as {@code external_id} and
     * {@code organization_fields} (keyed by field key). The draft's phones have no place at a Zendesk organization
     * and are not sent (map them to an organization field instead). Zendesk refuses a duplicate name with 422
     * {@code DuplicateValue}: a retry after a crash then finds the organization by name and returns it.
     */
    Organization create(OrganizationDraft draft) {
        if (draft.name() == null || draft.name().isBlank()) {
            throw new PermanentVendorException("Could not create an organization: Zendesk needs a name");
        }
        ObjectNode organization = ZendeskApi.JSON.createObjectNode().put("name", draft.name().trim());
        if (draft.externalId() != null && !draft.externalId().isBlank()) {
            organization.put("external_id", draft.externalId());
        }
        if (!draft.customFields().isEmpty()) {
            ZendeskMapping.putKeyedFields(organization, "organization_fields", draft.customFields());
        }
        ObjectNode body = ZendeskApi.JSON.createObjectNode();
        body.set("organization", organization);
        try {
            JsonNode answer = api.post("organizations", body, "create an organization");
            JsonNode created = answer.path("organization");
            if (ZendeskMapping.idText(created.path("id")) == null) {
                throw new PermanentVendorException("Could not create an organization: Zendesk's answer has no id");
            }
            return organization(created);
        } catch (PermanentVendorException e) {
            if (e.getMessage() != null && e.getMessage().contains("DuplicateValue")) {
                Optional<Organization> existing = find(draft.name());
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            throw e;
        }
    }

    private Organization organization(JsonNode node) {
        String id = node.path("id").asText();
        return new Organization(id, node.path("name").asText(""), api.settings().organizationUrl(id));
    }
}
