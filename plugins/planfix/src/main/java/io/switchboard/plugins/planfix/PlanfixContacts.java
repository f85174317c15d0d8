package io.switchboard.plugins.planfix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Planfix contacts as the platform's clients (README, "Vendor facts"):
 * <ul>
 * <li>find: {@code POST /contact/list} with a complex filter ("REST API: Сложные фильтры контактов"): type
 *     {@value #EMAIL_EXACT} "Email (exact match)" for e-mail, type {@value #PHONE} "Phone" (a contains-match) for
 *     phones;</li>
 * <li>create: {@code POST /contact/} with {@code template {id}}, {@code name}, {@code lastname}, {@code email},
 *     {@code phones [{number, type:1}]} (1 = mobile), {@code customFieldData}, {@code sourceObjectId};</li>
 * <li>update: {@code POST /contact/{id}} with the changed parts only;</li>
 * <li>note on the profile: {@code POST /contact/{id}/comments/} (OpenAPI {@code postContactAddComment}).</li>
 * </ul>
 */
final class PlanfixContacts {

    static final int EMAIL_EXACT = 4026;
    static final int PHONE = 4003;
    static final String FIELDS = "id,name,midname,lastname,email,additionalEmailAddresses,phones";

    /** Phone searches read at most this many pages of matches. */
    private static final int MAX_PAGES = 3;

    private final PlanfixApi api;

    PlanfixContacts(PlanfixApi api) {
        this.api = api;
    }

    /** The contact whose main or additional e-mail equals {@code email}, ignoring case; the newest of several. */
    Optional<Client> findByEmail(String email) {
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return search(EMAIL_EXACT, email.strip(), "find a Planfix contact by e-mail").stream()
                .map(this::client)
                .filter(c -> c.emails().stream().anyMatch(e -> e.equalsIgnoreCase(wanted)))
                .max(Comparator.comparing(PlanfixContacts::numericId));
    }

    /**
     * The contact with a phone whose last ten digits are the phone's (so {@code +7 999 000-11-22},
     * {@code 89990001122} and {@code 79990001122} are one number); the newest (highest number) of several. The filter
     * is a contains-match on the stored text ([inf] how Planfix compares formatted numbers), so the digits are asked
     * for first and, when that finds nothing, the last ten digits.
     */
    Optional<Client> findByPhone(String phone) {
        String digits = PlanfixText.digits(phone);
        String tail = PlanfixText.lastTen(phone);
        if (tail.length() < 5) {
            return Optional.empty();
        }
        Optional<Client> found = phoneMatch(digits, tail);
        if (found.isEmpty() && !digits.equals(tail)) {
            found = phoneMatch(tail, tail);
        }
        return found;
    }

    private Optional<Client> phoneMatch(String query, String tail) {
        return search(PHONE, query, "find a Planfix contact by phone").stream()
                .map(this::client)
                .filter(c -> c.phones().stream().anyMatch(p -> PlanfixText.lastTen(p).equals(tail)))
                .max(Comparator.comparing(PlanfixContacts::numericId));
    }

    private List<JsonNode> search(int filterType, String value, String what) {
        ObjectNode body = PlanfixText.JSON.createObjectNode().put("fields", FIELDS);
        body.putArray("filters").addObject().put("type", filterType).put("operator", "equal").put("value", value);
        return api.list("contact/list", body, "contacts", MAX_PAGES, what);
    }

    /** {@code POST /contact/}: from the draft's template, else the configured contact template. */
    Client create(ClientDraft draft) {
        ObjectNode body = PlanfixText.JSON.createObjectNode();
        String template = draft.templateId() != null ? draft.templateId() : api.settings().contactTemplateId();
        if (template != null) {
            body.set("template", PlanfixText.ref(template));
        }
        putContact(body, draft);
        if (draft.externalId() != null) {
            body.put("sourceObjectId", draft.externalId());
        }
        if (!body.has("name")) {
            // Planfix refuses a contact without a name (error 2006, "REST API: Коды ошибок"): the address stands in.
            String stand = !draft.emails().isEmpty() ? draft.emails().get(0) : !draft.phones().isEmpty()
                    ? draft.phones().get(0) : null;
            if (stand == null) {
                throw new PermanentVendorException("Could not create a Planfix contact: it has no name, e-mail or"
                        + " phone (Planfix requires a name)");
            }
            body.put("name", stand.strip());
        }
        JsonNode answer = api.post("contact/", body, "create a Planfix contact");
        String id = PlanfixText.text(answer.path("id"));
        if (id == null) {
            throw new PermanentVendorException("Could not create a Planfix contact: Planfix's answer has no id");
        }
        id = PlanfixText.bareId(id);
        return new Client(id, draft.name() == null ? null : draft.name().strip(), draft.emails(), draft.phones(),
                null, api.settings().contactUrl(id));
    }

    /** {@code POST /contact/{id}} with the parts that are set; no call when none is. */
    void update(String clientId, ClientDraft changes) {
        ObjectNode body = PlanfixText.JSON.createObjectNode();
        putContact(body, changes);
        if (changes.templateId() != null) {
            body.set("template", PlanfixText.ref(changes.templateId()));
        }
        if (body.isEmpty()) {
            return;
        }
        api.post("contact/" + PlanfixText.bareId(clientId), body, "update Planfix contact " + clientId);
    }

    /** {@code POST /contact/{id}/comments/}: the note as a comment on the contact's card. */
    void addNote(String clientId, String note) {
        ObjectNode body = PlanfixText.JSON.createObjectNode().put("description", PlanfixText.html(note));
        api.post("contact/" + PlanfixText.bareId(clientId) + "/comments/", body,
                "add a note to Planfix contact " + clientId);
    }

    /**
     * Name (first word → {@code name}, the rest → {@code lastname}, as popstas/planfix-mcp-server splits it), the
     * first e-mail (a contact has one {@code email}; the others are not written), phones (type 1, mobile) and
     * custom fields.
     */
    private static void putContact(ObjectNode body, ClientDraft draft) {
        if (draft.name() != null && !draft.name().isBlank()) {
            String[] parts = draft.name().strip().split("\\s+", 2);
            body.put("name", parts[0]);
            body.put("lastname", parts.length > 1 ? parts[1] : "");
        }
        if (!draft.emails().isEmpty()) {
            body.put("email", draft.emails().get(0).strip());
        }
        if (!draft.phones().isEmpty()) {
            ArrayNode phones = body.putArray("phones");
            draft.phones().forEach(p -> phones.addObject().put("number", p).put("type", 1));
        }
        putCustomFields(body, draft.customFields());
    }

    static void putCustomFields(ObjectNode body, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        ArrayNode data = body.putArray("customFieldData");
        fields.forEach((id, value) -> data.addObject().<ObjectNode>set("field", PlanfixText.ref(id))
                .set("value", PlanfixText.value(value)));
    }

    /** A contact of {@code /contact/list} or {@code /contact/{id}} as a client. */
    Client client(JsonNode contact) {
        String id = PlanfixText.bareId(PlanfixText.text(contact.path("id")));
        List<String> nameParts = new ArrayList<>();
        for (String part : List.of("name", "midname", "lastname")) {
            String text = PlanfixText.text(contact.path(part));
            if (text != null) {
                nameParts.add(text);
            }
        }
        Set<String> emails = new LinkedHashSet<>();
        String email = PlanfixText.text(contact.path("email"));
        if (email != null) {
            emails.add(email);
        }
        contact.path("additionalEmailAddresses").forEach(e -> {
            String more = PlanfixText.text(e);
            if (more != null) {
                emails.add(more);
            }
        });
        List<String> phones = new ArrayList<>();
        contact.path("phones").forEach(p -> {
            String number = PlanfixText.text(p.isObject() ? p.path("number") : p);
            if (number != null) {
                phones.add(number);
            }
        });
        return new Client(id, nameParts.isEmpty() ? null : String.join(" ", nameParts), List.copyOf(emails), phones,
                null, api.settings().contactUrl(id));
    }

    private static long numericId(Client client) {
        try {
            return Long.parseLong(client.id());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
