package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline end to end (issue #5) with real Sipuni webhooks, the real Sipuni and Usedesk plugins, the
 * CallToTicket flow and the Usedesk fake over HTTP: transient failures retried to exactly one ticket, a permanent
 * failure dead until replayed after the fix, one call's events processed in arrival order.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class PipelineIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String SIPUNI_SECRET = "sipuni-secret-" + UUID.randomUUID();
    private static final String USEDESK_TOKEN = "usedesk-token-" + UUID.randomUUID();
    private static final UsedeskFake USEDESK = new UsedeskFake(USEDESK_TOKEN);
    private static final SipuniEvents SIPUNI = SipuniEvents.forAccount("070196");
    private static Setup setup;

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    /** A tenant with a Sipuni connection, a Usedesk connection and a CallToTicket flow between them. */
    record Setup(ApiClient admin, String sipuni, String hookUrl, String usedesk, String flow) {
    }

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFake() {
        USEDESK.close();
    }

    private Setup setup() {
        if (setup == null) {
            USEDESK.addAgent(1, "Anna Duty", "anna@acme.test");
            ApiClient admin = ApiClient.newTenant(base, "pipe", PASSWORD).api();
            assertThat(admin.put("/api/v1/catalogue/sipuni", null).status()).isEqualTo(204);
            assertThat(admin.put("/api/v1/catalogue/usedesk", null).status()).isEqualTo(204);
            Answer sipuni = admin.post("/api/v1/connections", json().put("connector", "sipuni").put("name", "PBX")
                    .set("settings", json().put("webhook_secret", SIPUNI_SECRET)));
            assertThat(sipuni.status()).as(sipuni.body()).isEqualTo(201);
            Answer usedesk = admin.post("/api/v1/connections", json().put("connector", "usedesk").put("name", "Desk")
                    .set("settings", json().put("api_token", USEDESK_TOKEN).put("region", "custom")
                            .put("base_url", USEDESK.baseUrl())));
            assertThat(usedesk.status()).as(usedesk.body()).isEqualTo(201);
            Answer flow = admin.post("/api/v1/flows", json().put("type", "call-to-ticket").put("name", "Calls")
                    .put("source", sipuni.json().path("id").asText()).put("target", usedesk.json().path("id").asText())
                    .set("options", json()));
            assertThat(flow.status()).as(flow.body()).isEqualTo(201);
            setup = new Setup(admin, sipuni.json().path("id").asText(), sipuni.json().path("inboundUrl").asText(),
                    usedesk.json().path("id").asText(), flow.json().path("id").asText());
        }
        return setup;
    }

    @Test
    void serverErrorsAreRetriedIntoExactlyOneClientAndTicket() throws Exception {
        transientFailureYieldsExactlyOneTicket(500, null);
    }

    @Test
    void rateLimitsAreRetriedAfterTheirRetryAfterIntoExactlyOneTicket() throws Exception {
        transientFailureYieldsExactlyOneTicket(429, 1);
    }

    private void transientFailureYieldsExactlyOneTicket(int status, Integer retryAfter) throws Exception {
        Setup s = setup();
        String callId = "call-" + UUID.randomUUID();
        String phone = "7916" + (1_000_000 + (int) (Math.random() * 8_999_999));
        USEDESK.failNext(3, status, retryAfter);
        sendAll(s, SIPUNI.incomingAnswered(callId, 1774373436L, phone, "201"));

        Inbox.awaitAllFinished(callId, Duration.ofSeconds(60));
        assertThat(Inbox.states(callId)).containsOnly("DONE");
        assertThat(USEDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.additionalId())))
                .as("one ticket for the call").hasSize(1);
        assertThat(USEDESK.clients().stream().filter(c -> c.phone() != null && c.phone().endsWith(phone.substring(1))))
                .as("one client for the number").hasSize(1);
        if (retryAfter == null) {
            // A 500 to a POST (every Usedesk method) may have been processed: not resent by the client, the event is
            // retried by the pipeline.
            assertThat(Inbox.maxAttempts(callId)).as("some event needed retries").isGreaterThan(1);
        } else {
            // A 429 was not processed: the client waits Retry-After and resends it within the attempt (ADR 0009).
            assertThat(Inbox.maxAttempts(callId)).as("the 429s were waited out inside the attempt").isEqualTo(1);
        }
    }

    @Test
    void aPermanentFailureIsDeadUntilReplayedAfterTheCauseIsFixed() throws Exception {
        Setup s = setup();
        assertThat(s.admin().put("/api/v1/connections/" + s.usedesk(), json().put("name", "Desk")
                .set("settings", json().put("api_token", "revoked-token").put("region", "custom")
                        .put("base_url", USEDESK.baseUrl()))).status()).isEqualTo(200);
        String callId = "call-" + UUID.randomUUID();
        long deadBefore;
        try {
            sendAll(s, SIPUNI.incomingMissed(callId, 1774373436L, "79160000001", "201"));
            Inbox.awaitAllFinished(callId, Duration.ofSeconds(60));
            assertThat(Inbox.states(callId)).contains("DEAD");
            JsonNode dead = deadEntry(s, callId);
            assertThat(dead.path("error").asText()).isNotBlank().doesNotContain("revoked-token");
            deadBefore = s.admin().get("/api/v1/activity/counts").json().path("DEAD").asLong();
            assertThat(deadBefore).as("the activity filter counts the dead event").isPositive();
        } finally {
            assertThat(s.admin().put("/api/v1/connections/" + s.usedesk(), json().put("name", "Desk")
                    .set("settings", json().put("api_token", USEDESK_TOKEN).put("region", "custom")
                            .put("base_url", USEDESK.baseUrl()))).status()).isEqualTo(200);
        }
        Answer replayed = s.admin().post("/api/v1/activity/replay?state=DEAD&connection=" + s.sipuni(), null);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.json().path("replayed").asInt()).isPositive();
        Inbox.awaitAllFinished(callId, Duration.ofSeconds(60));
        assertThat(Inbox.states(callId)).containsOnly("DONE");
        assertThat(USEDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.additionalId()))).hasSize(1);
        JsonNode counts = s.admin().get("/api/v1/activity/counts").json();
        assertThat(counts.path("DEAD").asLong()).as("replayed events are no longer dead: " + counts)
                .isLessThan(deadBefore);
        assertThat(counts.path("DONE").asLong()).as(counts.toString()).isPositive();
    }

    @Test
    void theEventsOfOneCallAreProcessedOneAtATimeInArrivalOrder() throws Exception {
        Setup s = setup();
        List<String> calls = new ArrayList<>();
        List<List<SipuniEvents.Hook>> hooks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String callId = "call-" + UUID.randomUUID();
            calls.add(callId);
            hooks.add(SIPUNI.incomingAnswered(callId, 1774373436L + i, "7916555000" + i, "20" + i));
        }
        // Interleaved: the events of six calls arrive mixed, as from a busy PBX.
        for (int step = 0; step < 10; step++) {
            for (List<SipuniEvents.Hook> call : hooks) {
                if (step < call.size()) {
                    assertThat(send(s, call.get(step)).statusCode()).isEqualTo(200);
                }
            }
        }
        for (String callId : calls) {
            Inbox.awaitAllFinished(callId, Duration.ofSeconds(60));
            try (Connection db = Inbox.database();
                 PreparedStatement select = db.prepareStatement(
                         "SELECT finished_at FROM inbox_event WHERE ordering_key = ? ORDER BY id")) {
                select.setString(1, callId);
                List<java.sql.Timestamp> finished = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        finished.add(rs.getTimestamp(1));
                    }
                }
                assertThat(finished).as("finished in arrival order").isSorted();
            }
            assertThat(USEDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.additionalId())))
                    .hasSize(1);
        }
    }

    @Test
    void twoInstancesShareABatchExactlyOnceAndAcknowledgedEventsOutliveAKilledInstance() throws Exception {
        Setup s = setup();
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("it.work.dir"), "second-instance.log");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", System.getProperty("payara.microJar"),
                "--deploy", System.getProperty("it.war"), "--contextroot", "/", "--port", String.valueOf(port),
                "--nohazelcast").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SWITCHBOARD_DB_URL", System.getProperty("it.db.url"));
        builder.environment().put("SWITCHBOARD_DB_USER", System.getProperty("it.db.user"));
        builder.environment().put("SWITCHBOARD_DB_PASSWORD", System.getProperty("it.db.password"));
        builder.environment().put("SWITCHBOARD_PLUGINS_DIR", System.getProperty("it.plugins.dir"));
        builder.environment().put("SWITCHBOARD_SECRETS_KEYS", System.getProperty("it.secrets.keys"));
        builder.environment().put("SWITCHBOARD_PIPELINE_POLL_MS", "50");
        builder.environment().put("SWITCHBOARD_PIPELINE_LEASE_SECONDS", "10");
        builder.environment().put("SWITCHBOARD_HTTP_ALLOWED_INTERNAL_HOSTS", "localhost"); // where the fakes are
        builder.environment().put("SWITCHBOARD_HTTP_RATE_LIMITS", "usedesk=6000,zendesk=6000"); // as the first one
        Process second = builder.start();
        try {
            String secondBase = "http://127.0.0.1:" + port;
            Inbox.await(Duration.ofMinutes(3), () -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(secondBase + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (java.io.IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            String path = URI.create(s.hookUrl()).getPath();
            List<String> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String callId = "call-" + UUID.randomUUID();
                calls.add(callId);
                String url = (i % 2 == 0 ? base.toURI().resolve(path).toString() : secondBase + path)
                        + "?token=" + SIPUNI_SECRET;
                for (SipuniEvents.Hook hook : SIPUNI.incomingMissed(callId, 1774373436L + i, "7916777" + (1000 + i), "201")) {
                    assertThat(http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(hook.formBody())).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                }
            }
            for (String callId : calls) {
                Inbox.awaitAllFinished(callId, Duration.ofSeconds(90));
                assertThat(USEDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.additionalId())))
                        .as("one ticket for " + callId).hasSize(1);
            }
            try (Connection db = Inbox.database();
                 PreparedStatement select = db.prepareStatement("SELECT ordering_key, attempts, processed_by, state "
                         + "FROM inbox_event WHERE ordering_key IN (" + String.join(",", calls.stream().map(c -> "?")
                         .toList()) + ")")) {
                for (int i = 0; i < calls.size(); i++) {
                    select.setString(i + 1, calls.get(i));
                }
                java.util.Set<String> processors = new java.util.HashSet<>();
                int events = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        events++;
                        assertThat(rs.getString("state")).isEqualTo("DONE");
                        assertThat(rs.getInt("attempts")).as("claimed once: " + rs.getString(1)).isEqualTo(1);
                        processors.add(rs.getString("processed_by"));
                    }
                }
                assertThat(events).isGreaterThanOrEqualTo(calls.size());
                assertThat(processors).as("both instances took part").hasSize(2);
            }

            // kill -9 of the second instance right after it acknowledged a batch: every acknowledged event is
            // still processed (by this instance; events the dead one had claimed once its 10 s lease runs out).
            List<String> orphans = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                String callId = "call-" + UUID.randomUUID();
                orphans.add(callId);
                for (SipuniEvents.Hook hook : SIPUNI.incomingAnswered(callId, 1774373500L + i, "7916888" + (1000 + i), "201")) {
                    assertThat(http.send(HttpRequest.newBuilder(URI.create(secondBase + path + "?token=" + SIPUNI_SECRET))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(hook.formBody())).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                }
            }
            second.destroyForcibly().waitFor();
            for (String callId : orphans) {
                Inbox.awaitAllFinished(callId, Duration.ofSeconds(90));
                assertThat(Inbox.states(callId)).containsOnly("DONE");
                assertThat(USEDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.additionalId())))
                        .as("one ticket for " + callId + " after the instance that acknowledged it died").hasSize(1);
            }
        } finally {
            second.destroy();
            second.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    private JsonNode deadEntry(Setup s, String callId) {
        for (JsonNode e : s.admin().get("/api/v1/activity?state=DEAD&connection=" + s.sipuni()).json()) {
            if (callId.equals(e.path("orderingKey").asText())) {
                return e;
            }
        }
        throw new AssertionError("no dead event for " + callId);
    }

    private void sendAll(Setup s, List<SipuniEvents.Hook> hooks) throws Exception {
        for (SipuniEvents.Hook hook : hooks) {
            assertThat(send(s, hook).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> send(Setup s, SipuniEvents.Hook hook) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.hookUrl() + "?token=" + SIPUNI_SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(hook.formBody())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
