package io.switchboard.plugins.dashly.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashlyFakeTest {

    private static final String TOKEN = "app.58213.4f1c2e9b0a7d";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DashlyFake fake;

    @BeforeEach
    void start() {
        fake = new DashlyFake(TOKEN);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private record Reply(int status, JsonNode json, String raw, HttpResponse<String> response) {
    }

    private Reply get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    private Reply post(String path, Map<String, String> form, String... headers) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    private Reply postAuthed(String path, Map<String, String> form) throws Exception {
        return post(path, form, "Authorization", "Token " + TOKEN);
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r.body(), r);
    }

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void acceptsTheThreeDocumentedTokenPlacementsAndRefusesOthersWithTheEnvelope() throws Exception {
        String lead = fake.addLead("Alex", "alex@example.com");

        assertThat(get("/users/" + lead, "Authorization", "Token " + TOKEN).status()).isEqualTo(200);
        assertThat(get("/users/" + lead, "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
        assertThat(get("/users/" + lead + "?auth_token=" + TOKEN).status()).isEqualTo(200);
        assertThat(post("/users/" + lead + "/events", form("event", "Visited", "auth_token", TOKEN)).status())
                .isEqualTo(200);

        for (Reply refused : new Reply[] {get("/users/" + lead), get("/users/" + lead, "Authorization", "Token nope"),
                get("/users/" + lead + "?auth_token=nope"), get("/users/" + lead, "Authorization", TOKEN)}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("meta").path("status").asInt()).isEqualTo(401);
            assertThat(refused.json().path("meta").path("error").asText()).isNotBlank();
            assertThat(refused.json().path("meta").path("error_message").asText()).isNotBlank();
            assertThat(refused.json().path("data").isObject()).isTrue();
            assertThat(refused.json().path("data").size()).isZero();
        }
    }

    @Test
    void servesV1AndUnprefixedPathsAndAnswersUnknownPathsWith404Envelope() throws Exception {
        String lead = fake.addLead("Alex", "alex@example.com");
        String auth = "?auth_token=" + TOKEN;

        Reply v1 = get("/v1/users/" + lead + auth);
        Reply bare = get("/users/" + lead + auth);
        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.raw()).isEqualTo(bare.raw());
        assertThat(v1.json().path("meta").path("status").asInt()).isEqualTo(200);

        Reply unknown = get("/v2/nothing" + auth);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("meta").path("status").asInt()).isEqualTo(404);
        assertThat(unknown.json().path("meta").path("error").asText()).isEqualTo("NotFound");
        assertThat(get("/users/1" + auth).status()).isEqualTo(404);
    }

    @Test
    void idsAreStringsOnlyWithIdAsStringAndOtherwiseNumbersAboveTwoToThe53() throws Exception {
        String lead = fake.addLead("Alex", null);
        long id = Long.parseLong(lead);
        assertThat(id).isGreaterThan(1L << 53);

        Reply asString = get("/users/" + lead + "?id_as_string=true&auth_token=" + TOKEN);
        assertThat(asString.json().path("data").path("id").isTextual()).isTrue();
        assertThat(asString.json().path("data").path("id").asText()).isEqualTo(lead);

        Reply asNumber = get("/users/" + lead + "?auth_token=" + TOKEN);
        JsonNode number = asNumber.json().path("data").path("id");
        assertThat(number.isIntegralNumber()).isTrue();
        assertThat(number.longValue()).isEqualTo(id);
        assertThat((long) number.doubleValue()).as("a double-based parser loses the id").isNotEqualTo(id);
        assertThat(asNumber.raw()).contains("\"id\":" + lead);

        JsonNode props = asNumber.json().path("data").path("props");
        assertThat(props.path("$name").asText()).isEqualTo("Alex");
        assertThat(props.has("$email")).as("no e-mail, no $email prop").isFalse();
    }

    @Test
    void getUserSplitsSystemAndCustomPropsAndFindsBySiteUserId() throws Exception {
        String lead = fake.addLead("Alex", "alex@example.com", Map.of("$phone", "+79990000000", "plan", "pro"));
        String site = fake.addLeadWithUserId("site-42", "Bo", null);

        JsonNode data = get("/users/" + lead + "?props_custom=true&auth_token=" + TOKEN).json().path("data");
        assertThat(data.path("props").path("$phone").asText()).isEqualTo("+79990000000");
        assertThat(data.path("props").has("plan")).isFalse();
        assertThat(data.path("props_custom").path("plan").asText()).isEqualTo("pro");

        JsonNode bySite = get("/users/site-42?by_user_id=true&id_as_string=1&auth_token=" + TOKEN).json();
        assertThat(bySite.path("data").path("id").asText()).isEqualTo(site);
        assertThat(bySite.path("data").path("user_id").asText()).isEqualTo("site-42");
    }

    @Test
    void replyRecordsNotesAndAdminRepliesAndAnswersTheCreatedPart() throws Exception {
        String lead = fake.addLead("Alex", "alex@example.com");
        String admin = fake.addAdmin("Maks");
        String conversation = fake.addConversation(lead, "Hi, where is my order?");

        Reply note = postAuthed("/v1/conversations/" + conversation + "/reply?id_as_string=true",
                form("body", "/done noted", "type", "note", "from_admin", admin, "random_id", "424242"));
        assertThat(note.status()).isEqualTo(200);
        JsonNode part = note.json().path("data");
        assertThat(part.path("id").isTextual()).isTrue();
        assertThat(part.path("conversation").asText()).isEqualTo(conversation);
        assertThat(part.path("body").asText()).isEqualTo("/done noted");
        assertThat(part.path("type").asText()).isEqualTo("note");
        assertThat(part.path("random_id").asLong()).isEqualTo(424242);
        assertThat(part.path("created").asLong()).isPositive();
        assertThat(part.path("from").path("id").asText()).isEqualTo(admin);

        Reply visible = postAuthed("/conversations/" + conversation + "/reply",
                form("body", "On its way", "from_admin", "default_admin", "bot_name", "Bot"));
        assertThat(visible.status()).isEqualTo(200);
        assertThat(visible.json().path("data").path("type").asText()).isEqualTo("reply_admin");

        assertThat(fake.parts(conversation)).extracting(DashlyFake.Part::type, DashlyFake.Part::body,
                        DashlyFake.Part::fromAdmin, DashlyFake.Part::randomId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reply_user", "Hi, where is my order?", null, null),
                        org.assertj.core.groups.Tuple.tuple("note", "/done noted", admin, "424242"),
                        org.assertj.core.groups.Tuple.tuple("reply_admin", "On its way", admin, null));
        assertThat(fake.parts(conversation).get(1).id()).isEqualTo(part.path("id").asText());

        JsonNode got = get("/conversations/" + conversation + "?id_as_string=true&auth_token=" + TOKEN).json()
                .path("data");
        assertThat(got.path("user").path("id").asText()).isEqualTo(lead);
        assertThat(got.path("user").path("props").path("$email").asText()).isEqualTo("alex@example.com");
        assertThat(got.path("parts_count").asInt()).isEqualTo(3);
        assertThat(got.path("part_last").path("type").asText()).isEqualTo("reply_admin");
        assertThat(got.path("type").asText()).isEqualTo("popup_chat");

        assertThat(postAuthed("/conversations/1/reply", form("body", "x")).status()).isEqualTo(404);
        assertThat(postAuthed("/conversations/" + conversation + "/reply", form("body", "x", "type", "sms"))
                .status()).isEqualTo(400);
        assertThat(fake.parts(conversation)).hasSize(3);
    }

    @Test
    void aJsonBodyIsRefusedButMultipartFieldsAreRead() throws Exception {
        String lead = fake.addLead("Alex", null);
        String conversation = fake.addConversation(lead);
        fake.addAdmin("Maks");

        Reply json = send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/conversations/" + conversation
                        + "/reply"))
                .header("Authorization", "Token " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"hi\",\"type\":\"note\"}")).build());
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().path("meta").path("error").asText()).isEqualTo("BadRequest");
        assertThat(fake.parts(conversation)).isEmpty();

        // mds-carrotquest-client: every argument in the query of a POST, JSON content type, no body.
        Reply queryOnly = send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/users/" + lead
                        + "/events?id_as_string=true&event=Visited&auth_token=" + TOKEN))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(queryOnly.status()).isEqualTo(200);
        assertThat(fake.leadEvents(lead)).extracting(DashlyFake.LeadEvent::event).containsExactly("Visited");

        String boundary = "----cq" + System.nanoTime();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nпривет\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nnote\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"auth_token\"\r\n\r\n" + TOKEN + "\r\n"
                + "--" + boundary + "--\r\n";
        Reply php = send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/conversations/" + conversation
                        + "/reply"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)).build());
        assertThat(php.status()).isEqualTo(200);
        assertThat(fake.parts(conversation)).singleElement()
                .satisfies(p -> assertThat(p.body()).isEqualTo("привет"))
                .satisfies(p -> assertThat(p.type()).isEqualTo("note"));
    }

    @Test
    void propsOperationsAreAppliedInOrderAndInvalidOnesReportedNotFailed() throws Exception {
        String lead = fake.addLead("Alex", "alex@example.com", Map.of("orders", "2"));
        String ops = "[{\"op\":\"update_or_create\",\"key\":\"$phone\",\"value\":\"+79990000000\"},"
                + "{\"op\":\"update_or_create\",\"key\":\"$email\",\"value\":\"alex@example.com\"},"
                + "{\"op\":\"add\",\"key\":\"visits\",\"value\":3},"
                + "{\"op\":\"set_once\",\"key\":\"$name\",\"value\":\"Other\"},"
                + "{\"op\":\"union\",\"key\":\"tags\",\"value\":\"vip\"},"
                + "{\"op\":\"frobnicate\",\"key\":\"x\",\"value\":1},"
                + "{\"op\":\"update_or_create\",\"key\":\"empty\",\"value\":\"\"},"
                + "{\"op\":\"delete\",\"key\":\"orders\"}]";

        Reply r = postAuthed("/users/" + lead + "/props", form("operations", ops));

        assertThat(r.status()).isEqualTo(200);
        JsonNode meta = r.json().path("meta");
        assertThat(meta.path("affected_props")).extracting(JsonNode::asText)
                .containsExactly("$phone", "visits", "tags", "orders");
        assertThat(meta.path("not_changed_props")).extracting(JsonNode::asText).containsExactly("$email", "$name");
        assertThat(meta.path("ignored_operations")).hasSize(2);
        assertThat(meta.path("ignored_operations").get(0).path("op").asText()).isEqualTo("frobnicate");
        assertThat(meta.path("ignored_operations").get(0).path("reason").asText()).isNotBlank();
        assertThat(meta.path("ignored_operations").get(1).path("key").asText()).isEqualTo("empty");
        assertThat(fake.props(lead)).containsEntry("$phone", "+79990000000").containsEntry("visits", "3")
                .containsEntry("$name", "Alex").containsEntry("tags", "[\"vip\"]").doesNotContainKeys("orders", "x");

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 251; i++) {
            many.append(i == 0 ? "" : ",").append("{\"op\":\"add\",\"key\":\"n\",\"value\":1}");
        }
        assertThat(postAuthed("/users/" + lead + "/props", form("operations", many + "]")).status()).isEqualTo(400);
        assertThat(postAuthed("/users/" + lead + "/props", form("operations", "{\"op\":1}")).status()).isEqualTo(400);
        assertThat(fake.props(lead)).doesNotContainKey("n");
    }

    @Test
    void eventsAreTrackedAndListedNewestFirst() throws Exception {
        String lead = fake.addLead("Alex", null);

        Reply first = postAuthed("/users/" + lead + "/events?id_as_string=true",
                form("event", "Order Created", "params", "{\"item\":\"chicken\",\"qty\":2}", "created", "1700000000"));
        assertThat(first.status()).isEqualTo(200);
        JsonNode event = first.json().path("data");
        assertThat(event.path("id").isTextual()).isTrue();
        assertThat(event.path("created").asLong()).isEqualTo(1700000000L);
        assertThat(event.path("type").path("name").asText()).isEqualTo("Order Created");
        assertThat(event.path("user").asText()).isEqualTo(lead);
        assertThat(event.path("props").path("item").asText()).isEqualTo("chicken");
        postAuthed("/users/" + lead + "/events", form("event", "Lead from Switchboard"));

        assertThat(postAuthed("/users/" + lead + "/events", form("event", "")).status()).isEqualTo(400);
        assertThat(postAuthed("/users/" + lead + "/events", form("event", "x".repeat(256))).status()).isEqualTo(400);
        assertThat(postAuthed("/users/" + lead + "/events", form("event", "x", "params", "[1]")).status())
                .isEqualTo(400);

        JsonNode list = get("/users/" + lead + "/events?auth_token=" + TOKEN).json().path("data");
        assertThat(list).extracting(n -> n.path("type").path("name").asText())
                .containsExactly("Lead from Switchboard", "Order Created");
        assertThat(fake.leadEvents(lead)).extracting(DashlyFake.LeadEvent::event)
                .containsExactly("Order Created", "Lead from Switchboard");
        assertThat(fake.leadEvents(lead).get(0).params()).containsEntry("item", "chicken").containsEntry("qty", "2");

        Reply unknown = get("/users/42/events?auth_token=" + TOKEN);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("meta").path("error").asText()).isEqualTo("LookupError");
    }

    @Test
    void failNextAnswersWithTheStatusAndRetryAfterThenRecovers() throws Exception {
        String lead = fake.addLead("Alex", null);
        fake.failNext(2, 429, 7);

        for (int i = 0; i < 2; i++) {
            Reply r = postAuthed("/users/" + lead + "/events", form("event", "E"));
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.json().path("meta").path("status").asInt()).isEqualTo(429);
            assertThat(r.response().headers().firstValue("Retry-After")).hasValue("7");
        }
        assertThat(fake.leadEvents(lead)).isEmpty();
        assertThat(postAuthed("/users/" + lead + "/events", form("event", "E")).status()).isEqualTo(200);
        assertThat(fake.leadEvents(lead)).hasSize(1);
    }

    @Test
    void aLostAnswerIsAppliedButNeverAnswered() throws Exception {
        String lead = fake.addLead("Alex", null);
        String conversation = fake.addConversation(lead);
        fake.addAdmin("Maks");
        fake.loseAnswersOfNext(1);

        assertThatThrownBy(() -> postAuthed("/conversations/" + conversation + "/reply",
                form("body", "/lead", "type", "note", "random_id", "77")))
                .isInstanceOf(IOException.class);
        assertThat(fake.parts(conversation)).singleElement()
                .satisfies(p -> assertThat(p.randomId()).isEqualTo("77"));

        assertThat(postAuthed("/conversations/" + conversation + "/reply", form("body", "again")).status())
                .isEqualTo(200);
        assertThat(fake.parts(conversation)).hasSize(2);
    }

    @Test
    void slowNextDelaysTheAnswer() throws Exception {
        String lead = fake.addLead("Alex", null);
        fake.slowNext(1, Duration.ofMillis(400));
        long start = System.nanoTime();
        assertThat(get("/users/" + lead + "?auth_token=" + TOKEN).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void theRequestLogHasMethodPathAndSortedArgumentNamesButNoValues() throws Exception {
        String lead = fake.addLead("Alex", null);
        postAuthed("/v1/users/" + lead + "/events?id_as_string=true", form("event", "E", "auth_token", TOKEN));
        get("/users/" + lead + "?auth_token=" + TOKEN);

        assertThat(fake.requests()).containsExactly(
                "POST /v1/users/" + lead + "/events [auth_token, event, id_as_string]",
                "GET /users/" + lead + " [auth_token]");
        assertThat(String.join("\n", fake.requests())).doesNotContain(TOKEN);
    }
}
