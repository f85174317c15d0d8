package io.switchboard.plugins.deskie.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Deskie fake speaks Deskie's wire format as its API pages and laravel-omnidesk document it. */
class DeskieFakeTest {

    private static final String EMAIL = "api@acme.test";
    private static final String KEY = "k3y-0f-the-api-agent";

    private final DeskieFake fake = new DeskieFake(EMAIL, KEY);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body, String user, String key)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "api/" + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + key)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        return send(method, pathAndQuery, body, EMAIL, KEY);
    }

    @Test
    void refusesWrongCredentialsAndSendsTheRateLimitHeadersOnEveryAnswer() throws Exception {
        HttpResponse<String> refused = send("GET", "staff.json", null, EMAIL, "wrong");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(send("GET", "staff.json", null, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = send("GET", "staff.json", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        for (HttpResponse<String> answer : java.util.List.of(refused, ok)) {
            assertThat(answer.headers().firstValue("rate_limit_per_minute")).hasValue("1500");
            assertThat(answer.headers().firstValue("api_calls_left")).isPresent();
            assertThat(answer.headers().firstValue("retry_after")).isPresent();
        }
    }

    @Test
    void listsAreObjectsKeyedByIndexWithATotalCountAndPage() throws Exception {
        for (int i = 0; i < 3; i++) {
            fake.addStaff(30 + i, "Agent " + i, "agent" + i + "@acme.test", true);
        }
        JsonNode page1 = json.readTree(send("GET", "staff.json?page=1&limit=2", null).body());
        assertThat(page1.isObject()).isTrue();
        assertThat(page1.path("total_count").asInt()).isEqualTo(4);
        assertThat(page1.has("0")).isTrue();
        assertThat(page1.has("1")).isTrue();
        assertThat(page1.has("2")).isFalse();
        assertThat(page1.path("0").path("staff").path("staff_email").asText()).isEqualTo(EMAIL);
        JsonNode page2 = json.readTree(send("GET", "staff.json?page=2&limit=2", null).body());
        assertThat(page2.path("0").path("staff").path("staff_id").asLong()).isEqualTo(31);
        assertThat(send("GET", "staff.json?limit=101", null).statusCode()).isEqualTo(400);
    }

    @Test
    void createsACaseForAnEmailCreatingTheUserAndFindsUsersWithTheExactMatchSyntax() throws Exception {
        HttpResponse<String> created = send("POST", "cases.json", "{\"case\":{\"user_email\":\"ivan@example.com\","
                + "\"user_full_name\":\"Ivan\",\"subject\":\"Order 5\",\"content\":\"Where is it?\","
                + "\"custom_fields\":{\"cf_25\":\"key-1\"},\"labels\":[101]}}");
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode kase = json.readTree(created.body()).path("case");
        assertThat(kase.path("case_id").asLong()).isEqualTo(2000);
        assertThat(kase.path("case_number").asText()).isEqualTo("664-245651");
        assertThat(kase.path("status").asText()).isEqualTo("open");
        assertThat(kase.path("created_at").asText()).matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0300");
        assertThat(fake.users()).singleElement().satisfies(u -> assertThat(u.email()).isEqualTo("ivan@example.com"));
        assertThat(fake.messages(2000)).singleElement().satisfies(m -> assertThat(m.content()).isEqualTo("Where is it?"));

        fake.addUser("Other", "xivan@example.com");
        JsonNode substring = json.readTree(send("GET", "users.json?user_email=ivan%40example.com", null).body());
        assertThat(substring.path("total_count").asInt()).isEqualTo(2);
        JsonNode exact = json.readTree(send("GET", "users.json?user_email=%5Eivan%40example.com%5E", null).body());
        assertThat(exact.path("total_count").asInt()).isEqualTo(1);

        // Paths accept the case number as well as the id.
        assertThat(send("GET", "cases/664-245651.json", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "cases/9999.json", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "cases.json", "{\"case\":{\"subject\":\"x\",\"content\":\"y\"}}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void messagesNeedOneAuthorAndNotesComeBackAsMessages() throws Exception {
        long user = fake.addUser("Ivan", "ivan@example.com");
        long kase = fake.addCase(user, "Help", "open");
        assertThat(send("POST", "cases/" + kase + "/messages.json", "{\"message\":{\"content\":\"Hi\"}}")
                .statusCode()).isEqualTo(400);
        JsonNode reply = json.readTree(send("POST", "cases/" + kase + "/messages.json",
                "{\"message\":{\"content\":\"We are on it\",\"staff_id\":22}}").body()).path("message");
        assertThat(reply.path("staff_id").asLong()).isEqualTo(22);
        assertThat(reply.path("note").asBoolean()).isFalse();
        JsonNode note = json.readTree(send("POST", "cases/" + kase + "/note.json",
                "{\"note\":{\"content\":\"Internal\"}}").body()).path("message");
        assertThat(note.path("note").asBoolean()).isTrue();
        JsonNode newestFirst = json.readTree(send("GET", "cases/" + kase + "/messages.json?order=desc", null).body());
        assertThat(newestFirst.path("total_count").asInt()).isEqualTo(3);
        assertThat(newestFirst.path("0").path("message").path("content").asText()).isEqualTo("Internal");
    }

    @Test
    void failNextAnswers429WithRetryAfterAndWritesCountDouble() throws Exception {
        fake.failNext(1, 429, 17);
        HttpResponse<String> limited = send("GET", "staff.json", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry_after")).hasValue("17");

        fake.rateLimitPerMinute(3);
        fake.resetRateWindow();
        assertThat(send("POST", "users.json", "{\"user\":{\"user_email\":\"a@b.c\"}}").statusCode()).isEqualTo(200);
        HttpResponse<String> left = send("GET", "staff.json", null);
        assertThat(left.statusCode()).isEqualTo(200);
        assertThat(left.headers().firstValue("api_calls_left")).hasValue("0");
        HttpResponse<String> over = send("GET", "staff.json", null);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("retry_after")).hasValue("60");
    }

    @Test
    void agentAndCustomerActivityComesWithTheRuleWebhookBodies() throws Exception {
        long user = fake.addUser("Ivan", "ivan@example.com");
        long kase = fake.addCase(user, "Help", "open");
        DeskieWebhooks hooks = new DeskieWebhooks("s3cret");

        DeskieFake.Message reply = fake.addAgentReply(kase, 22, "Fixed <now>");
        JsonNode agent = json.readTree(hooks.forMessage(fake, reply));
        assertThat(agent.path("event").asText()).isEqualTo("agent_reply");
        assertThat(agent.path("case_id").asText()).isEqualTo(String.valueOf(kase));
        assertThat(agent.path("message").asText()).isEqualTo("<p>Fixed &lt;now&gt;</p>");
        assertThat(agent.path("staff_email").asText()).isEqualTo(EMAIL);
        assertThat(agent.path("secret").asText()).isEqualTo("s3cret");
        assertThat(fake.caseById(kase).orElseThrow().status()).isEqualTo("waiting");

        DeskieFake.Message answer = fake.addCustomerEmailReply(kase, "Thanks!");
        JsonNode customer = json.readTree(hooks.forMessage(fake, answer));
        assertThat(customer.path("event").asText()).isEqualTo("customer_reply");
        assertThat(customer.path("user_email").asText()).isEqualTo("ivan@example.com");
        assertThat(fake.caseById(kase).orElseThrow().status()).isEqualTo("open");
        assertThat(hooks.forMessage(fake, answer)).isEqualTo(hooks.forMessage(fake, answer));

        JsonNode status = json.readTree(hooks.statusChanged(fake.setStatus(kase, "closed"), "closed"));
        assertThat(status.path("status").asText()).isEqualTo("closed");
        assertThat(DeskieFake.matches("Ivan@Example.com", "^ivan@example.com^")).isTrue();
        assertThat(DeskieFake.matches("xivan@example.com", "^ivan@example.com^")).isFalse();
    }
}
