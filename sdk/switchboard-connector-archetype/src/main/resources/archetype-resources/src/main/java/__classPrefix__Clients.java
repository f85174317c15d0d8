package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Clients are ${connectorName} contacts: found by e-mail or phone, created and updated. */
final class ${classPrefix}Clients {

    private ${classPrefix}Clients() {
    }

    static Optional<Client> findByEmail(String email, ConnectorContext ctx) {
        return first(${classPrefix}Api.get(ctx, "api/v2/contacts?email=" + encode(email), "find a contact by e-mail"));
    }

    static Optional<Client> findByPhone(String phone, ConnectorContext ctx) {
        return first(${classPrefix}Api.get(ctx, "api/v2/contacts?phone=" + encode(phone), "find a contact by phone"));
    }

    static Client create(ClientDraft draft, ConnectorContext ctx) {
        return client(${classPrefix}Api.send(ctx, "POST", "api/v2/contacts", body(draft), "create a contact"));
    }

    static void update(String clientId, ClientDraft changes, ConnectorContext ctx) {
        ${classPrefix}Api.send(ctx, "PUT", "api/v2/contacts/" + encode(clientId), body(changes), "update a contact");
    }

    private static Map<String, Object> body(ClientDraft draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (draft.name() != null) {
            body.put("name", draft.name());
        }
        if (!draft.emails().isEmpty()) {
            body.put("email", draft.emails().get(0));
        }
        if (!draft.phones().isEmpty()) {
            body.put("phone", draft.phones().get(0));
        }
        return body;
    }

    private static Optional<Client> first(JsonNode contacts) {
        return contacts.isArray() && contacts.size() > 0 ? Optional.of(client(contacts.get(0))) : Optional.empty();
    }

    static Client client(JsonNode contact) {
        List<String> emails = new ArrayList<>();
        Optional.ofNullable(${classPrefix}Api.text(contact.path("email"))).ifPresent(emails::add);
        List<String> phones = new ArrayList<>();
        Optional.ofNullable(${classPrefix}Api.text(contact.path("phone"))).ifPresent(phones::add);
        Optional.ofNullable(${classPrefix}Api.text(contact.path("mobile"))).ifPresent(phones::add);
        String id = ${classPrefix}Api.text(contact.path("id"));
        if (id == null) {
            throw new io.switchboard.spi.error.PermanentVendorException("${connectorName} answered with a contact"
                    + " without an id");
        }
        return new Client(id, ${classPrefix}Api.text(contact.path("name")), emails, phones, null, null);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
