package io.switchboard.plugins.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Client operations on Usedesk (README, "Vendor facts"): search with {@code /clients}, create with
 * {@code /create/client}, update with {@code /update/client}.
 */
final class UsedeskClients {

    /** {@code /clients} answers at most this many per page; {@code offset} is the page number. */
    static final int PAGE_SIZE = 100;

    /** Searches stop after this many pages: a lookup that matches more is too vague to pick from anyway. */
    private static final int MAX_PAGES = 5;

    private final UsedeskApi api;

    UsedeskClients(UsedeskApi api) {
        this.api = api;
    }

    /**
     * {@code query=<e-mail>} with {@code full_match}. Usedesk matches the query against name and phone too, and
     * sends {@code emails} as one string (or null), so each result is checked: one of its addresses must equal
     * the e-mail, ignoring case. Of several, the highest (newest) id.
     */
    Optional<Client> findByEmail(String email) {
        String wanted = email == null ? "" : email.trim();
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return search(wanted, "full_match", "find a client by e-mail",
                item -> emails(item).stream().anyMatch(e -> e.equalsIgnoreCase(wanted)));
    }

    /**
     * {@code query=<digits>} with {@code partial_match}, then a result is accepted when the last ten digits of its
     * phone equal those of the number (see {@link UsedeskMapping#phoneKey}); of several, the highest (newest) id.
     * The query is those last ten digits, not all digits: a partial match on "9990001122" finds a client stored
     * as 79990001122 as well as one stored as 89990001122, which the full digit string would not. [inf] Clients
     * stored with separators ("+7 999 000-11-22") are not found by a digits query at the real vendor
     * (README, "Vendor facts"); so when the number is given with separators and the digits find nobody, a second
     * search asks for it exactly as given — the platform passes the format it stores clients in when it looks for
     * a client whose creation answer was lost.
     */
    Optional<Client> findByPhone(String phone) {
        String key = UsedeskMapping.phoneKey(phone);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Predicate<JsonNode> sameNumber = item -> key.equals(UsedeskMapping.phoneKey(UsedeskMapping.text(item.path("phone"))));
        Optional<Client> found = search(key, "partial_match", "find a client by phone", sameNumber);
        String asGiven = phone.strip();
        if (found.isPresent() || asGiven.equals(UsedeskMapping.digits(asGiven))
                || asGiven.equals("+" + UsedeskMapping.digits(asGiven))) {
            return found;
        }
        return search(asGiven, "partial_match", "find a client by phone", sameNumber);
    }

    /**
     * {@code /create/client} with {@code name}, {@code emails[]} and {@code phone}. Usedesk takes one phone here,
     * so only the first of the draft's phones is stored. Organization, custom fields, template and external id
     * have no place at a Usedesk client and are not sent.
     */
    Client create(ClientDraft draft) {
        ObjectNode body = changes(draft);
        JsonNode answer = api.call("create/client", body, "create a client");
        String id = UsedeskMapping.text(answer.path("client_id"));
        if (id == null) {
            throw new PermanentVendorException("Could not create a client: Usedesk's answer has no client_id");
        }
        return new Client(id, draft.name(), draft.emails(),
                draft.phones().isEmpty() ? List.of() : List.of(draft.phones().get(0)), null, null);
    }

    /**
     * {@code /update/client} with {@code client_id} and only the parts the draft sets (a non-blank name, e-mails,
     * the first phone); nothing is sent when it sets none.
     */
    void update(String clientId, ClientDraft changes) {
        ObjectNode body = changes(changes);
        if (body.isEmpty()) {
            return;
        }
        UsedeskMapping.putId(body, "client_id", clientId);
        api.call("update/client", body, "update a client");
    }

    private static ObjectNode changes(ClientDraft draft) {
        ObjectNode body = UsedeskApi.body();
        if (draft.name() != null && !draft.name().isBlank()) {
            body.put("name", draft.name());
        }
        List<String> emails = draft.emails().stream().filter(e -> e != null && !e.isBlank()).toList();
        if (!emails.isEmpty()) {
            ArrayNode array = body.putArray("emails");
            emails.forEach(array::add);
        }
        draft.phones().stream().filter(p -> p != null && !p.isBlank()).findFirst()
                .ifPresent(p -> body.put("phone", p));
        return body;
    }

    private Optional<Client> search(String query, String searchType, String what, Predicate<JsonNode> accept) {
        List<JsonNode> matches = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = UsedeskApi.body().put("query", query).put("search_type", searchType).put("offset", page);
            JsonNode items = api.call("clients", body, what);
            if (!items.isArray()) {
                throw new PermanentVendorException("Could not " + what + ": Usedesk's answer is not a list");
            }
            items.forEach(item -> {
                if (UsedeskMapping.text(item.path("id")) != null && accept.test(item)) {
                    matches.add(item);
                }
            });
            if (items.size() < PAGE_SIZE) {
                break;
            }
        }
        return matches.stream().max(Comparator.comparingLong(item -> item.path("id").asLong()))
                .map(UsedeskClients::client);
    }

    private static Client client(JsonNode item) {
        String phone = UsedeskMapping.text(item.path("phone"));
        return new Client(item.path("id").asText(), item.path("name").asText(""), emails(item),
                phone == null ? List.of() : List.of(phone), null, null);
    }

    /** {@code emails} is a string or null in {@code /clients}; several addresses are split on commas or spaces. */
    private static List<String> emails(JsonNode item) {
        JsonNode emails = item.path("emails");
        List<String> result = new ArrayList<>();
        if (emails.isArray()) {
            emails.forEach(e -> result.add(e.isObject() ? e.path("email").asText("") : e.asText("")));
        } else if (UsedeskMapping.text(emails) != null) {
            result.addAll(Arrays.asList(emails.asText().split("[,;\\s]+")));
        }
        return result.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
    }
}
