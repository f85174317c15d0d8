package io.switchboard.testkit.fakes.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Usedesk API on loopback that follows {@code vendors/usedesk.md}: every method is a POST, the {@code api_token}
 * travels in the body (JSON or form), errors are {@code {"error": …, "code": …}} objects.
 *
 * <p>Answers: a wrong or missing token gets HTTP 401 with an error object (the vendor documents error objects
 * with 200 or 4xx; 401 is our choice and the connector must handle both). Fault injection: {@link #failNext}
 * makes the next requests fail with a status and optional {@code Retry-After}.
 *
 * <p>Implemented methods: {@code /users} (agents; filter {@code user_id}). The ticket and client methods arrive
 * with the call-to-ticket flow (issue #6); until then they answer 404 {@code {"error":"Unknown method"}}.
 */
public final class UsedeskFake implements AutoCloseable {

    /** An agent as {@code /users} returns it. */
    public record Agent(long id, String name, String email, String role) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String apiToken;
    private final List<Agent> agents = new CopyOnWriteArrayList<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Integer failureRetryAfter;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    /** Starts the fake on a free loopback port; it accepts only {@code apiToken}. */
    public UsedeskFake(String apiToken) {
        this.apiToken = apiToken;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Usedesk fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the base URL to configure the connector with, ending in {@code /} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Adds an agent returned by {@code /users}. */
    public UsedeskFake addAgent(long id, String name, String email) {
        agents.add(new Agent(id, name, email, "employee"));
        return this;
    }

    /** The next {@code times} requests fail with {@code status}, with {@code Retry-After} when not {@code null}. */
    public void failNext(int times, int status, Integer retryAfterSeconds) {
        failureStatus = status;
        failureRetryAfter = retryAfterSeconds;
        failuresLeft.set(times);
    }

    /** @return the paths requested so far, in order */
    public List<String> requests() {
        return List.copyOf(requestLog);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requestLog.add(path);
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("Method not allowed: Usedesk methods are POST", 405));
                return;
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (failureRetryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", String.valueOf(failureRetryAfter));
                }
                send(exchange, failureStatus, error("Injected failure", failureStatus));
                return;
            }
            ObjectNode body = readBody(exchange);
            if (!apiToken.equals(body.path("api_token").asText(null))) {
                send(exchange, 401, error("Invalid api_token", 401));
                return;
            }
            switch (path) {
                case "/users" -> send(exchange, 200, users(body));
                default -> send(exchange, 404, error("Unknown method", 404));
            }
        }
    }

    private JsonNode users(ObjectNode request) {
        ArrayNode result = json.createArrayNode();
        long only = request.path("user_id").asLong(0);
        for (Agent agent : agents) {
            if (only == 0 || agent.id() == only) {
                result.addObject().put("id", agent.id()).put("name", agent.name()).put("email", agent.email())
                        .put("role", agent.role()).putArray("groups");
            }
        }
        return result;
    }

    /** Reads a JSON or form body into one object (form fields as strings), as Usedesk accepts both. */
    private ObjectNode readBody(HttpExchange exchange) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode node = json.createObjectNode();
            for (String pair : text.split("&")) {
                String[] kv = pair.split("=", 2);
                if (!kv[0].isEmpty()) {
                    node.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            return node;
        }
        try {
            JsonNode node = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            return node instanceof ObjectNode object ? object : json.createObjectNode();
        } catch (IOException malformed) {
            return json.createObjectNode();
        }
    }

    private JsonNode error(String message, int code) {
        return json.valueToTree(Map.of("error", message, "code", code));
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
