package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake ${connectorName} for tests: the part of its REST API (v2) the connector uses, over real HTTP on loopback,
 * with state to inspect and failures to inject. It checks the API key like the vendor does (HTTP Basic, the key as
 * user name) and answers 401 otherwise. Keep it close to the vendor's documented wire format: it is what the tests
 * prove the connector against.
 */
final class ${classPrefix}Fake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, ObjectNode> contacts = new LinkedHashMap<>();
    private final Map<String, ObjectNode> tickets = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> notes = new LinkedHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private int failures;
    private int failureStatus;
    private Integer failureRetryAfter;

    ${classPrefix}Fake(String apiKey) {
        this.apiKey = apiKey;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.start();
    }

    /** @return the helpdesk address to put in the connection's settings */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Adds a contact and returns its id. */
    synchronized String addContact(String name, String email, String phone) {
        String id = String.valueOf(ids.incrementAndGet());
        contacts.put(id, JSON.createObjectNode().put("id", Long.parseLong(id)).put("name", name).put("email", email)
                .put("phone", phone));
        return id;
    }

    synchronized ObjectNode ticket(String id) {
        return tickets.get(id);
    }

    synchronized List<ObjectNode> notes(String ticketId) {
        return List.copyOf(notes.getOrDefault(ticketId, List.of()));
    }

    /** @return "METHOD path" of every request, oldest first */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The next {@code times} requests fail with this status (and {@code Retry-After} seconds, when not null). */
    synchronized void failNext(int times, int status, Integer retryAfterSeconds) {
        failures = times;
        failureStatus = status;
        failureRetryAfter = retryAfterSeconds;
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        requests.add(method + " " + path);
        if (failures > 0) {
            failures--;
            if (failureRetryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(failureRetryAfter));
            }
            answer(exchange, failureStatus, JSON.createObjectNode().put("description", "injected failure"));
            return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":X")
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, JSON.createObjectNode().put("code", "invalid_credentials")
                    .put("message", "You have to be logged in to perform this action."));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String[] parts = path.split("/");
        if (method.equals("GET") && path.equals("/api/v2/agents/me")) {
            answer(exchange, 200, agent(1, "Anna Agent", "anna@example.com"));
        } else if (method.equals("GET") && path.equals("/api/v2/agents")) {
            answer(exchange, 200, JSON.createArrayNode().add(agent(1, "Anna Agent", "anna@example.com"))
                    .add(agent(2, "Boris Agent", "boris@example.com")));
        } else if (method.equals("GET") && path.equals("/api/v2/contacts")) {
            ArrayNode found = JSON.createArrayNode();
            contacts.values().stream().filter(c -> matches(c, query)).forEach(found::add);
            answer(exchange, 200, found);
        } else if (method.equals("POST") && path.equals("/api/v2/contacts")) {
            String id = addContact(body.path("name").asText(), body.path("email").asText(null),
                    body.path("phone").asText(null));
            answer(exchange, 201, contacts.get(id));
        } else if (method.equals("PUT") && parts.length == 5 && parts[3].equals("contacts")
                && contacts.containsKey(parts[4])) {
            contacts.get(parts[4]).setAll((ObjectNode) body);
            answer(exchange, 200, contacts.get(parts[4]));
        } else if (method.equals("GET") && path.equals("/api/v2/tickets")) {
            ArrayNode found = JSON.createArrayNode();
            List<ObjectNode> newestFirst = new ArrayList<>(tickets.values());
            java.util.Collections.reverse(newestFirst);
            newestFirst.stream().filter(t -> t.path("requester_id").asText().equals(query.get("requester_id")))
                    .forEach(found::add);
            answer(exchange, 200, found);
        } else if (method.equals("POST") && path.equals("/api/v2/tickets")) {
            String id = String.valueOf(ids.incrementAndGet());
            ObjectNode ticket = ((ObjectNode) body).deepCopy();
            ticket.put("id", Long.parseLong(id)).put("updated_at", "2024-05-02T10:00:00Z");
            tickets.put(id, ticket);
            answer(exchange, 201, ticket);
        } else if (method.equals("PUT") && parts.length == 5 && parts[3].equals("tickets")
                && tickets.containsKey(parts[4])) {
            tickets.get(parts[4]).setAll((ObjectNode) body);
            answer(exchange, 200, tickets.get(parts[4]));
        } else if (method.equals("POST") && parts.length == 6 && parts[3].equals("tickets")
                && parts[5].equals("notes") && tickets.containsKey(parts[4])) {
            ObjectNode note = ((ObjectNode) body).deepCopy().put("id", ids.incrementAndGet());
            notes.computeIfAbsent(parts[4], t -> new ArrayList<>()).add(note);
            answer(exchange, 201, note);
        } else {
            answer(exchange, 404, JSON.createObjectNode().put("code", "not_found"));
        }
    }

    private static boolean matches(JsonNode contact, Map<String, String> query) {
        String email = query.get("email");
        String phone = query.get("phone");
        return (email != null && email.equalsIgnoreCase(contact.path("email").asText()))
                || (phone != null && phone.equals(contact.path("phone").asText()));
    }

    private static ObjectNode agent(long id, String name, String email) {
        ObjectNode agent = JSON.createObjectNode().put("id", id).put("available", true);
        agent.putObject("contact").put("name", name).put("email", email);
        return agent;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
