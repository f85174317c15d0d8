package io.switchboard.plugins.fieldshowcase.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.switchboard.testkit.fake.FakeRequest;
import io.switchboard.testkit.fake.FakeResponse;
import io.switchboard.testkit.fake.FakeVendorServer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The made-up "showcase service" of the {@code field-showcase} test plugin, on a free loopback port. It exists so
 * the platform's tests (admin screens, connection check, dynamic options) have a vendor to talk to; nothing about it
 * imitates a real product.
 *
 * <p>Wire format: every call is a GET with {@code Authorization: Bearer <token>}; only the one token given to the
 * constructor is accepted, anything else gets HTTP 401 {@code {"error":"invalid token"}}.
 * <ul>
 *   <li>{@code GET /api/ping} → {@code {"account":"<account>"}}</li>
 *   <li>{@code GET /api/teams} → {@code [{"id":"t1","name":"Support"}, …]}, the teams added with {@link #addTeam}
 *       in order (an empty array when none)</li>
 *   <li>any other path → 404, any other method → 405</li>
 * </ul>
 * {@link #failNext} / {@link #answerNext} make the next requests get a given status (and body) whatever they ask.
 * {@link #requests()} records every request, including the {@code Authorization} header it carried, so a test
 * can assert the token was sent.
 *
 * <pre>{@code
 * try (ShowcaseFake fake = new ShowcaseFake("acme", "T0K3N").addTeam("t1", "Support")) {
 *     Map<String, ?> config = Map.of("account", "acme", "api_token", "T0K3N", "base_url", fake.baseUrl());
 *     …
 *     assertThat(fake.requests()).extracting(ShowcaseFake.Request::authorization).containsOnly("Bearer T0K3N");
 * }
 * }</pre>
 */
public final class ShowcaseFake implements AutoCloseable {

    /** The account name {@code /api/ping} reports when the constructor is given none. */
    public static final String DEFAULT_ACCOUNT = "showcase-test";

    /**
     * One request the fake received.
     *
     * @param method        the HTTP method
     * @param path          the path, without query
     * @param authorization the {@code Authorization} header as sent, or {@code null} when absent
     */
    public record Request(String method, String path, String authorization) {
    }

    private record Team(String id, String name) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String account;
    private final String apiToken;
    private final List<Team> teams = new CopyOnWriteArrayList<>();
    private final FakeVendorServer server;

    /** Starts the fake for account {@value #DEFAULT_ACCOUNT}; it accepts only {@code apiToken}. */
    public ShowcaseFake(String apiToken) {
        this(DEFAULT_ACCOUNT, apiToken);
    }

    /** Starts the fake for {@code account}; it accepts only {@code apiToken}. */
    public ShowcaseFake(String account, String apiToken) {
        this.account = Objects.requireNonNull(account, "account");
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
        this.server = FakeVendorServer.start("showcase", this::handle);
    }

    /** @return the base URL to configure the connector with, e.g. {@code http://127.0.0.1:1234/} (ends in {@code /}) */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Adds a team listed by {@code /api/teams}. */
    public ShowcaseFake addTeam(String id, String name) {
        teams.add(new Team(id, name));
        return this;
    }

    /** The next {@code times} requests get {@code status} with an empty body, whatever they ask. */
    public void failNext(int times, int status) {
        server.failNext(times, status);
    }

    /** The next {@code times} requests get {@code status} and {@code body} (sent as JSON), whatever they ask. */
    public void answerNext(int times, int status, String body) {
        server.answerNext(times, FakeResponse.json(status, body == null ? "" : body));
    }

    /** @return every request received so far, in order */
    public List<Request> requests() {
        return server.requests().stream()
                .map(r -> new Request(r.method(), r.path(), r.header("Authorization"))).toList();
    }

    /** @return how many requests were received so far */
    public int requestCount() {
        return server.requestCount();
    }

    /** @return how many requests were sent to {@code path} (e.g. {@code /api/ping}) */
    public long requestCount(String path) {
        return server.requestCount(path);
    }

    private FakeResponse handle(FakeRequest request) {
        String path = request.path();
        if (!"/api/ping".equals(path) && !"/api/teams".equals(path)) {
            return FakeResponse.json(404, "{\"error\":\"not found\"}");
        }
        if (!"GET".equals(request.method())) {
            return FakeResponse.json(405, "{\"error\":\"method not allowed\"}");
        }
        if (!("Bearer " + apiToken).equals(request.header("Authorization"))) {
            return FakeResponse.json(401, "{\"error\":\"invalid token\"}");
        }
        if ("/api/ping".equals(path)) {
            return FakeResponse.json(200, json.createObjectNode().put("account", account));
        }
        ArrayNode list = json.createArrayNode();
        teams.forEach(team -> list.addObject().put("id", team.id()).put("name", team.name()));
        return FakeResponse.json(200, list);
    }

    @Override
    public void close() {
        server.close();
    }
}
