package io.switchboard.plugins.chatra.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatraWebhooksTest {

    private final ChatraWebhooks hooks = new ChatraWebhooks();
    private final ChatraVisitor visitor = ChatraVisitor.anonymous("vfg1y4h4ioapl1cx0trw", "aC4krWMZWLYzz9sKZ");

    @Test
    void aChatStartsWithoutAgentsAndCarriesTheVisitor() {
        JsonNode started = hooks.chatStarted(visitor, "Hi there!").json();
        assertThat(started.path("eventName").asText()).isEqualTo("chatStarted");
        assertThat(started.path("agents").isArray()).isTrue();
        assertThat(started.path("agents")).isEmpty();
        assertThat(started.path("client").path("id").asText()).isEqualTo(visitor.id());
        assertThat(started.path("client").path("chatId").asText()).isEqualTo(visitor.chatId());
        assertThat(started.path("client").path("displayedName").asText()).startsWith("Berlin #");
        JsonNode message = started.path("messages").get(0);
        assertThat(message.path("type").asText()).isEqualTo("client");
        assertThat(message.path("text").asText()).isEqualTo("Hi there!");
        assertThat(message.path("message").asText()).isEqualTo("Hi there!");
    }

    @Test
    void theTranscriptRepeatsTheFragmentsIdsEvenFromACopy() {
        ChatraWebhooks.Webhook first = hooks.chatStarted(visitor, "Hi");
        ChatraWebhooks.Webhook batch = hooks.clientMessages(visitor, "one", "two");
        ChatraWebhooks.Webhook reply = hooks.agentMessage(visitor, "bnRzp4CioKudG4aHm", "Daniela",
                "daniela@example.com", "Checking now");
        ChatraWebhooks.Webhook transcript = hooks.withTextKey(ChatraWebhooks.TextKey.TEXT).transcript(visitor);
        List<String> expected = new ArrayList<>(first.messageIds());
        expected.addAll(batch.messageIds());
        expected.addAll(reply.messageIds());
        assertThat(transcript.messageIds()).containsExactlyElementsOf(expected);
        assertThat(transcript.json().path("eventName").asText()).isEqualTo("chatTranscript");
        assertThat(transcript.json().path("agents").get(0).path("email").asText()).isEqualTo("daniela@example.com");
        assertThat(transcript.json().path("messages").get(0).has("message")).isFalse();
        assertThat(reply.json().path("messages").get(0).path("agentId").asText()).isEqualTo("bnRzp4CioKudG4aHm");
    }

    @Test
    void variantsWriteNumbersEmptyValuesAndOneTextKey() {
        ChatraVisitor site = new ChatraVisitor("42", "chat42chat42chat4", null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        JsonNode numeric = hooks.withNumericIds().clientMessage(site, "x").json();
        assertThat(numeric.path("messages").get(0).path("id").isIntegralNumber()).isTrue();
        assertThat(numeric.path("client").path("id").isIntegralNumber()).isTrue();
        JsonNode empty = hooks.withEmptyFields().withTextKey(ChatraWebhooks.TextKey.MESSAGE)
                .clientMessage(site, "y").json();
        assertThat(empty.path("client").path("email").isNull()).isTrue();
        assertThat(empty.path("client").path("name").asText()).isEmpty();
        assertThat(empty.path("client").path("pages")).isEmpty();
        assertThat(empty.path("messages").get(0).has("text")).isFalse();
        JsonNode info = hooks.clientInfoUpdated(visitor.introduced("Maria", "maria@example.com", null)).json();
        assertThat(info.path("eventName").asText()).isEqualTo("clientInfoUpdated");
        assertThat(info.path("client").path("email").asText()).isEqualTo("maria@example.com");
        assertThat(info.path("messages")).isEmpty();
    }

    @Test
    void postsToLoopbackOnly() throws Exception {
        List<String> received = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            ChatraWebhooks.Webhook hook = hooks.chatStarted(visitor, "Hi");
            assertThat(ChatraWebhooks.post(hook, "http://localhost:" + server.getAddress().getPort() + "/hook"))
                    .isEqualTo(200);
            assertThat(received).containsExactly("application/json", hook.body());
        } finally {
            server.stop(0);
        }
        assertThatThrownBy(() -> ChatraWebhooks.post(hooks.clientMessage(visitor, "x"), "http://example.com/h"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
