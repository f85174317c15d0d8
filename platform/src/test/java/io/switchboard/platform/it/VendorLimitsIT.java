package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * Issue #20: rate limits and outages must not starve an event (ADR 0009). Real Sipuni webhooks into the platform,
 * the real Sipuni and Usedesk plugin jars, and a Usedesk fake per test that answers 429 to every Nth request, goes
 * down, or records when each request came. 
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class VendorLimitsIT {

    private static final String PASSWORD = "correct horse battery";
    private static final SipuniEvents SIPUNI = SipuniEvents.forAccount("070196");
    private static final long START = 1774373436L;
    private static final AtomicLong NUMBERS = new AtomicLong(1_000_000 + (long) (Math.random() * 8_000_000));
    private static ApiClient admin;

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    /** A Usedesk fake, its connection, and a Sipuni connection with a call-to-ticket flow into it. */
    record Desk(UsedeskFake fake, String usedesk, String sipuni, String hookUrl, String secret) implements AutoCloseable {
        @Override
        public void close() {
            fake.close();
        }
    }

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @Test
    void with429ToEveryFourthRequestEachCallGetsOneClientOneTicketAndItsCommentWithoutRetryingTheEvent()
            throws Exception {
        everyCallCompletesUnderRateLimiting(4);
    }

    @Test
    void with429ToEveryThirdRequestEachCallGetsOneClientOneTicketAndItsCommentWithoutRetryingTheEvent()
            throws Exception {
        everyCallCompletesUnderRateLimiting(3);
    }

    private void everyCallCompletesUnderRateLimiting(int every) throws Exception {
        try (Desk desk = desk(null)) {
            desk.fake().rateLimitEvery(every);
            List<String> calls = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add("call-" + UUID.randomUUID());
                phones.add(newNumber());
            }
            for (int i = 0; i < calls.size(); i++) {
                send(desk, SIPUNI.incomingAnswered(calls.get(i), START + i * 60L, phones.get(i), "202"));
            }
            for (String call : calls) {
                Inbox.awaitAllFinished(call, Duration.ofSeconds(90));
            }
            int answered429 = (int) (desk.fake().requests().size() / every);
            System.out.printf("VendorLimitsIT 429 every %d: %d requests, %d answered 429%n", every,
                    desk.fake().requests().size(), answered429);
            assertThat(answered429).as("the fake did rate-limit").isGreaterThanOrEqualTo(calls.size());
            for (int i = 0; i < calls.size(); i++) {
                String call = calls.get(i);
                assertThat(Inbox.states(call)).as("every event of " + call).containsOnly("DONE");
                assertThat(Inbox.maxAttempts(call)).as("429s waited out inside the attempt, no event rescheduled; "
                        + "errors: " + errors(desk, call)).isEqualTo(1);
                assertOneClientOneTicketAndTheCallsComment(desk.fake(), call, phones.get(i));
            }
        }
    }

    @Test
    void aVendorDownForHalfAMinuteOpensTheBreakerAndEveryCallCompletesWhenItIsBack() throws Exception {
        try (Desk desk = desk(null)) {
            // Down: 503 for 30 s, and for the middle 10 s of it the port is closed (connections refused).
            desk.fake().outageFor(Duration.ofSeconds(30));
            long downAt = System.nanoTime();
            List<String> calls = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add("call-" + UUID.randomUUID());
                phones.add(newNumber());
                send(desk, SIPUNI.incomingAnswered(calls.get(i), START + i * 60L, phones.get(i), "202"));
            }
            AtomicBoolean sawOpen = new AtomicBoolean();
            AtomicBoolean sawPausedNote = new AtomicBoolean();
            AtomicBoolean refused = new AtomicBoolean();
            Inbox.await(Duration.ofSeconds(30), () -> {
                if (!refused.get() && System.nanoTime() - downAt > 10_000_000_000L) {
                    refused.set(true);
                    desk.fake().refuseConnectionsFor(Duration.ofSeconds(10));
                }
                JsonNode vendor = admin().get("/api/v1/connections/" + desk.usedesk()).json().path("vendor");
                if ("OPEN".equals(vendor.path("breaker").asText())) {
                    sawOpen.set(true);
                }
                for (JsonNode entry : admin().get("/api/v1/activity?connection=" + desk.sipuni()).json()) {
                    if (entry.path("error").asText().contains("looks down (circuit breaker open")) {
                        sawPausedNote.set(true);
                    }
                }
                return sawOpen.get() && sawPausedNote.get() && refused.get();
            });
            for (String call : calls) {
                Inbox.awaitAllFinished(call, Duration.ofSeconds(90));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(Inbox.states(calls.get(i))).containsOnly("DONE");
                assertOneClientOneTicketAndTheCallsComment(desk.fake(), calls.get(i), phones.get(i));
            }
            JsonNode vendor = admin().get("/api/v1/connections/" + desk.usedesk()).json().path("vendor");
            assertThat(vendor.path("breaker").asText()).as(vendor.toString()).isEqualTo("CLOSED");
            assertThat(vendor.path("timesOpened").asInt()).as(vendor.toString()).isPositive();
            assertThat(vendor.path("lastClosedAt").asText()).as("closed again after being open").isNotBlank();
            assertThat(vendor.path("lastFailure").asText()).isNotBlank();
        }
    }

    @Test
    void aBurstOfCallsIsKeptUnderTheConnectionsLimitOfFiveRequestsASecond() throws Exception {
        try (Desk desk = desk(300)) {
            Answer tooHigh = admin().put("/api/v1/connections/" + desk.usedesk(), usedeskBody(desk.fake(), "Desk")
                    .put("requestsPerMinute", 7000));
            assertThat(tooHigh.status()).as("the vendor's limit (here the operator's 6000 a minute for the fake) may only be lowered")
                    .isEqualTo(400);
            assertThat(tooHigh.body()).contains("requestsPerMinute");
            Answer read = admin().get("/api/v1/connections/" + desk.usedesk());
            assertThat(read.json().path("requestsPerMinute").asInt()).as(read.body()).isEqualTo(300);

            List<String> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String call = "call-" + UUID.randomUUID();
                calls.add(call);
                send(desk, SIPUNI.incomingAnswered(call, START + i * 60L, newNumber(), "202"));
            }
            for (String call : calls) {
                Inbox.awaitAllFinished(call, Duration.ofSeconds(90));
                assertThat(Inbox.states(call)).containsOnly("DONE");
            }
            List<Long> times = desk.fake().requestTimes();
            double seconds = (times.get(times.size() - 1) - times.get(0)) / 1e9;
            assertThat(times.size()).as("a burst long enough to exceed 5/s for ~10 s").isGreaterThanOrEqualTo(50);
            int busiest = busiestSecond(times);
            System.out.printf("VendorLimitsIT burst: %d requests in %.1f s (%.2f/s), busiest 1-s window %d%n",
                    times.size(), seconds, times.size() / seconds, busiest);
            assertThat(busiest).as(times.size() + " requests in " + seconds + " s; busiest 1-s window")
                    .isLessThanOrEqualTo(6);
            assertThat(times.size() / seconds).as("average rate").isLessThanOrEqualTo(5.2);
            JsonNode vendor = admin().get("/api/v1/connections/" + desk.usedesk()).json().path("vendor");
            assertThat(vendor.path("requestsPerMinute").asDouble()).isEqualTo(300.0);
            assertThat(vendor.path("connectorLimitPerMinute").asDouble()).as("switchboard.http.rate-limits").isEqualTo(6000.0);
        }
    }

    /** @return the activity log's errors of the call's events */
    private List<String> errors(Desk desk, String call) {
        List<String> errors = new ArrayList<>();
        for (JsonNode entry : admin().get("/api/v1/activity?connection=" + desk.sipuni() + "&limit=500").json()) {
            if (call.equals(entry.path("orderingKey").asText()) && !entry.path("error").asText().isEmpty()) {
                errors.add(entry.path("error").asText());
            }
        }
        return errors;
    }

    /** @return the most requests in any window of one second (start inclusive, end exclusive) */
    private static int busiestSecond(List<Long> times) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= 1_000_000_000L) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertOneClientOneTicketAndTheCallsComment(UsedeskFake fake, String call, String phone) {
        assertThat(fake.clients().stream().filter(c -> ("+" + phone).equals(c.phone())))
                .as("exactly one client for " + phone).hasSize(1);
        List<UsedeskFake.Ticket> tickets = fake.tickets().stream()
                .filter(t -> ("sb-call-" + call).equals(t.additionalId())).toList();
        assertThat(tickets).as("exactly one ticket for " + call).hasSize(1);
        List<String> comments = fake.comments(tickets.get(0).id()).stream().map(UsedeskFake.Comment::message)
                .filter(m -> m.contains("Incoming call")).toList();
        assertThat(comments).as("the call's comments, each once, in the order of its events").hasSize(2);
        assertThat(comments.get(0)).as("when the call started").startsWith("Incoming call from +" + phone)
                .contains("Call details are added when the call ends");
        assertThat(comments.get(1)).as("when it ended").contains("Incoming call, answered", "Client: +" + phone,
                "Duration: 1:10, talk 1:00", "Answered by: Boris Sales", "Call id: " + call);
    }

    private Desk desk(Integer requestsPerMinute) {
        String token = "usedesk-" + UUID.randomUUID();
        UsedeskFake fake = new UsedeskFake(token).addAgent(2, "Boris Sales", "boris@acme.test");
        String name = "Desk " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode body = json().put("connector", "usedesk").put("name", name)
                .set("settings", json().put("api_token", token).put("region", "custom").put("base_url", fake.baseUrl()));
        if (requestsPerMinute != null) {
            body.put("requestsPerMinute", requestsPerMinute);
        }
        Answer usedesk = admin().post("/api/v1/connections", body);
        assertThat(usedesk.status()).as(usedesk.body()).isEqualTo(201);
        String secret = "sipuni-" + UUID.randomUUID();
        Answer sipuni = admin().post("/api/v1/connections", json().put("connector", "sipuni")
                .put("name", "PBX " + secret.substring(7, 15)).set("settings", json().put("webhook_secret", secret)));
        assertThat(sipuni.status()).as(sipuni.body()).isEqualTo(201);
        ObjectNode options = json();
        ArrayNode agents = options.putArray("agents");
        agents.addObject().put("agent", "2").put("extension", "202");
        Answer flow = admin().post("/api/v1/flows", json().put("type", "call-to-ticket")
                .put("name", "Calls " + secret.substring(7, 15)).put("source", sipuni.json().path("id").asText())
                .put("target", usedesk.json().path("id").asText()).set("options", options));
        assertThat(flow.status()).as(flow.body()).isEqualTo(201);
        // Keep the name for updates of the connection in the tests.
        return new Desk(fake, usedesk.json().path("id").asText(), sipuni.json().path("id").asText(),
                sipuni.json().path("inboundUrl").asText(), secret);
    }

    private ObjectNode usedeskBody(UsedeskFake fake, String name) {
        return json().put("name", name).set("settings", json().put("region", "custom").put("base_url", fake.baseUrl()));
    }

    private void send(Desk desk, List<SipuniEvents.Hook> hooks) throws Exception {
        for (SipuniEvents.Hook hook : hooks) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(desk.hookUrl() + "?token="
                            + desk.secret())).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(hook.formBody())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    private ApiClient admin() {
        if (admin == null) {
            admin = ApiClient.newTenant(base, "limits", PASSWORD).api();
            for (String plugin : List.of("sipuni", "usedesk")) {
                assertThat(admin.put("/api/v1/catalogue/" + plugin, null).status()).as(plugin).isEqualTo(204);
            }
        }
        return admin;
    }

    private static String newNumber() {
        return "7916" + NUMBERS.incrementAndGet();
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
