package io.switchboard.plugins.zendesk.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZendeskFakeTest {

    private static final String EMAIL = "agent@acme.test";
    private static final String TOKEN = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((EMAIL + "/token:" + TOKEN).getBytes(StandardCharsets.UTF_8));

    private final ZendeskFake fake = new ZendeskFake(EMAIL, TOKEN);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> call(String method, String pathAndQuery, String auth, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery
                        : fake.baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void basicAuthWithEmailSlashTokenIsRequired() throws Exception {
        HttpResponse<String> me = call("GET", "api/v2/users/me.json", BASIC, null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json.readTree(me.body()).path("user").path("email").asText()).isEqualTo(EMAIL);
        assertThat(me.headers().firstValue("X-Rate-Limit")).contains("700");

        String withoutToken = "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN).getBytes());
        HttpResponse<String> refused = call("GET", "api/v2/users/me", withoutToken, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("{\"error\":\"Couldn't authenticate you\"}");
        assertThat(call("GET", "api/v2/users/me", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "api/v2/users/me", "Bearer oauth-1", null).statusCode()).isEqualTo(401);
        fake.acceptOAuthToken("oauth-1");
        assertThat(call("GET", "api/v2/users/me", "Bearer oauth-1", null).statusCode()).isEqualTo(200);
    }

    @Test
    void ticketCreationValidatesAndRecordsState() throws Exception {
        long requester = fake.addEndUser("Ivan", "ivan@example.com", "+79990001122");
        long field = fake.addTicketField("UTM source", "text");
        HttpResponse<String> noComment = call("POST", "api/v2/tickets", BASIC,
                "{\"ticket\":{\"subject\":\"Hi\",\"requester_id\":" + requester + "}}");
        assertThat(noComment.statusCode()).isEqualTo(422);
        assertThat(json.readTree(noComment.body()).path("error").asText()).isEqualTo("RecordInvalid");
        HttpResponse<String> unknownField = call("POST", "api/v2/tickets", BASIC,
                "{\"ticket\":{\"subject\":\"Hi\",\"comment\":{\"body\":\"x\"},\"custom_fields\":[{\"id\":1,\"value\":\"a\"}]}}");
        assertThat(unknownField.statusCode()).isEqualTo(422);

        HttpResponse<String> created = call("POST", "api/v2/tickets.json", BASIC,
                "{\"ticket\":{\"subject\":\"Missed call\",\"comment\":{\"body\":\"Waited 45 s\",\"public\":false},"
                        + "\"requester_id\":" + requester + ",\"external_id\":\"call-1\",\"tags\":[\"missed\"],"
                        + "\"custom_fields\":[{\"id\":" + field + ",\"value\":\"google\"}]}}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode answer = json.readTree(created.body());
        long id = answer.path("ticket").path("id").asLong();
        assertThat(answer.path("audit").path("events").get(0).path("type").asText()).isEqualTo("Comment");
        assertThat(fake.ticket(id)).get().satisfies(t -> {
            assertThat(t.status()).isEqualTo("new");
            assertThat(t.externalId()).isEqualTo("call-1");
            assertThat(t.customFields()).containsEntry(field, "google");
        });
        assertThat(fake.comments(id)).singleElement().satisfies(c -> assertThat(c.isPublic()).isFalse());
        assertThat(fake.calls()).contains("POST /api/v2/tickets");
    }

    @Test
    void updateTicketReplacesTagsAndOnlyAddTagsKeepsThem() throws Exception {
        long ticket = fake.addTicket(fake.addEndUser("Ivan", null, null), "Missed call", "open", null);
        call("POST", "api/v2/tickets/" + ticket + "/tags.json", BASIC, "{\"tags\":[\"telephony\"]}");
        assertThat(fake.ticket(ticket).orElseThrow().tags()).containsExactly("telephony");

        // additional_tags is documented for Update Many Tickets only: a single-ticket update ignores it.
        HttpResponse<String> ignored = call("PUT", "api/v2/tickets/" + ticket, BASIC,
                "{\"ticket\":{\"additional_tags\":[\"missed\"],\"remove_tags\":[\"telephony\"]}}");
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(fake.ticket(ticket).orElseThrow().tags()).containsExactly("telephony");

        HttpResponse<String> added = call("PUT", "api/v2/tickets/" + ticket + "/tags", BASIC,
                "{\"tags\":[\"missed\",\"telephony\"]}");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(json.readTree(added.body()).path("tags").toString()).isEqualTo("[\"telephony\",\"missed\"]");
        assertThat(json.readTree(call("GET", "api/v2/tickets/" + ticket + "/tags", BASIC, null).body())
                .path("tags")).hasSize(2);

        call("PUT", "api/v2/tickets/" + ticket, BASIC, "{\"ticket\":{\"tags\":[\"vip\"]}}");
        assertThat(fake.ticket(ticket).orElseThrow().tags()).containsExactly("vip");
        call("DELETE", "api/v2/tickets/" + ticket + "/tags", BASIC, "{\"tags\":[\"vip\"]}");
        assertThat(fake.ticket(ticket).orElseThrow().tags()).isEmpty();

        long closed = fake.addTicket(null, "Old", "closed", null);
        assertThat(call("PUT", "api/v2/tickets/" + closed + "/tags", BASIC, "{\"tags\":[\"x\"]}").statusCode())
                .isEqualTo(422);
        assertThat(call("PUT", "api/v2/tickets/999/tags", BASIC, "{\"tags\":[\"x\"]}").statusCode()).isEqualTo(404);
    }

    @Test
    void cursorPaginationFollowsLinksNext() throws Exception {
        fake.limitPageSize(2);
        for (int i = 0; i < 5; i++) {
            fake.addAgent("Agent " + i, "a" + i + "@acme.test");
        }
        String next = "api/v2/users?role%5B%5D=agent&page%5Bsize%5D=100";
        int pages = 0;
        int agents = 0;
        while (next != null) {
            JsonNode page = json.readTree(call("GET", next, BASIC, null).body());
            agents += page.path("users").size();
            pages++;
            next = page.path("meta").path("has_more").asBoolean() ? page.path("links").path("next").asText() : null;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(agents).isEqualTo(5);
    }

    @Test
    void searchMatchesTheStoredPhoneStringAndPagesByOffset() throws Exception {
        long ivan = fake.addEndUser("Ivan", null, "+79990001122");
        fake.addEndUser("Olga", null, "79990001122");
        JsonNode plus = json.readTree(call("GET", "api/v2/search?query=type%3Auser+phone%3A%2B79990001122", BASIC,
                null).body());
        assertThat(plus.path("results")).hasSize(1);
        assertThat(plus.path("results").get(0).path("id").asLong()).isEqualTo(ivan);
        assertThat(plus.path("results").get(0).path("result_type").asText()).isEqualTo("user");
        assertThat(plus.path("next_page").isNull()).isTrue();

        fake.addTicket(ivan, "a", "open", null);
        fake.addTicket(ivan, "b", "solved", null);
        JsonNode open = json.readTree(call("GET", "api/v2/search?query=" + java.net.URLEncoder.encode(
                "type:ticket requester_id:" + ivan + " status<solved", StandardCharsets.UTF_8), BASIC, null).body());
        assertThat(open.path("results")).hasSize(1);
        assertThat(open.path("count").asInt()).isEqualTo(1);
    }

    @Test
    void failuresCanBeInjected() throws Exception {
        fake.failNext(2, 429, 7);
        HttpResponse<String> limited = call("GET", "api/v2/users/me", BASIC, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(limited.body()).isEqualTo("Too Many Requests");
        assertThat(call("GET", "api/v2/users/me", BASIC, null).statusCode()).isEqualTo(429);
        assertThat(call("GET", "api/v2/users/me", BASIC, null).statusCode()).isEqualTo(200);
        fake.failNext(1, 503, null);
        assertThat(call("GET", "api/v2/users/me", BASIC, null).statusCode()).isEqualTo(503);
    }

    @Test
    void signedWebhookUsesBase64HmacOverTimestampAndBody() {
        // Expected value computed independently (Python hmac/hashlib/base64) for this secret, timestamp and body.
        ZendeskFake.SignedWebhook hook = ZendeskFake.signedWebhook("dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==",
                "{\"id\":\"x\"}", Instant.parse("2024-05-02T10:00:00Z"), "inv-1");
        assertThat(hook.headers()).containsEntry("X-Zendesk-Webhook-Signature",
                "LhJ63th2YFGr3v3j2qspnG5cZ96JGv9tSBQ3UMlyAe0=")
                .containsEntry("X-Zendesk-Webhook-Signature-Timestamp", "2024-05-02T10:00:00Z")
                .containsEntry("X-Zendesk-Webhook-Invocation-Id", "inv-1");
        assertThat(hook.bodyText()).isEqualTo("{\"id\":\"x\"}");
    }

    @Test
    void ticketEventEnvelopeCarriesTheTicket() throws Exception {
        long ticket = fake.addTicket(fake.addEndUser("Ivan", null, null), "Missed call", "solved", "call-9");
        JsonNode event = json.readTree(fake.ticketEvent("ev-1", "ticket.status_changed", ticket,
                Map.of("current", "SOLVED", "previous", "OPEN")));
        assertThat(event.path("type").asText()).isEqualTo("zen:event-type:ticket.status_changed");
        assertThat(event.path("subject").asText()).isEqualTo("zen:ticket:" + ticket);
        assertThat(event.path("detail").path("status").asText()).isEqualTo("SOLVED");
        assertThat(event.path("detail").path("external_id").asText()).isEqualTo("call-9");
    }

    @Test
    void searchCanLagBehindWritesWhileListsDoNot() throws Exception {
        fake.simulateSearchLag(true);
        HttpResponse<String> created = call("POST", "api/v2/users/create_or_update", BASIC,
                "{\"user\":{\"name\":\"Ivan\",\"phone\":\"+79990001122\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json.readTree(created.body()).path("user").path("id").asLong();
        String search = "api/v2/search?query=type%3Auser+phone%3A%2B79990001122";
        assertThat(json.readTree(call("GET", search, BASIC, null).body()).path("results")).isEmpty();
        assertThat(call("GET", "api/v2/users/" + id, BASIC, null).statusCode()).isEqualTo(200);
        fake.indexSearch();
        assertThat(json.readTree(call("GET", search, BASIC, null).body()).path("results")).hasSize(1);
    }
}
