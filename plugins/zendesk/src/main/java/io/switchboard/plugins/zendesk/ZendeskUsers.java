package io.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Users of Zendesk (README, "Vendor facts"): end users as the SPI's clients, agents and admins as its agents.
 * Lookups use the search API ({@code GET /api/v2/search?query=type:user …}); creation uses
 * {@code POST /api/v2/users/create_or_update}, updates {@code PUT /api/v2/users/{id}}.
 *
 * <p>Search is served from an index that lags a few seconds to minutes behind writes, so a client
 * created moments ago may not be found by phone yet. Creation is nevertheless safe to repeat when the draft has an
 * e-mail or an external id: {@code create_or_update} matches on those and updates instead of creating a duplicate.
 * A phone-only client has no such protection ([doc/inf]: phone does not match in create_or_update).
 */
final class ZendeskUsers {

    /** Searches read at most this many pages of 100: a phone or e-mail that matches more is too vague anyway. */
    private static final int SEARCH_PAGES = 2;

    /** Agent lists stop after this many pages of 100. */
    private static final int AGENT_PAGES = 50;

    private final ZendeskApi api;

    ZendeskUsers(ZendeskApi api) {
        this.api = api;
    }

    /**
     * Searches {@code type:user phone:<v>} for the number as {@code +digits}, then as {@code digits}, then as typed
     * (quoted) when that differs — Zendesk matches the stored string, so the same number stored in another format
     * is otherwise missed ([inf]) — and stops at the first format that finds someone. A result counts only when
     * its {@code phone} is the same number ({@link ZendeskMapping#samePhone}); of several, the most recently updated.
     * Only the user's {@code phone} field is compared, not further phone identities.
     */
    Optional<Client> findByPhone(String phone) {
        String digits = ZendeskMapping.digits(phone);
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        Set<String> formats = new LinkedHashSet<>(List.of("+" + digits, digits));
        String typed = phone.trim();
        if (!formats.contains(typed) && !typed.contains("\"")) {
            formats.add("\"" + typed + "\"");
        }
        for (String format : formats) {
            Optional<Client> found = search("phone:" + format, "find a client by phone",
                    user -> ZendeskMapping.samePhone(ZendeskMapping.text(user.path("phone")), phone));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Searches {@code type:user email:<e-mail>}; a result counts only when its {@code email} equals the address
     * ignoring case (search may match more loosely). Of several, the most recently updated.
     */
    Optional<Client> findByEmail(String email) {
        String wanted = email == null ? "" : email.trim();
        if (wanted.isEmpty() || wanted.contains("\"") || wanted.contains(" ")) {
            return Optional.empty();
        }
        return search("email:" + wanted, "find a client by e-mail",
                user -> wanted.equalsIgnoreCase(ZendeskMapping.text(user.path("email"))));
    }

    private Optional<Client> search(String term, String what, Predicate<JsonNode> accept) {
        String query = ZendeskApi.query(ZendeskApi.params("query", "type:user " + term, "sort_by", "updated_at",
                "sort_order", "desc"));
        List<JsonNode> results = api.offsetList("search?" + query, "results", SEARCH_PAGES, what);
        return results.stream()
                .filter(r -> r.path("result_type").isMissingNode() || "user".equals(r.path("result_type").asText()))
                .filter(r -> ZendeskMapping.idText(r.path("id")) != null)
                .filter(accept)
                .max(Comparator.comparing((JsonNode r) -> ZendeskMapping.instant(r.path("updated_at")),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingLong(r -> r.path("id").asLong()))
                .map(this::client);
    }

    /**
     * {@code POST /api/v2/users/create_or_update} with role {@code end-user}, the name (Zendesk requires one: when
     * the draft has none, the phone or e-mail stands in), the first e-mail and the first phone (a Zendesk user has one
     * primary of each), the organization and {@code user_fields} (keyed by field key). Zendesk answers 201 when it
     * created the user and 200 when it matched and updated one.
     *
     * <p>The idempotency key goes to {@code external_id} only when the draft has no e-mail. With an e-mail,
     * create_or_update already matches a repeated call by it; sending the key as well would overwrite the
     * {@code external_id} of an existing user the e-mail matches (often a CRM's own id). Without an e-mail (a caller
     * known by phone), the key is the only thing create_or_update can match a retry by. (Decision, not vendor fact.)
     */
    Client create(ClientDraft draft) {
        ObjectNode user = fields(draft);
        if (!user.has("email") && draft.externalId() != null && !draft.externalId().isBlank()) {
            user.put("external_id", draft.externalId());
        }
        if (!user.has("name")) {
            String stand = first(draft.phones()) != null ? first(draft.phones()) : first(draft.emails());
            user.put("name", stand != null ? stand : "Unknown caller");
        }
        user.put("role", "end-user");
        ObjectNode body = ZendeskApi.JSON.createObjectNode();
        body.set("user", user);
        JsonNode answer = api.post("users/create_or_update", body, "create a client");
        JsonNode created = answer.path("user");
        if (ZendeskMapping.idText(created.path("id")) == null) {
            throw new PermanentVendorException("Could not create a client: Zendesk's answer has no user id");
        }
        return client(created);
    }

    /**
     * {@code PUT /api/v2/users/{id}} with only the parts the draft sets (name, first e-mail, first phone,
     * organization, user fields; never {@code external_id}, which may belong to another system); no call when it sets
     * none. [inf] Zendesk's
     * behaviour when {@code email} is set on an existing user (a new identity vs. a changed primary address) is not
     * documented (README, "Inferred, to verify against a live account").
     */
    void update(String clientId, ClientDraft changes) {
        ObjectNode user = fields(changes);
        if (user.isEmpty()) {
            return;
        }
        ObjectNode body = ZendeskApi.JSON.createObjectNode();
        body.set("user", user);
        api.put("users/" + ZendeskMapping.id(clientId, "user id"), body, "update a client");
    }

    /**
     * {@code GET /api/v2/users?role[]=agent&role[]=admin} with cursor pagination. An agent is active unless Zendesk
     * marks the user {@code suspended} or not {@code active} (deleted).
     */
    List<Agent> agents() {
        List<JsonNode> users = api.list("users?role%5B%5D=agent&role%5B%5D=admin", "users", AGENT_PAGES,
                "list agents");
        List<Agent> agents = new ArrayList<>();
        for (JsonNode user : users) {
            String id = ZendeskMapping.idText(user.path("id"));
            if (id == null) {
                continue;
            }
            boolean active = user.path("active").asBoolean(true) && !user.path("suspended").asBoolean(false);
            agents.add(new Agent(id, user.path("name").asText(""), ZendeskMapping.text(user.path("email")), active));
        }
        return agents;
    }

    private static ObjectNode fields(ClientDraft draft) {
        ObjectNode user = ZendeskApi.JSON.createObjectNode();
        if (draft.name() != null && !draft.name().isBlank()) {
            user.put("name", draft.name().trim());
        }
        String email = first(draft.emails());
        if (email != null) {
            user.put("email", email);
        }
        String phone = first(draft.phones());
        if (phone != null) {
            user.put("phone", phone);
        }
        if (draft.organizationId() != null) {
            ZendeskMapping.putId(user, "organization_id", draft.organizationId());
        }
        if (!draft.customFields().isEmpty()) {
            ZendeskMapping.putKeyedFields(user, "user_fields", draft.customFields());
        }
        return user;
    }

    private static String first(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).findFirst().orElse(null);
    }

    private Client client(JsonNode user) {
        String id = user.path("id").asText();
        String email = ZendeskMapping.text(user.path("email"));
        String phone = ZendeskMapping.text(user.path("phone"));
        return new Client(id, user.path("name").asText(""), email == null ? List.of() : List.of(email),
                phone == null ? List.of() : List.of(phone), ZendeskMapping.idText(user.path("organization_id")),
                api.settings().userUrl(id));
    }
}
