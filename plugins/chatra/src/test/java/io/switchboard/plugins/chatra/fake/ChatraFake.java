package io.switchboard.plugins.chatra.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chatra's REST API on loopback, built from public sources about Chatra — never from a Switchboard Chatra plugin —
 * so that a plugin's reading of Chatra is checked against an independent one. Strict where the sources are, marked
 * [inf] where it guesses.
 *
 * <h2>Sources</h2>
 * <ul>
 *   <li>Chatra's API help page, https://chatra.com/help/api/ : its table of contents names the REST API sections
 *       (Data format, Authorization, Errors, Rate limiting, messages/POST…) and "Pushing messages to users with bound
 *       accounts". The sections' full text was not retrievable for this fake; the facts below come from the next
 *       sources, which agree with each other.</li>
 *   <li>dltHub's Chatra page, https://dlthub.com/context/source/chatra : base URL {@code https://app.chatra.io/api},
 *       {@code Authorization: Chatra.Simple <public key>:<secret key>} "or HTTP Basic authentication as an
 *       alternative"; endpoints {@code GET /messages/:id}, {@code GET /pushedMessages/:id}, {@code GET /clients/:id},
 *       {@code POST /messages/} ("send a message as an agent"), {@code POST /pushedMessages/}.</li>
 *   <li>The tool descriptions of a public Chatra MCP connector (glama.ai, "Chatra MCP by usefulapi"):
 *       https://glama.ai/mcp/connectors/io.usefulapi/chatra/tools/chatra_send_message ({@code POST /messages/}:
 *       {@code clientId}, {@code text} 1–5000 characters, the agent as {@code agentId} or as {@code agentEmail} +
 *       {@code agentName} + {@code receivedFrom}; "a dummy agent is created in Chatra when the email is unknown";
 *       {@code receivedFrom} "marks the message in webhooks"), …/chatra_push_message ({@code POST /pushedMessages/}:
 *       random agent, a given {@code agentId} or a random agent of {@code groupId}), …/chatra_get_visitor
 *       ({@code GET /clients/{id}}: {@code basicInfo}, {@code integrationData}, merged {@code info}, location,
 *       browser, chat link, group, pages of the latest visit; "Chatra has no endpoint to list or search visitors"),
 *       …/chatra_update_visitor ({@code PUT /clients/{id}}: {@code name}, {@code email}, {@code phone},
 *       {@code notes}; only the fields passed change, {@code null} removes a value; returns the visitor),
 *       …/chatra_get_message ({@code GET /messages/{id}}: type, text, client id, agent id, timestamp in ms,
 *       {@code receivedFrom}; no endpoint lists a conversation), …/chatra_get_pushed_message,
 *       …/chatra_edit_pushed_message, …/chatra_delete_pushed_message.</li>
 *   <li>Public clients that call the real service: a Python client ({@code send_pushed_message}: {@code clientId},
 *       {@code text}, optional {@code agentId} / {@code groupId} to {@code /pushedMessages/}; Chatra.Simple or Basic
 *       auth), a Rails controller and its RSpec ({@code clientId} + {@code text} JSON with Chatra.Simple), the Go
 *       service {@code Vovarama1992/chatra-ai-bridge} ({@code internal/chatra/outbound_chatra.go}: JSON POST to
 *       {@code /pushedMessages}, {@code PUT /clients/:id} with {@code notes}; any status ≥ 300 is an error) and a Bun
 *       bridge (JSON POST to {@code /pushedMessages/}).</li>
 * </ul>
 *
 * <h2>What it implements</h2>
 * <ul>
 *   <li>Everything under {@code /api/}; a trailing slash is optional.</li>
 *   <li>Auth: {@code Authorization: Chatra.Simple <public>:<secret>} or {@code Basic base64(<public>:<secret>)};
 *       anything else is 401 {@code {"error": "…"}} [inf: the error body's shape].</li>
 *   <li>{@code GET /clients/{id}}: the visitor as {@link ChatraVisitor} describes, 404 when unknown [inf].
 *       {@code PUT /clients/{id}}: JSON with any of {@code name}, {@code email}, {@code phone}, {@code notes}; a
 *       {@code null} removes the value; other keys are 400 [inf]; answers the updated visitor.</li>
 *   <li>{@code POST /messages/}: {@code clientId} (unknown: 404 [inf]), {@code text} 1–5000 characters (else 400
 *       [inf: the status]), the agent as {@code agentId} (unknown: 400 [inf]) or {@code agentEmail} + {@code agentName}
 *       (an unknown e-mail creates a dummy agent, as documented; a known one is matched case-insensitively [inf]);
 *       neither: 400 [inf]. Answers the message {@code {id, type: "agent", clientId, agentId, text, createdAt,
 *       receivedFrom}} [inf: the answer's keys beyond {@code id}]. {@code GET /messages/{id}}.</li>
 *   <li>{@code POST /pushedMessages/}: {@code clientId}, {@code text}, optional {@code agentId} / {@code groupId}
 *       (no agent: the first agent added, standing for "a random agent"); answers the message with
 *       {@code isPushed: true}. {@code GET}, {@code PUT} ({@code text}) and {@code DELETE /pushedMessages/{id}}.</li>
 *   <li>A request body that is not JSON: 400 [inf]. Unknown paths: 404; a known path with another method: 405 [inf].</li>
 * </ul>
 * A message the fake accepts is delivered however the visitor is: Chatra e-mails a reply to a visitor who has left
 * and gave an e-mail (Chatra's own help, cited in the plugin README); the fake records {@link SentMessage#emailed()}
 * for a visitor marked {@linkplain #leave(String) gone} who has an e-mail [inf: Chatra's API says nothing of it].
 *
 * <h2>Seeding, reading, faults</h2>
 * Seed with {@link #addAgent} and {@link #addVisitor}; read {@link #sentMessages()}, {@link #visitor(String)},
 * {@link #agents()}, {@link #requests()} (method and path only: never a header, so never a key). {@link #failNext}
 * answers the next requests with an error status (and {@code Retry-After} when given) without applying them. The fake
 * answers only on loopback and never opens a connection itself.
 */
public final class ChatraFake implements AutoCloseable {

    /** An agent; {@code dummy} when Chatra created it for an unknown {@code agentEmail}. */
    public record Agent(String id, String name, String email, boolean dummy) {
    }

    /**
     * A message the fake accepted.
     *
     * @param id           its id
     * @param clientId     the visitor it went to
     * @param text         its text
     * @param agentId      the agent it was sent as
     * @param receivedFrom the sending system's mark, or {@code null}
     * @param pushed       true when sent with {@code /pushedMessages/}
     * @param emailed      true when the visitor had left and gets it by e-mail
     * @param createdAt    epoch milliseconds
     */
    public record SentMessage(String id, String clientId, String text, String agentId, String receivedFrom,
                              boolean pushed, boolean emailed, long createdAt) {
    }

    private static final int MAX_TEXT = 5000;
    private static final Pattern PATH = Pattern.compile("^/api/(clients|messages|pushedMessages)(?:/([^/]+))?/?$");
    private static final Set<String> CLIENT_FIELDS = Set.of("name", "email", "phone", "notes");

    private final String publicKey;
    private final String secretKey;
    private final Object lock = new Object();
    private final Map<String, ChatraVisitor> visitors = new LinkedHashMap<>();
    private final Set<String> gone = new java.util.HashSet<>();
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, SentMessage> messages = new LinkedHashMap<>();
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Integer failureRetryAfter;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private long clock = 1_718_000_000_000L;

    /** Starts the fake on a free loopback port; it accepts only this key pair. */
    public ChatraFake(String publicKey, String secretKey) {
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Chatra fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return {@code http://localhost:<port>/api}, without a trailing slash (Chatra's {@code https://app.chatra.io/api}) */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/api";
    }

    // ---------------------------------------------------------------- seeding and reading

    /** Adds an agent; the first one added stands for "a random agent" of pushed messages. Returns its id. */
    public String addAgent(String name, String email) {
        synchronized (lock) {
            String id = ChatraWire.newId();
            agents.put(id, new Agent(id, name, email, false));
            return id;
        }
    }

    /** Adds or replaces a visitor (by its id). */
    public void addVisitor(ChatraVisitor visitor) {
        synchronized (lock) {
            visitors.put(visitor.id(), Objects.requireNonNull(visitor));
        }
    }

    /** Marks a visitor as gone from the site: later messages to them are e-mailed when they gave an e-mail. */
    public void leave(String clientId) {
        synchronized (lock) {
            gone.add(clientId);
        }
    }

    /** @return the visitor as the fake holds it now */
    public ChatraVisitor visitor(String clientId) {
        synchronized (lock) {
            ChatraVisitor v = visitors.get(clientId);
            if (v == null) {
                throw new IllegalArgumentException("unknown visitor " + clientId);
            }
            return v;
        }
    }

    /** @return the agents, in the order added (dummy agents too) */
    public List<Agent> agents() {
        synchronized (lock) {
            return List.copyOf(agents.values());
        }
    }

    /** @return the messages accepted (sent and pushed, deleted ones excluded), oldest first */
    public List<SentMessage> sentMessages() {
        synchronized (lock) {
            return List.copyOf(messages.values());
        }
    }

    /** @return one line per request: method and path, e.g. {@code POST /api/messages/}; never headers or bodies */
    public List<String> requests() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    /** The next request gets {@code status} with an error body; nothing is applied. */
    public void failNext(int status) {
        failNext(1, status, null);
    }

    /** The next {@code times} requests get {@code status}, with {@code Retry-After} when not null; nothing applied. */
    public void failNext(int times, int status, Integer retryAfterSeconds) {
        failureStatus = status;
        failureRetryAfter = retryAfterSeconds;
        failuresLeft.set(times);
    }

    // ---------------------------------------------------------------- HTTP

    private record Answer(int status, JsonNode body) {
    }

    private static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            requestLog.add(method + " " + path);
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (failureRetryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", String.valueOf(failureRetryAfter));
                }
                send(exchange, error(failureStatus, failureStatus == 429 ? "Too many requests" : "Injected failure"));
                return;
            }
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, error(401, "Invalid or missing API keys"));
                return;
            }
            Answer answer;
            try {
                JsonNode json = body.length == 0 ? null : parse(body);
                synchronized (lock) {
                    answer = route(method, path, json);
                }
            } catch (Refused e) {
                answer = error(e.status, e.getMessage());
            }
            send(exchange, answer);
        } finally {
            exchange.close();
        }
    }

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        String pair = publicKey + ":" + secretKey;
        if (header.startsWith("Chatra.Simple ")) {
            return header.substring("Chatra.Simple ".length()).trim().equals(pair);
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                return new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8)
                        .equals(pair);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private static JsonNode parse(byte[] body) throws Refused {
        try {
            return ChatraWire.JSON.readTree(body);
        } catch (IOException e) {
            throw new Refused(400, "The request body is not JSON");
        }
    }

    private Answer route(String method, String path, JsonNode body) throws Refused {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return error(404, "Not found: " + path);
        }
        String resource = m.group(1);
        String id = m.group(2);
        String key = resource + (id == null ? "" : "/id");
        return switch (key) {
            case "clients/id" -> switch (method) {
                case "GET" -> new Answer(200, ChatraWire.visitor(knownVisitor(id, 404), false));
                case "PUT" -> updateVisitor(id, object(body));
                default -> error(405, "Use GET or PUT for " + path);
            };
            case "messages" -> "POST".equals(method) ? sendMessage(object(body), false)
                    : error(405, "Use POST for " + path);
            case "pushedMessages" -> "POST".equals(method) ? sendMessage(object(body), true)
                    : error(405, "Use POST for " + path);
            case "messages/id" -> "GET".equals(method) ? new Answer(200, messageJson(knownMessage(id, false)))
                    : error(405, "Use GET for " + path);
            case "pushedMessages/id" -> switch (method) {
                case "GET" -> new Answer(200, messageJson(knownMessage(id, true)));
                case "PUT" -> editPushed(id, object(body));
                case "DELETE" -> new Answer(200, messageJson(messages.remove(knownMessage(id, true).id())));
                default -> error(405, "Use GET, PUT or DELETE for " + path);
            };
            default -> error(404, "Not found: " + path);
        };
    }

    private Answer updateVisitor(String id, JsonNode body) throws Refused {
        ChatraVisitor v = knownVisitor(id, 404);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", v.name());
        values.put("email", v.email());
        values.put("phone", v.phone());
        values.put("notes", v.notes());
        var fields = body.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!CLIENT_FIELDS.contains(field.getKey())) {
                throw new Refused(400, "Unknown field '" + field.getKey() + "': name, email, phone and notes can "
                        + "be changed");
            }
            JsonNode value = field.getValue();
            if (!value.isNull() && !value.isTextual()) {
                throw new Refused(400, "'" + field.getKey() + "' must be a string or null");
            }
            values.put(field.getKey(), value.isNull() ? null : value.asText());
        }
        ChatraVisitor updated = v.introduced(values.get("name"), values.get("email"), values.get("phone"))
                .withNotes(values.get("notes"));
        visitors.put(id, updated);
        return new Answer(200, ChatraWire.visitor(updated, false));
    }

    private Answer sendMessage(JsonNode body, boolean pushed) throws Refused {
        String clientId = text(body, "clientId");
        if (clientId == null) {
            throw new Refused(400, "clientId is required");
        }
        String text = text(body, "text");
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            throw new Refused(400, "text must be 1 to " + MAX_TEXT + " characters");
        }
        ChatraVisitor visitor = knownVisitor(clientId, 404);
        Agent agent = pushed ? pushedAgent(text(body, "agentId")) : messageAgent(body);
        String id = ChatraWire.newId();
        SentMessage message = new SentMessage(id, clientId, text, agent.id(), pushed ? null : text(body,
                "receivedFrom"), pushed, gone.contains(clientId) && visitor.email() != null, clock += 1000);
        messages.put(id, message);
        return new Answer(200, messageJson(message));
    }

    private Agent pushedAgent(String agentId) throws Refused {
        if (agentId != null) {
            return knownAgent(agentId);
        }
        return agents.values().stream().filter(a -> !a.dummy()).findFirst()
                .orElseThrow(() -> new Refused(400, "The account has no agents"));
    }

    private Agent messageAgent(JsonNode body) throws Refused {
        String agentId = text(body, "agentId");
        if (agentId != null) {
            return knownAgent(agentId);
        }
        String email = text(body, "agentEmail");
        String name = text(body, "agentName");
        if (email == null || name == null) {
            throw new Refused(400, "Say which agent writes: agentId, or agentEmail and agentName");
        }
        for (Agent a : agents.values()) {
            if (a.email() != null && a.email().equalsIgnoreCase(email)) {
                return a;
            }
        }
        Agent dummy = new Agent(ChatraWire.newId(), name, email, true);
        agents.put(dummy.id(), dummy);
        return dummy;
    }

    private Answer editPushed(String id, JsonNode body) throws Refused {
        SentMessage old = knownMessage(id, true);
        String text = text(body, "text");
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            throw new Refused(400, "text must be 1 to " + MAX_TEXT + " characters");
        }
        SentMessage edited = new SentMessage(old.id(), old.clientId(), text, old.agentId(), null, true,
                old.emailed(), old.createdAt());
        messages.put(id, edited);
        return new Answer(200, messageJson(edited));
    }

    private ObjectNode messageJson(SentMessage m) {
        ObjectNode node = ChatraWire.JSON.createObjectNode();
        node.put("id", m.id());
        node.put("type", "agent");
        node.put("clientId", m.clientId());
        node.put("agentId", m.agentId());
        node.put("text", m.text());
        node.put("createdAt", m.createdAt());
        if (m.pushed()) {
            node.put("isPushed", true);
        } else if (m.receivedFrom() != null) {
            node.put("receivedFrom", m.receivedFrom());
        }
        return node;
    }

    private ChatraVisitor knownVisitor(String id, int status) throws Refused {
        ChatraVisitor v = visitors.get(id);
        if (v == null) {
            throw new Refused(status, "Client not found");
        }
        return v;
    }

    private Agent knownAgent(String id) throws Refused {
        Agent a = agents.get(id);
        if (a == null) {
            throw new Refused(400, "Agent not found: " + id);
        }
        return a;
    }

    private SentMessage knownMessage(String id, boolean pushed) throws Refused {
        SentMessage m = messages.get(id);
        if (m == null || m.pushed() != pushed) {
            throw new Refused(404, "Message not found");
        }
        return m;
    }

    private static JsonNode object(JsonNode body) throws Refused {
        if (body == null || !body.isObject()) {
            throw new Refused(400, "A JSON object is expected");
        }
        return body;
    }

    private static String text(JsonNode body, String key) {
        JsonNode value = body.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Answer error(int status, String message) {
        return new Answer(status, ChatraWire.JSON.createObjectNode().put("error", message));
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = ChatraWire.JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ChatraFake[" + baseUrl() + ", " + visitors.size() + " visitors, " + agents.size() + " agents]";
        }
    }
}
