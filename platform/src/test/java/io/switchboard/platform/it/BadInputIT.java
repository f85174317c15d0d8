package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.platform.it.ApiClient.Answer;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input gets a clear 4xx, never a 5xx or a stack trace (issue #25). Sent over a raw socket, so every byte goes on
 * the wire as written:
 * <ul>
 * <li>every REST route (every method it has), once with a bearer token of the right role and once anonymously, with
 * the bodies {@code []}, {@code null}, {@code "x"}, {@code 42}, {@code {}, {@code {}}, fields of the wrong JSON type,
 * an empty body, no body, a 2 MB JSON string, invalid UTF-8, {@code text/plain} and {@code application/xml}
 * instead of JSON, and a form with a stray {@code %};</li>
 * <li>the inbound URLs of a real Sipuni and a real Usedesk connection (with and without their secret), the same bodies
 * plus malformed form encodings, as a form, as text and without a content type;</li>
 * <li>sign-in and an admin page posted with stale, forged or malformed Faces view states, with and without a
 * session;</li>
 * <li>a 20 KB header, a 20 KB cookie, odd {@code Accept} and {@code Authorization} headers, a bad
 * {@code Content-Length} and a broken chunked body.</li>
 * </ul>
 * Checked: no answer has a status of 500 or more (so no "Internal error; reference" answer either); every 4xx of the
 * API and of the inbound URLs is JSON with {@code status} and a non-empty {@code message} that names no Java class;
 * the Faces pages end on the sign-in page, the page itself, or a 400; and the platform's console, as the container
 * copies it into this JVM ({@link CapturedOutput}), shows no stack trace while the requests run (console lines
 * without a stack are allowed and not counted). A bare 4xx (no body, no content type) is the container refusing the request before the
 * application sees it — a 20 KB header is over Grizzly's limit, a GET or DELETE with a body, a broken chunk — and is
 * accepted as it is; Grizzly's own stack for a broken chunk is turned into one FINE line (MalformedRequestLog), so
 * it is counted like any other stack. Not checked: log lines written to a file instead of the console,
 * the pipeline's later processing of the (few) events the inbound URLs accept (it is asynchronous; its failures are
 * the activity log's business), and what the container itself does with a request line it cannot parse beyond the
 * status it answers with.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class BadInputIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String SIPUNI_SECRET = "sipuni-secret-" + UUID.randomUUID();
    private static final String USEDESK_TOKEN = "usedesk-token-" + UUID.randomUUID();
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration QUIET_DEADLINE = Duration.ofSeconds(20);
    private static Setup setup;

    @ArquillianResource
    private URL base;

    /** Who calls a route with a token. */
    private enum Role { OPERATOR, ADMIN }

    /** A route of the API as called: method, path under {@code /api/v1/} and the role it wants. */
    private record Route(String method, String path, Role role) {
    }

    /** A body as sent: its name in reports, its Content-Type ({@code null}: none), its bytes ({@code null}: none). */
    private record Body(String name, String contentType, byte[] bytes) {

        static Body of(String name, String contentType, String text) {
            return new Body(name, contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The tenant, its connections and tokens everything is sent with. */
    private record Setup(String operatorToken, String adminToken, String slug, String sipuniId, String sipuniUrl,
                         String usedeskUrl, String spareConnectionId) {
    }

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @Test
    void everyApiRouteAnswersBadBodiesWithA4xxInJsonAndLogsNoStack() {
        Setup s = setup();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        try (CapturedOutput log = CapturedOutput.start()) {
            for (Route route : routes(s)) {
                String token = route.role() == Role.OPERATOR ? s.operatorToken() : s.adminToken();
                for (String caller : new String[] {null, token}) {
                    for (Body body : apiBodies()) {
                        Map<String, String> headers = new LinkedHashMap<>();
                        if (caller != null) {
                            headers.put("Authorization", "Bearer " + caller);
                        }
                        send(route.method(), "/api/v1/" + route.path(), headers, body, true, failures);
                        sent++;
                    }
                }
            }
            log.awaitQuiet(QUIET, QUIET_DEADLINE);
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(failures).as("of %d API requests", sent).isEmpty();
            softly.assertThat(log.stackHeadlines()).as("stacks logged during %d API requests", sent).isEmpty();
            softly.assertAll();
        }
    }

    @Test
    void inboundUrlsAnswerBadBodiesAndBrokenFormsWithoutA5xxOrAStack() {
        Setup s = setup();
        List<String> failures = new ArrayList<>();
        List<Body> bodies = new ArrayList<>(apiBodies());
        bodies.addAll(brokenForms());
        String[] urls = {
            s.sipuniUrl() + "?token=" + SIPUNI_SECRET,
            s.sipuniUrl(),
            s.sipuniUrl() + "?token=" + SIPUNI_SECRET + "&call_id=%&a=%zz",
            s.usedeskUrl(),
        };
        int sent = 0;
        try (CapturedOutput log = CapturedOutput.start()) {
            for (String url : urls) {
                for (String method : new String[] {"POST", "GET", "PUT"}) {
                    for (Body body : bodies) {
                        send(method, url, Map.of(), body, true, failures);
                        sent++;
                    }
                }
            }
            log.awaitQuiet(QUIET, QUIET_DEADLINE);
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(failures).as("of %d inbound requests", sent).isEmpty();
            softly.assertThat(log.stackHeadlines()).as("stacks logged during %d inbound requests", sent).isEmpty();
            softly.assertAll();
        }
    }

    @Test
    void aStaleOrForgedViewStateEndsOnTheSignInPageOrThePageItself() {
        Setup s = setup();
        List<String> failures = new ArrayList<>();
        String[] states = {"garbage", "", "1:2", ":", "-1:-1", "%", "%zz", "stateless", "x".repeat(10_000),
            "-9223372036854775808:9223372036854775807", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA=="};
        try (CapturedOutput log = CapturedOutput.start()) {
            for (String state : states) {
                RawHttp anonymous = new RawHttp(base);
                check(failures, "login without a session, view state " + abbreviate(state),
                        loginPost(anonymous, state));
                RawHttp withSession = new RawHttp(base);
                withSession.get("/login.xhtml");
                check(failures, "login with a session, view state " + abbreviate(state), loginPost(withSession, state));
                RawHttp admin = new RawHttp(base).signIn("admin@" + s.slug() + ".test", PASSWORD);
                Map<String, String> form = new LinkedHashMap<>();
                form.put("jakarta.faces.ViewState", state);
                form.put("form", "form");
                check(failures, "connections page signed in, view state " + abbreviate(state),
                        admin.post("/admin/connections.xhtml", form));
                check(failures, "connections page anonymous, view state " + abbreviate(state),
                        new RawHttp(base).post("/admin/connections.xhtml", form));
            }
            log.awaitQuiet(QUIET, QUIET_DEADLINE);
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(failures).isEmpty();
            softly.assertThat(log.stackHeadlines()).as("stack trace lines logged for forged view states").isEmpty();
            softly.assertAll();
        }
    }

    @Test
    void oversizedHeadersAndMalformedRequestsGetNo5xx() {
        Setup s = setup();
        List<String> failures = new ArrayList<>();
        String big = "x".repeat(20 * 1024);
        List<Map<String, String>> headerSets = List.of(
                Map.of("X-Big", big),
                Map.of("Cookie", "JSESSIONID=" + big),
                Map.of("Authorization", "Bearer " + big),
                Map.of("Authorization", "Bearer"),
                Map.of("Authorization", "Basic !!!"),
                Map.of("Authorization", "Bearer " + s.adminToken(), "Accept", "application/xml"),
                Map.of("Authorization", "Bearer " + s.adminToken(), "Accept", "text/html"),
                Map.of("Authorization", "Bearer " + s.adminToken(), "Content-Type", "application/json; charset=bogus"),
                Map.of("Authorization", "Bearer " + s.adminToken(), "Content-Type", ";;;"),
                Map.of("Authorization", "Bearer " + s.adminToken(), "Content-Type", "application/json",
                        "Transfer-Encoding", "chunked"));
        String[] targets = {"/api/v1/connections", "/api/v1/tokens", "/login.xhtml",
            s.sipuniUrl() + "?token=" + SIPUNI_SECRET, s.usedeskUrl(), "/health", "/"};
        int sent = 0;
        try (CapturedOutput log = CapturedOutput.start()) {
            for (String target : targets) {
                for (Map<String, String> headers : headerSets) {
                    for (String method : new String[] {"GET", "POST"}) {
                        // A chunked body that is not: a bad chunk size.
                        Body body = headers.containsKey("Transfer-Encoding")
                                ? Body.of("broken chunks", null, "zz\r\n{}\r\n0\r\n\r\n")
                                : Body.of("{}", null, "{}");
                        send(method, target, headers, body, target.startsWith("/api/") || target.startsWith("/hooks/"),
                                failures, !headers.containsKey("Transfer-Encoding"));
                        sent++;
                    }
                }
            }
            log.awaitQuiet(QUIET, QUIET_DEADLINE);
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(failures).as("of %d requests", sent).isEmpty();
            // A broken chunk is refused by Grizzly before the application sees a byte; its stack trace is kept out
            // of the log by MalformedRequestLog.
            softly.assertThat(log.stackHeadlines()).as("stack trace lines logged for odd headers").isEmpty();
            softly.assertAll();
        }
    }

    private List<Route> routes(Setup s) {
        String connection = s.spareConnectionId();
        return List.of(
                new Route("POST", "tokens", Role.ADMIN),
                new Route("GET", "tokens", Role.ADMIN),
                new Route("DELETE", "tokens/999999999", Role.ADMIN),
                new Route("DELETE", "tokens/abc", Role.ADMIN),
                new Route("GET", "tenants", Role.OPERATOR),
                new Route("POST", "tenants", Role.OPERATOR),
                new Route("POST", "tenants/no-such-tenant/disable", Role.OPERATOR),
                new Route("POST", "tenants/no-such-tenant/enable", Role.OPERATOR),
                new Route("GET", "users", Role.ADMIN),
                new Route("POST", "users", Role.ADMIN),
                new Route("DELETE", "users/999999999", Role.ADMIN),
                new Route("DELETE", "users/abc", Role.ADMIN),
                new Route("GET", "plugins", Role.OPERATOR),
                new Route("GET", "catalogue", Role.ADMIN),
                new Route("PUT", "catalogue/ringostat", Role.ADMIN),
                new Route("DELETE", "catalogue/ringostat", Role.ADMIN),
                new Route("PUT", "catalogue/no-such-plugin", Role.ADMIN),
                new Route("GET", "connectors/sipuni/schema", Role.ADMIN),
                new Route("GET", "connectors/no-such/schema", Role.ADMIN),
                new Route("GET", "connections", Role.ADMIN),
                new Route("POST", "connections", Role.ADMIN),
                new Route("GET", "connections/" + s.sipuniId(), Role.ADMIN),
                new Route("PUT", "connections/" + connection, Role.ADMIN),
                new Route("PUT", "connections/no-such", Role.ADMIN),
                new Route("POST", "connections/" + connection + "/check", Role.ADMIN),
                new Route("POST", "connections/" + connection + "/rotate-inbound-token", Role.ADMIN),
                new Route("POST", "connections/no-such/check", Role.ADMIN),
                new Route("GET", "flow-types", Role.ADMIN),
                new Route("GET", "flows", Role.ADMIN),
                new Route("POST", "flows", Role.ADMIN),
                new Route("GET", "flows/no-such", Role.ADMIN),
                new Route("PUT", "flows/no-such", Role.ADMIN),
                new Route("DELETE", "flows/no-such", Role.ADMIN),
                new Route("GET", "activity", Role.ADMIN),
                new Route("GET", "activity?limit=abc&state=%zz", Role.ADMIN),
                new Route("GET", "activity?limit=-5&state=NOT_A_STATE", Role.ADMIN),
                new Route("GET", "activity/counts", Role.ADMIN),
                new Route("GET", "activity/999999999", Role.ADMIN),
                new Route("GET", "activity/abc", Role.ADMIN),
                new Route("POST", "activity/999999999/replay", Role.ADMIN),
                new Route("POST", "activity/replay", Role.ADMIN),
                new Route("POST", "activity/replay?state=NOT_A_STATE&connection=%", Role.ADMIN),
                new Route("GET", "no-such-route", Role.ADMIN),
                new Route("PATCH", "connections", Role.ADMIN),
                // Last: the spare connection is gone after the first of these.
                new Route("DELETE", "connections/" + connection, Role.ADMIN));
    }

    private static List<Body> apiBodies() {
        String json = "application/json";
        return List.of(
                new Body("no body", null, null),
                new Body("empty JSON", json, new byte[0]),
                Body.of("[]", json, "[]"),
                Body.of("null", json, "null"),
                Body.of("\"x\"", json, "\"x\""),
                Body.of("42", json, "42"),
                Body.of("{", json, "{"),
                Body.of("{}", json, "{}"),
                Body.of("wrong field types", json, "{\"connector\":7,\"name\":[],\"settings\":[1],\"type\":{},"
                        + "\"options\":\"x\",\"enabled\":\"yes\",\"email\":[],\"password\":{},\"slug\":1,"
                        + "\"role\":[],\"source\":null}"),
                Body.of("2 MB string", json, "\"" + "a".repeat(2 * 1024 * 1024) + "\""),
                new Body("invalid UTF-8", json, new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xff, (byte) 0xfe,
                    '"', '}'}),
                Body.of("text/plain", "text/plain", "{}"),
                Body.of("application/xml", "application/xml", "<a/>"),
                Body.of("form with stray %", "application/x-www-form-urlencoded", "a=%&b=1"));
    }

    private static List<Body> brokenForms() {
        List<Body> forms = new ArrayList<>();
        String[] texts = {"a=%", "%", "%%", "a=%zz&b=1", "a=%e2%82", "a=%ff%fe", "=&&=", "a=%u00e9",
            "token=" + SIPUNI_SECRET + "&call_id=%&event=1", "token=" + SIPUNI_SECRET + "&%=%",
            "secret=" + USEDESK_TOKEN + "&ticket_id=%&a=%", "%=" + "%".repeat(1000)};
        for (String text : texts) {
            forms.add(Body.of("form " + abbreviate(text), "application/x-www-form-urlencoded", text));
            forms.add(Body.of("text " + abbreviate(text), "text/plain", text));
            forms.add(Body.of("untyped " + abbreviate(text), null, text));
        }
        return forms;
    }

    private void send(String method, String target, Map<String, String> headers, Body body, boolean jsonErrors,
                      List<String> failures) {
        send(method, target, headers, body, jsonErrors, failures, true);
    }

    private void send(String method, String target, Map<String, String> extraHeaders, Body body, boolean jsonErrors,
                      List<String> failures, boolean addLength) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (body.contentType() != null && !headers.containsKey("Content-Type")) {
            headers.put("Content-Type", body.contentType());
        }
        String what = method + " " + abbreviate(target) + " " + headers.keySet() + " body " + body.name();
        RawHttp.Answer answer;
        try {
            answer = addLength ? new RawHttp(base).exchange(method, target, headers, body.bytes())
                    : new RawHttp(base).exchangeUnframed(method, target, headers, body.bytes());
        } catch (UncheckedIOException e) {
            failures.add(what + ": no answer (" + e.getCause() + ")");
            return;
        }
        if (answer.status() >= 500) {
            failures.add(what + ": " + abbreviate(answer.toString()));
            return;
        }
        if (answer.status() >= 400 && answer.body().isEmpty() && answer.header("content-type").isEmpty()) {
            // The container refused the request before the application saw it (a header over its limit, a GET or
            // DELETE with a body, a broken chunk): a bare 4xx, the same for every path. Nothing of ours to answer.
            return;
        }
        if (jsonErrors && answer.status() >= 400) {
            String problem = jsonErrorProblem(answer);
            if (problem != null) {
                failures.add(what + ": " + problem + ": " + abbreviate(answer.toString()));
            }
        }
    }

    /** @return what is wrong with a 4xx that should be the API's JSON error, or {@code null} */
    private static String jsonErrorProblem(RawHttp.Answer answer) {
        if (!answer.header("content-type").startsWith("application/json")) {
            return "not JSON";
        }
        JsonNode json;
        try {
            json = ApiClient.JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            return "not parseable JSON";
        }
        String message = json.path("message").asText("");
        if (json.path("status").asInt() != answer.status() || message.isBlank()) {
            return "no status or message";
        }
        if (message.contains("Exception") || message.contains("java.") || message.contains("Plugin '")) {
            return "a message naming Java classes or a plugin failure";
        }
        return null;
    }

    private static void check(List<String> failures, String what, RawHttp.Answer answer) {
        boolean fine = answer.status() == 400 || answer.redirectsTo("/login.xhtml")
                || answer.redirectsTo("/admin/connections.xhtml")
                || answer.status() == 200 && answer.body().contains("login:email")
                || answer.status() == 200 && answer.body().contains("jakarta.faces.ViewState");
        if (!fine) {
            failures.add(what + ": " + abbreviate(answer.toString()));
        }
    }

    private static RawHttp.Answer loginPost(RawHttp client, String state) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:next", "");
        form.put("login:email", "nobody@example.test");
        form.put("login:password", "wrong password");
        form.put("login:submit", "Sign in");
        form.put("jakarta.faces.ViewState", state);
        return client.post("/login.xhtml", form);
    }

    private Setup setup() {
        if (setup == null) {
            ApiClient operator = ApiClient.signIn(base, System.getProperty("it.admin.email"),
                    System.getProperty("it.admin.password"));
            ApiClient.TenantAdmin tenant = ApiClient.newTenant(base, "fuzz", PASSWORD);
            ApiClient admin = tenant.api();
            assertThat(admin.put("/api/v1/catalogue/sipuni", null).status()).isEqualTo(204);
            assertThat(admin.put("/api/v1/catalogue/usedesk", null).status()).isEqualTo(204);
            Answer sipuni = createConnection(admin, "sipuni", "PBX",
                    ApiClient.JSON.createObjectNode().put("webhook_secret", SIPUNI_SECRET));
            Answer spare = createConnection(admin, "sipuni", "Spare PBX",
                    ApiClient.JSON.createObjectNode().put("webhook_secret", SIPUNI_SECRET));
            Answer usedesk = createConnection(admin, "usedesk", "Desk", ApiClient.JSON.createObjectNode()
                    .put("api_token", USEDESK_TOKEN).put("region", "custom").put("base_url", "http://127.0.0.1:9"));
            setup = new Setup(operator.token(), admin.token(), tenant.slug(), sipuni.json().path("id").asText(),
                    path(sipuni), path(usedesk), spare.json().path("id").asText());
        }
        return setup;
    }

    private static Answer createConnection(ApiClient admin, String connector, String name, Object settings) {
        Answer created = admin.post("/api/v1/connections", ApiClient.JSON.createObjectNode()
                .put("connector", connector).put("name", name + " " + UUID.randomUUID())
                .set("settings", (com.fasterxml.jackson.databind.JsonNode) settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    /** @return the path of a connection's inbound URL (the raw client sends to the platform under test anyway) */
    private static String path(Answer connection) {
        return connection.json().path("inboundUrl").asText().replaceFirst("^https?://[^/]+", "");
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + " chars)" : text;
    }
}
