package io.switchboard.plugins.chatra.fake;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatraFakeTest {

    private static final String PUBLIC = "KQN2vdXYigrbe3F36";
    private static final String SECRET = "s3cr3t-9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    private static final String AUTH = "Chatra.Simple " + PUBLIC + ":" + SECRET;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ChatraFake fake;
    private final ChatraVisitor anna = ChatraVisitor.anonymous("vfg1y4h4ioapl1cx0trw", "aC4krWMZWLYzz9sKZ")
            .introduced("Anna", "anna@example.com", null);

    @BeforeEach
    void start() {
        fake = new ChatraFake(PUBLIC, SECRET);
        fake.addVisitor(anna);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    }

    private Reply call(String method, String path, String body, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r);
    }

    @Test
    void acceptsChatraSimpleAndBasicAndRefusesOtherCredentials() throws Exception {
        assertThat(call("GET", "/clients/" + anna.id(), null, AUTH).status()).isEqualTo(200);
        String basic = "Basic " + Base64.getEncoder().encodeToString((PUBLIC + ":" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(call("GET", "/clients/" + anna.id(), null, basic).status()).isEqualTo(200);
        for (String wrong : new String[] {null, "Chatra.Simple " + PUBLIC + ":nope", "Bearer " + SECRET,
                "Chatra.Simple " + SECRET}) {
            Reply r = call("GET", "/clients/" + anna.id(), null, wrong);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().path("error").asText()).isNotBlank().doesNotContain(SECRET);
        }
        assertThat(fake.requests()).allSatisfy(line -> assertThat(line).doesNotContain(SECRET));
    }

    @Test
    void readsAndUpdatesAVisitorWhereNullRemovesAValue() throws Exception {
        JsonNode client = call("GET", "/clients/" + anna.id(), null, AUTH).json();
        assertThat(client.path("basicInfo").path("email").asText()).isEqualTo("anna@example.com");
        assertThat(client.path("city").asText()).isEqualTo("Berlin");
        assertThat(client.path("pages")).hasSize(2);
        Reply updated = call("PUT", "/clients/" + anna.id(), "{\"phone\":\"+491701234567\",\"email\":null}", AUTH);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(fake.visitor(anna.id()).phone()).isEqualTo("+491701234567");
        assertThat(fake.visitor(anna.id()).email()).isNull();
        assertThat(fake.visitor(anna.id()).name()).isEqualTo("Anna");
        assertThat(call("PUT", "/clients/" + anna.id(), "{\"plan\":\"pro\"}", AUTH).status()).isEqualTo(400);
        assertThat(call("GET", "/clients/unknown1234567890", null, AUTH).status()).isEqualTo(404);
    }

    @Test
    void sendsAsAnAgentByIdOrByEmailAndCreatesADummyAgentForAnUnknownEmail() throws Exception {
        String max = fake.addAgent("Max", "max@example.com");
        Reply byId = call("POST", "/messages/", "{\"clientId\":\"" + anna.id() + "\",\"text\":\"Hi\",\"agentId\":\""
                + max + "\"}", AUTH);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().path("agentId").asText()).isEqualTo(max);
        Reply byEmail = call("POST", "/messages/", "{\"clientId\":\"" + anna.id() + "\",\"text\":\"Hello\","
                + "\"agentEmail\":\"MAX@example.com\",\"agentName\":\"M\",\"receivedFrom\":\"Switchboard\"}", AUTH);
        assertThat(byEmail.json().path("agentId").asText()).isEqualTo(max);
        assertThat(byEmail.json().path("receivedFrom").asText()).isEqualTo("Switchboard");
        call("POST", "/messages/", "{\"clientId\":\"" + anna.id() + "\",\"text\":\"Yo\",\"agentEmail\":"
                + "\"bot@example.com\",\"agentName\":\"Bot\"}", AUTH);
        assertThat(fake.agents()).filteredOn(ChatraFake.Agent::dummy).singleElement()
                .extracting(ChatraFake.Agent::email).isEqualTo("bot@example.com");
        assertThat(fake.sentMessages()).extracting(ChatraFake.SentMessage::text).containsExactly("Hi", "Hello", "Yo");
        assertThat(call("POST", "/messages/", "{\"clientId\":\"" + anna.id() + "\",\"text\":\"x\"}", AUTH).status())
                .isEqualTo(400);
        assertThat(call("POST", "/messages/", "{\"clientId\":\"" + anna.id() + "\",\"text\":\"\",\"agentId\":\""
                + max + "\"}", AUTH).status()).isEqualTo(400);
        assertThat(call("POST", "/messages/", "{\"clientId\":\"nobody\",\"text\":\"x\",\"agentId\":\"" + max
                + "\"}", AUTH).status()).isEqualTo(404);
        assertThat(call("POST", "/messages/", "not json", AUTH).status()).isEqualTo(400);
        String id = byId.json().path("id").asText();
        assertThat(id).hasSize(17);
        assertThat(call("GET", "/messages/" + id, null, AUTH).json().path("text").asText()).isEqualTo("Hi");
    }

    @Test
    void pushedMessagesGoAsARandomAgentAndCanBeEditedAndDeleted() throws Exception {
        String max = fake.addAgent("Max", "max@example.com");
        Reply pushed = call("POST", "/pushedMessages/", "{\"clientId\":\"" + anna.id() + "\",\"text\":\"Order "
                + "shipped\"}", AUTH);
        assertThat(pushed.json().path("agentId").asText()).isEqualTo(max);
        assertThat(pushed.json().path("isPushed").asBoolean()).isTrue();
        String id = pushed.json().path("id").asText();
        assertThat(call("PUT", "/pushedMessages/" + id, "{\"text\":\"Order delivered\"}", AUTH).status())
                .isEqualTo(200);
        assertThat(fake.sentMessages()).singleElement().extracting(ChatraFake.SentMessage::text)
                .isEqualTo("Order delivered");
        assertThat(call("GET", "/messages/" + id, null, AUTH).status()).isEqualTo(404);
        assertThat(call("DELETE", "/pushedMessages/" + id, null, AUTH).status()).isEqualTo(200);
        assertThat(fake.sentMessages()).isEmpty();
    }

    @Test
    void aVisitorWhoLeftGetsTheMessageByEmail() throws Exception {
        String max = fake.addAgent("Max", "max@example.com");
        fake.leave(anna.id());
        call("POST", "/messages/", "{\"clientId\":\"" + anna.id() + "\",\"text\":\"Still there?\",\"agentId\":\""
                + max + "\"}", AUTH);
        assertThat(fake.sentMessages()).singleElement().extracting(ChatraFake.SentMessage::emailed).isEqualTo(true);
    }

    @Test
    void injectedFailuresCarryRetryAfterAndApplyNothing() throws Exception {
        String max = fake.addAgent("Max", "max@example.com");
        fake.failNext(1, 429, 9);
        Reply limited = call("POST", "/messages/", "{\"clientId\":\"" + anna.id() + "\",\"text\":\"x\",\"agentId\":\""
                + max + "\"}", AUTH);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).contains("9");
        fake.failNext(503);
        assertThat(call("GET", "/clients/" + anna.id(), null, AUTH).status()).isEqualTo(503);
        assertThat(call("GET", "/clients/" + anna.id(), null, AUTH).status()).isEqualTo(200);
        assertThat(fake.sentMessages()).isEmpty();
        assertThat(call("GET", "/agents/", null, AUTH).status()).isEqualTo(404);
        assertThat(call("DELETE", "/messages/", null, AUTH).status()).isEqualTo(405);
    }
}
