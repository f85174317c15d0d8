package io.switchboard.plugins.ringostat.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ringostat's HTTP API on loopback, for now only the push of contact data to Ringostat Smart Phone and its contact
 * book, as Ringostat's knowledge-base article "API Ringostat. Sending Information to Ringostat Smart Phone and
 * Contact Book" (help.ringostat.com, article 9221318) describes it, and as public integration code calls it (PHP
 * and Node.js CRM bridges that send {@code contacts/sync} with both headers):
 *
 * <pre>
 * POST https://api.ringostat.net/minicrm/contacts/sync
 * auth-key: &lt;project key&gt;
 * x-project-id: &lt;project id&gt;
 * Content-Type: application/json
 *
 * {"contacts": [{"projectId": 12345, "fullName": "Іван Петренко", "externalId": "361",
 *                "contactLink": "https://…/users/361", "leadLink": "https://…/tickets/1042",
 *                "contactDirections": [{"type": "phone", "value": "380671234567"}]}]}
 * </pre>
 *
 * The article names the contact's fields {@code projectId}, {@code fullName}, {@code origin}, {@code externalId}
 * or {@code leadId}, {@code responsible}, {@code staffId}, {@code contactLink}, {@code leadLink}, {@code dealLink},
 * {@code googleClientId}, {@code contactDirections} ({@code type}, {@code name}, {@code value}) and
 * {@code organizations}; Smart Phone shows {@code contactLink} and {@code leadLink} as its "Contact" and "Lead"
 * buttons.
 *
 * <p>What the fake enforces, and what of it is inferred ([inf]: not in the article, to confirm on a live project):
 * <ul>
 *   <li>Only {@code POST /minicrm/contacts/sync}; other paths 404, other methods 405 [inf].</li>
 *   <li>Header {@code auth-key} equal to the project key, else 401 {@code {"error":"Unauthorized"}} ([inf] status
 *       and body). Header names are case-insensitive (HTTP), so {@code Auth-key} works too.</li>
 *   <li>Header {@code x-project-id} equal to the project id, else 403 {@code {"error":"Forbidden"}} ([inf] status
 *       and body); a contact's {@code projectId}, when sent, must be the same project (400 otherwise) [inf].</li>
 *   <li>A JSON object body with a non-empty {@code contacts} array; every contact has a non-blank {@code fullName}
 *       and at least one {@code contactDirections} entry with {@code type} and {@code value} (one public client
 *       skips contacts without a phone or e-mail "because Ringostat requires one") — else 400
 *       {@code {"error": "…"}} [inf].</li>
 *   <li>Accepted contacts are kept in a contact book keyed by {@code externalId} (else the first direction's
 *       value): a later push of the same contact replaces it [inf: "sync" read as an upsert]. The answer is 200
 *       {@code {"status":"ok"}} [inf: the body is not documented; clients only test for 2xx].</li>
 * </ul>
 * {@link #failNext} makes the next requests fail with a status. Base URL for the connector's {@code api_url}:
 * {@link #baseUrl()} (ends in {@code /}).
 */
public final class RingostatApiFake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One contact as Ringostat keeps it (the raw JSON object in {@link #json()}). */
    public record Contact(String fullName, String externalId, String contactLink, String leadLink,
                          List<String> phones, JsonNode json) {
    }

    /**
     * One request that reached the fake, accepted or not.
     *
     * @param method    the HTTP method
     * @param path      the path
     * @param authKey   the {@code auth-key} header, or {@code null}
     * @param projectId the {@code x-project-id} header, or {@code null}
     * @param body      the body as text
     * @param status    the status the fake answered
     */
    public record Request(String method, String path, String authKey, String projectId, String body, int status) {
    }

    private final String authKey;
    private final String projectId;
    private final Map<String, Contact> book = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failStatus;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    /** Starts the fake for one project: its Auth-key and its id. */
    public RingostatApiFake(String authKey, String projectId) {
        this.authKey = authKey;
        this.projectId = projectId;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Ringostat fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the base URL, e.g. {@code http://localhost:1234/} */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    /** The next {@code times} requests fail with {@code status} and an empty body, and change nothing. */
    public void failNext(int times, int status) {
        failStatus = status;
        failures.set(times);
    }

    /** @return every request so far, in order, with the status it got */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** @return the contacts of accepted pushes, in order, one entry per contact pushed (repeats included) */
    public synchronized List<Contact> pushedContacts() {
        List<Contact> all = new ArrayList<>();
        for (Request r : requests) {
            if (r.status() == 200) {
                all.addAll(contactsOf(read(r.body())));
            }
        }
        return all;
    }

    /** @return the contact book: the latest version of each contact */
    public synchronized List<Contact> contacts() {
        return List.copyOf(book.values());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("auth-key");
            String project = exchange.getRequestHeaders().getFirst("x-project-id");
            int status;
            String answer;
            if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                status = failStatus;
                answer = "";
            } else if (!"/minicrm/contacts/sync".equals(path)) {
                status = 404;
                answer = "{\"error\":\"Not found\"}";
            } else if (!"POST".equals(method)) {
                status = 405;
                answer = "{\"error\":\"Method not allowed\"}";
            } else if (key == null || !key.equals(authKey)) {
                status = 401;
                answer = "{\"error\":\"Unauthorized\"}";
            } else if (project == null || !project.trim().equals(projectId)) {
                status = 403;
                answer = "{\"error\":\"Forbidden\"}";
            } else {
                String problem = problem(read(body));
                status = problem == null ? 200 : 400;
                answer = problem == null ? "{\"status\":\"ok\"}" : JSON.createObjectNode().put("error", problem)
                        .toString();
            }
            synchronized (this) {
                requests.add(new Request(method, path, key, project, body, status));
                if (status == 200) {
                    for (Contact contact : contactsOf(read(body))) {
                        book.put(contact.externalId() != null ? contact.externalId() : contact.phones().get(0),
                                contact);
                    }
                }
            }
            send(exchange, status, answer);
        }
    }

    /** @return why the body is refused, or {@code null} when it is accepted */
    private String problem(JsonNode root) {
        if (root == null || !root.isObject()) {
            return "The body must be a JSON object";
        }
        JsonNode contacts = root.get("contacts");
        if (contacts == null || !contacts.isArray() || contacts.isEmpty()) {
            return "contacts must be a non-empty array";
        }
        for (JsonNode c : contacts) {
            if (!c.isObject()) {
                return "Every contact must be an object";
            }
            if (!c.path("fullName").isTextual() || c.path("fullName").asText().isBlank()) {
                return "fullName is required";
            }
            if (c.has("projectId") && !c.get("projectId").asText().equals(projectId)) {
                return "projectId does not match x-project-id";
            }
            JsonNode directions = c.get("contactDirections");
            if (directions == null || !directions.isArray() || directions.isEmpty()) {
                return "contactDirections must hold at least one phone or e-mail";
            }
            for (JsonNode d : directions) {
                if (!d.path("type").isTextual() || d.path("value").asText("").isBlank()) {
                    return "Every contactDirections entry needs type and value";
                }
            }
        }
        return null;
    }

    private static List<Contact> contactsOf(JsonNode root) {
        List<Contact> result = new ArrayList<>();
        for (JsonNode c : root.path("contacts")) {
            List<String> phones = new ArrayList<>();
            c.path("contactDirections").forEach(d -> phones.add(d.path("value").asText()));
            result.add(new Contact(text(c, "fullName"), text(c, "externalId"), text(c, "contactLink"),
                    text(c, "leadLink"), List.copyOf(phones), c.deepCopy()));
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
