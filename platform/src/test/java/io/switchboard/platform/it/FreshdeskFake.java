package io.switchboard.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.testkit.fake.FakeRequest;
import io.switchboard.testkit.fake.FakeResponse;
import io.switchboard.testkit.fake.FakeVendorServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Freshdesk-like helpdesk the worked example (docs/plugin-guide.md) talks to, for {@link WorkedExampleIT}:
 * exactly the REST calls the generated connector makes (sdk/switchboard-connector-archetype's archetype-resources),
 * answered in the shapes of the generated project's own fake (__classPrefix__Fake.java there), which this repeats
 * because the generated project's test classes are not on this module's class path.
 */
final class FreshdeskFake implements AutoCloseable {

    private final String apiKey;
    private final FakeVendorServer server = FakeVendorServer.start("Freshdesk", this::handle);
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, ObjectNode> contacts = new LinkedHashMap<>();
    private final Map<String, ObjectNode> tickets = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> notes = new LinkedHashMap<>();

    FreshdeskFake(String apiKey) {
        this.apiKey = apiKey;
    }

    /** @return the helpdesk address for the connection's settings */
    String baseUrl() {
        return server.baseUrl();
    }

    /** @return the server, for scripted delays */
    FakeVendorServer server() {
        return server;
    }

    synchronized List<ObjectNode> contacts() {
        return contacts.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized List<ObjectNode> tickets() {
        return tickets.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized List<String> notes(String ticketId) {
        return notes.getOrDefault(ticketId, List.of()).stream().map(n -> n.path("body").asText()).toList();
    }

    private synchronized FakeResponse handle(FakeRequest request) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":X")
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.header("Authorization"))) {
            return FakeResponse.json(401, json().put("code", "invalid_credentials"));
        }
        String method = request.method();
        String path = request.path();
        String[] parts = path.split("/");
        JsonNode body = request.body().length == 0 ? json() : ApiClient.JSON.readTree(request.body());
        if (method.equals("GET") && path.equals("/api/v2/agents/me")) {
            return FakeResponse.json(200, agent(1, "Anna Agent", "anna@example.com"));
        } else if (method.equals("GET") && path.equals("/api/v2/agents")) {
            return FakeResponse.json(200, ApiClient.JSON.createArrayNode().add(agent(1, "Anna Agent",
                    "anna@example.com")).add(agent(2, "Boris Agent", "boris@example.com")));
        } else if (method.equals("GET") && path.equals("/api/v2/contacts")) {
            Map<String, String> query = request.query();
            ArrayNode found = ApiClient.JSON.createArrayNode();
            contacts.values().stream().filter(c -> matches(c, query)).forEach(found::add);
            return FakeResponse.json(200, found);
        } else if (method.equals("POST") && path.equals("/api/v2/contacts")) {
            ObjectNode contact = ((ObjectNode) body).deepCopy().put("id", ids.incrementAndGet());
            contacts.put(contact.path("id").asText(), contact);
            return FakeResponse.json(201, contact);
        } else if (method.equals("PUT") && parts.length == 5 && parts[3].equals("contacts")
                && contacts.containsKey(parts[4])) {
            return FakeResponse.json(200, contacts.get(parts[4]).setAll((ObjectNode) body));
        } else if (method.equals("GET") && path.equals("/api/v2/tickets")) {
            String requester = request.query().get("requester_id");
            List<ObjectNode> newestFirst = new ArrayList<>(tickets.values());
            java.util.Collections.reverse(newestFirst);
            ArrayNode found = ApiClient.JSON.createArrayNode();
            newestFirst.stream().filter(t -> t.path("requester_id").asText().equals(requester)).forEach(found::add);
            return FakeResponse.json(200, found);
        } else if (method.equals("POST") && path.equals("/api/v2/tickets")) {
            ObjectNode ticket = ((ObjectNode) body).deepCopy().put("id", ids.incrementAndGet())
                    .put("updated_at", "2026-03-24T17:30:36Z");
            tickets.put(ticket.path("id").asText(), ticket);
            return FakeResponse.json(201, ticket);
        } else if (method.equals("PUT") && parts.length == 5 && parts[3].equals("tickets")
                && tickets.containsKey(parts[4])) {
            return FakeResponse.json(200, tickets.get(parts[4]).setAll((ObjectNode) body));
        } else if (method.equals("POST") && parts.length == 6 && parts[3].equals("tickets")
                && parts[5].equals("notes") && tickets.containsKey(parts[4])) {
            ObjectNode note = ((ObjectNode) body).deepCopy().put("id", ids.incrementAndGet());
            notes.computeIfAbsent(parts[4], t -> new ArrayList<>()).add(note);
            return FakeResponse.json(201, note);
        }
        return FakeResponse.json(404, json().put("code", "not_found"));
    }

    private static boolean matches(JsonNode contact, Map<String, String> query) {
        String email = query.get("email");
        String phone = query.get("phone");
        return (email != null && email.equalsIgnoreCase(contact.path("email").asText()))
                || (phone != null && phone.equals(contact.path("phone").asText()));
    }

    private static ObjectNode agent(long id, String name, String email) {
        ObjectNode agent = json().put("id", id).put("available", true);
        agent.putObject("contact").put("name", name).put("email", email);
        return agent;
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }

    @Override
    public void close() {
        server.close();
    }
}
