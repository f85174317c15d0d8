package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
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
 * The inbound URL of a connection (issue #5) with real Sipuni call-event webhooks: stored durably before the
 * 2xx, a repeated delivery acknowledged but stored once, and every kind of bad request refused with its 4xx and
 * nothing stored.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class InboundIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String SIPUNI_SECRET = "sipuni-secret-" + UUID.randomUUID();
    private static final SipuniEvents SIPUNI = SipuniEvents.forAccount("070196");
    private static Hook hook;

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    /** A tenant's Sipuni connection and its inbound URL. */
    record Hook(String slug, String connectionId, String url, ApiClient operator, ApiClient admin) {
    }

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    private Hook hook() {
        if (hook == null) {
            ApiClient operator = ApiClient.signIn(base, System.getProperty("it.admin.email"),
                    System.getProperty("it.admin.password"));
            String slug = "hooks-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(operator.post("/api/v1/tenants", ApiClient.JSON.createObjectNode().put("slug", slug)
                    .put("name", "Hooks").put("adminEmail", "admin@" + slug + ".test").put("adminPassword", PASSWORD))
                    .status()).isEqualTo(201);
            ApiClient admin = ApiClient.signIn(base, "admin@" + slug + ".test", PASSWORD);
            assertThat(admin.put("/api/v1/catalogue/sipuni", null).status()).isEqualTo(204);
            Answer created = admin.post("/api/v1/connections", ApiClient.JSON.createObjectNode()
                    .put("connector", "sipuni").put("name", "PBX")
                    .set("settings", ApiClient.JSON.createObjectNode().put("webhook_secret", SIPUNI_SECRET)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            hook = new Hook(slug, created.json().path("id").asText(), created.json().path("inboundUrl").asText(),
                    operator, admin);
        }
        return hook;
    }

    @Test
    void aCallEventIsStoredBeforeTheAcknowledgementAndARepeatIsStoredOnce() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        SipuniEvents.Hook event = SIPUNI.incomingAnswered(callId, 1774373436L, "79161234567", "201").get(0);
        HttpResponse<String> first = post(hook().url() + "?token=" + SIPUNI_SECRET, event.formBody());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("success");
        assertThat(countFor(callId)).as("committed before the 2xx").isEqualTo(1);

        HttpResponse<String> again = post(hook().url() + "?token=" + SIPUNI_SECRET, event.formBody());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(countFor(callId)).as("a repeated delivery is not stored twice").isEqualTo(1);

        try (Connection db = database();
             PreparedStatement select = db.prepareStatement("SELECT e.state, e.method, e.ordering_key, e.headers_json, "
                     + "t.slug FROM inbox_event e JOIN tenant t ON t.id = e.tenant_id WHERE e.ordering_key = ?")) {
            select.setString(1, callId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("state")).as("stored; workers may have taken it up already")
                        .isIn("RECEIVED", "PROCESSING", "DONE");
                assertThat(row.getString("method")).isEqualTo("POST");
                assertThat(row.getString("slug")).isEqualTo(hook().slug());
                assertThat(row.getString("headers_json")).contains("content-type").doesNotContain("authorization");
            }
        }
    }

    @Test
    void theWebhookSecretIsNotStoredWithTheEvent() throws Exception {
        // A database dump must not hand out the connection's webhook secret (issue #25): it proves authenticity on
        // arrival and is then removed (Connector.withoutProof), in the URL and in the body alike.
        String inQuery = "call-" + UUID.randomUUID();
        String inBody = "call-" + UUID.randomUUID();
        SipuniEvents.Hook first = SIPUNI.incomingAnswered(inQuery, 1774373436L, "79161234567", "201").get(0);
        SipuniEvents.Hook second = SIPUNI.incomingAnswered(inBody, 1774373436L, "79161234567", "201").get(0);
        assertThat(post(hook().url() + "?x=1&token=" + SIPUNI_SECRET + "&y=2", first.formBody()).statusCode())
                .isEqualTo(200);
        assertThat(post(hook().url(), "token=" + SIPUNI_SECRET + "&" + second.formBody()).statusCode()).isEqualTo(200);
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement("SELECT query_string, body, headers_json FROM inbox_event "
                     + "WHERE ordering_key IN (?, ?)")) {
            select.setString(1, inQuery);
            select.setString(2, inBody);
            int rows = 0;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows++;
                    String stored = row.getString("query_string") + " " + new String(row.getBytes("body"),
                            java.nio.charset.StandardCharsets.UTF_8) + " " + row.getString("headers_json");
                    assertThat(stored).doesNotContain(SIPUNI_SECRET).doesNotContain("token=")
                            .contains("call_id=call-");
                }
            }
            assertThat(rows).isEqualTo(2);
        }
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement("SELECT query_string FROM inbox_event WHERE ordering_key = ?")) {
            select.setString(1, inQuery);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).as("the other parameters as sent").isEqualTo("x=1&y=2");
            }
        }
    }

    @Test
    void aHostHeaderFromTheInternetChangesNothingForOtherRequestsOrTenants() throws Exception {
        // A fresh connection, so nothing of it is cached before the hostile requests come (issue #25).
        Answer created = hook().admin().post("/api/v1/connections", ApiClient.JSON.createObjectNode()
                .put("connector", "sipuni").put("name", "PBX " + UUID.randomUUID())
                .set("settings", ApiClient.JSON.createObjectNode().put("webhook_secret", SIPUNI_SECRET)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        String url = created.json().path("inboundUrl").asText();

        RawHttp raw = new RawHttp(base);
        for (String host : new String[] {"a b", "evil.example:666", "evil.example/x?", "[::1"}) {
            RawHttp.Answer answer = raw.getWithHost("/hooks/" + id + "/not-the-token", host);
            assertThat(answer.status()).as(host + ": " + answer).isBetween(400, 404);
            assertThat(raw.getWithHost("/hooks/unknown/x", host).status()).isBetween(400, 404);
        }

        String callId = "call-" + UUID.randomUUID();
        SipuniEvents.Hook event = SIPUNI.incomingAnswered(callId, 1774373436L, "79161234567", "201").get(0);
        assertThat(post(url + "?token=" + SIPUNI_SECRET, event.formBody()).statusCode()).isEqualTo(200);
        Inbox.awaitAllFinished(callId, java.time.Duration.ofSeconds(30));
        assertThat(Inbox.states(callId)).containsOnly("DONE");

        Answer read = hook().admin().get("/api/v1/connections/" + id);
        assertThat(read.json().path("inboundUrl").asText()).isEqualTo(url).doesNotContain("evil");
    }

    @Test
    void anEventWhoseRecordWouldBeHugeEndsInsteadOfLoopingForEver() throws Exception {
        // A Usedesk change event naming thousands of change targets: the note listing them used to make a record
        // over the column's 64 KB; the write failed, and the event was processed again every lease period (#25).
        String token = "usedesk-token-" + UUID.randomUUID();
        assertThat(hook().admin().put("/api/v1/catalogue/usedesk", null).status()).isEqualTo(204);
        Answer created = hook().admin().post("/api/v1/connections", ApiClient.JSON.createObjectNode()
                .put("connector", "usedesk").put("name", "Desk " + UUID.randomUUID())
                .set("settings", ApiClient.JSON.createObjectNode().put("api_token", token).put("region", "custom")
                        .put("base_url", "http://127.0.0.1:9")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String ticket = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 8_000; i++) {
            data.append(i == 0 ? "" : ",").append("{\"target\":\"custom_field_").append(i)
                    .append("\",\"value\":\"x\"}");
        }
        String body = "{\"secret\":\"" + token + "\",\"trigger\":{\"id\":\"" + UUID.randomUUID()
                + "\",\"ticket_id\":\"" + ticket + "\",\"user_id\":\"7\",\"data\":[" + data + "]}}";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(created.json().path("inboundUrl")
                        .asText())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        Inbox.awaitAllFinished(ticket, java.time.Duration.ofSeconds(30));
        assertThat(Inbox.states(ticket)).containsExactly("DONE");
        assertThat(Inbox.maxAttempts(ticket)).isEqualTo(1);
        Answer activity = hook().admin().get("/api/v1/activity?connection=" + created.json().path("id").asText());
        assertThat(activity.body()).contains("Usedesk change targets not forwarded: custom_field_");
    }

    @Test
    void callIdsThatDifferOnlyInCaseAreTwoCallsNotARepeat() throws Exception {
        // Vendors' ids are case-sensitive; a case-insensitive key would drop the second call as a "repeat".
        String upper = "CALL-" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        String lower = upper.toLowerCase(Locale.ROOT);
        for (String callId : new String[] {upper, lower}) {
            SipuniEvents.Hook event = SIPUNI.incomingAnswered(callId, 1774373436L, "79161234567", "201").get(0);
            assertThat(post(hook().url() + "?token=" + SIPUNI_SECRET, event.formBody()).statusCode()).isEqualTo(200);
        }
        try (Connection db = database();
             PreparedStatement keys = db.prepareStatement("SELECT ordering_key FROM inbox_event "
                     + "WHERE LOWER(ordering_key) = ? ORDER BY id")) {
            keys.setString(1, lower);
            List<String> stored = new ArrayList<>();
            try (ResultSet rs = keys.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            assertThat(stored).as("both calls stored, each under its own key, not the second taken for a repeat")
                    .containsExactly(upper, lower);
        }
        assertThat(countFor(upper)).as("a key matches only itself").isEqualTo(1);
    }

    @Test
    void workersProcessTheStoredEventAndTheActivityLogSaysWhatHappened() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        SipuniEvents.Hook event = SIPUNI.incomingAnswered(callId, 1774373436L, "79161234567", "201").get(0);
        assertThat(post(hook().url() + "?token=" + SIPUNI_SECRET, event.formBody()).statusCode()).isEqualTo(200);

        long deadline = System.nanoTime() + 20_000_000_000L;
        com.fasterxml.jackson.databind.JsonNode entry = null;
        while (System.nanoTime() < deadline) {
            Answer activity = hook().admin().get("/api/v1/activity?connection=" + hook().connectionId());
            assertThat(activity.status()).isEqualTo(200);
            for (com.fasterxml.jackson.databind.JsonNode e : activity.json()) {
                if (callId.equals(e.path("orderingKey").asText()) && "DONE".equals(e.path("state").asText())) {
                    entry = e;
                }
            }
            if (entry != null) {
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // poll every 0.1 s until the deadline
        }
        assertThat(entry).as("processed within 20 s").isNotNull();
        assertThat(entry.path("connection").asText()).isEqualTo("PBX");
        assertThat(entry.path("summary").asText()).contains("no flow uses connection 'PBX'");

        Answer replayed = hook().admin().post("/api/v1/activity/" + entry.path("id").asLong() + "/replay", null);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.json().path("state").asText()).isEqualTo("RECEIVED");
        Answer foreign = hook().operator().get("/api/v1/activity");
        assertThat(foreign.status()).as("the platform operator has no tenant activity").isEqualTo(403);
    }

    @Test
    void getWithTheEventInTheQueryIsAcceptedToo() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        SipuniEvents.Hook event = SIPUNI.incomingMissed(callId, 1774373436L, "79161234567", "201").get(0);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hook().url() + "?"
                + event.queryString(SIPUNI_SECRET))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(countFor(callId)).isEqualTo(1);
    }

    @Test
    void badRequestsGetTheir4xxAndNothingIsStored() throws Exception {
        String callId = "call-" + UUID.randomUUID();
        String body = SIPUNI.incomingAnswered(callId, 1774373436L, "79161234567", "201").get(0).formBody();
        String url = hook().url();
        String withoutToken = url.substring(0, url.lastIndexOf('/'));

        assertThat(post(url + "?token=wrong-secret", body).statusCode()).as("vendor secret wrong").isEqualTo(401);
        assertThat(post(url, body).statusCode()).as("vendor secret missing").isEqualTo(401);
        HttpResponse<String> wrongUrlToken = post(withoutToken + "/not-the-token?token=" + SIPUNI_SECRET, body);
        assertThat(wrongUrlToken.statusCode()).isEqualTo(404);
        assertThat(wrongUrlToken.body()).contains("No such inbound URL");
        assertThat(post(base.toURI().resolve("/hooks/unknown/x") + "?token=" + SIPUNI_SECRET, body).statusCode())
                .isEqualTo(404);
        assertThat(post(url + "?token=" + SIPUNI_SECRET, "x".repeat(1024 * 1024 + 1)).statusCode()).isEqualTo(413);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url)).PUT(
                HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.body()).contains("POST or GET");
        HttpResponse<String> garbage = post(url + "?token=" + SIPUNI_SECRET, "this=is&not=a-call-event");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("call_id");
        HttpResponse<String> brokenJson = http.send(HttpRequest.newBuilder(URI.create(url + "?token=" + SIPUNI_SECRET))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"call_id\": "))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(brokenJson.statusCode()).isBetween(400, 499);
        assertThat(brokenJson.body()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(countFor(callId)).isZero();
    }

    @Test
    void aReplacedTokenOrADisabledTenantClosesTheUrl() throws Exception {
        Hook h = hook();
        String callId = "call-" + UUID.randomUUID();
        String body = SIPUNI.incomingAnswered(callId, 1774373436L, "79161234567", "201").get(0).formBody();

        Answer rotated = h.admin().post("/api/v1/connections/" + h.connectionId() + "/rotate-inbound-token", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newUrl = rotated.json().path("inboundUrl").asText();
        assertThat(newUrl).isNotEqualTo(h.url());
        assertThat(post(h.url() + "?token=" + SIPUNI_SECRET, body).statusCode()).isEqualTo(404);
        assertThat(post(newUrl + "?token=" + SIPUNI_SECRET, body).statusCode()).isEqualTo(200);
        hook = new Hook(h.slug(), h.connectionId(), newUrl, h.operator(), h.admin());

        assertThat(h.operator().post("/api/v1/tenants/" + h.slug() + "/disable", null).status()).isEqualTo(200);
        try {
            String other = SIPUNI.incomingAnswered("call-" + UUID.randomUUID(), 1774373436L, "79161234567", "201")
                    .get(0).formBody();
            // The route cache lets a change on another instance take up to 5 s; on this instance it is evicted, but
            // a tenant's status is not a connection change: poll until it takes effect, with a deadline.
            long deadline = System.nanoTime() + 10_000_000_000L;
            int status;
            do {
                status = post(newUrl + "?token=" + SIPUNI_SECRET, other).statusCode();
            } while (status != 404 && System.nanoTime() < deadline);
            assertThat(status).isEqualTo(404);
        } finally {
            assertThat(h.operator().post("/api/v1/tenants/" + h.slug() + "/enable", null).status()).isEqualTo(200);
        }
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int countFor(String callId) throws Exception {
        try (Connection db = database();
             PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM inbox_event WHERE ordering_key = ?")) {
            count.setString(1, callId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
    }
}
