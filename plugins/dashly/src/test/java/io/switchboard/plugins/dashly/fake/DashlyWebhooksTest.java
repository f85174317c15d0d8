package io.switchboard.plugins.dashly.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DashlyWebhooksTest {

    private static final String SECRET = "wh-secret-9f2";
    private static final String CONVERSATION = "1976383525275829882";
    private static final String LEAD = "1976380630065219468";
    private static final String ADMIN = "139584";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashlyWebhooks hooks = new DashlyWebhooks(SECRET)
            .withClock(Clock.fixed(Instant.ofEpochSecond(1748613412), ZoneOffset.UTC)).withAdmin(ADMIN, "Oleg");

    /** Decodes the body the way a receiver would: plain form decoding, then JSON. */
    private static Map<String, String> decode(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void anOperatorNoteIsAFormWithTheDocumentedFieldsAndHeaders() throws Exception {
        DashlyWebhooks.Webhook hook = hooks.operatorNote(CONVERSATION, LEAD, ADMIN, "/usedesk text");

        assertThat(hook.headers()).containsEntry("User-Agent", "Dashly Webhook 1.0")
                .containsEntry("Content-Type", "application/x-www-form-urlencoded");
        Map<String, String> form = decode(hook.body());
        assertThat(form).containsOnlyKeys("conversation", "type", "token").containsEntry("type", "conversation")
                .containsEntry("token", SECRET);

        JsonNode part = JSON.readTree(form.get("conversation"));
        assertThat(part.path("type").asText()).isEqualTo("note");
        assertThat(part.path("direction").asText()).isEqualTo("a2u");
        assertThat(part.path("sent_via").asText()).isEqualTo("web_admin");
        assertThat(part.path("body").asText()).isEqualTo("<p>/usedesk text</p>");
        assertThat(part.path("id").isTextual()).isTrue();
        assertThat(Long.parseLong(part.path("id").asText())).isGreaterThan(1L << 53);
        assertThat(part.path("conversation").asText()).isEqualTo(CONVERSATION);
        assertThat(part.path("user").asText()).isEqualTo(LEAD);
        assertThat(part.path("from").asText()).isEqualTo(ADMIN);
        assertThat(part.path("created").asLong()).isEqualTo(1748613412L);
        assertThat(part.path("random_id").isInt()).isTrue();
        assertThat(part.path("conversation_closed").isBoolean()).isTrue();
        assertThat(part.path("conversation_tags").isArray()).isTrue();
        assertThat(part.path("body_json").isObject()).isTrue();
        assertThat(part.path("conversation_type").asText()).isEqualTo("popup_chat");
        assertThat(part.path("assignee").path("id").asText()).isEqualTo(ADMIN);
        assertThat(part.path("assignee").path("name").asText()).isEqualTo("Oleg");
        assertThat(part.path("assignee").path("name_internal").asText()).isNotBlank();
        assertThat(part.has("channel")).isTrue();
        assertThat(part.has("part_group")).isTrue();
        assertThat(hook.partId()).isEqualTo(part.path("id").asText());
    }

    @Test
    void replyVisitorAndClosedKindsCarryTheirTypeDirectionAndState() throws Exception {
        DashlyWebhooks.Webhook visitor = hooks.visitorMessage(CONVERSATION, LEAD, "ой вей, когда же?");
        JsonNode v = visitor.part();
        assertThat(v.path("type").asText()).isEqualTo("reply_user");
        assertThat(v.path("direction").asText()).isEqualTo("u2a");
        assertThat(v.path("sent_via").asText()).isEqualTo("web_user");
        assertThat(v.path("from").asText()).isEqualTo(LEAD);
        assertThat(v.path("body").asText()).isEqualTo("ой вей, когда же?");
        assertThat(decode(visitor.body()).get("conversation")).as("non-ASCII \\u-escaped, as captured")
                .contains("\\u043e\\u0439").doesNotContain("ой");

        JsonNode reply = hooks.operatorReply(CONVERSATION, LEAD, ADMIN, "Tomorrow & <b>soon</b>").part();
        assertThat(reply.path("type").asText()).isEqualTo("reply_admin");
        assertThat(reply.path("body").asText()).isEqualTo("<p>Tomorrow &amp; &lt;b&gt;soon&lt;/b&gt;</p>");
        assertThat(reply.path("conversation_replied").asBoolean()).isTrue();

        JsonNode closed = hooks.closed(CONVERSATION, LEAD, ADMIN).part();
        assertThat(closed.path("type").asText()).isEqualTo("closed");
        assertThat(closed.path("conversation_closed").asBoolean()).isTrue();
        assertThat(closed.path("part_group").asText()).isEqualTo(v.path("part_group").asText());
        assertThat(List.of(v.path("id").asText(), reply.path("id").asText(), closed.path("id").asText()))
                .doesNotHaveDuplicates();
    }

    @Test
    void messyVariants() throws Exception {
        JsonNode numeric = hooks.withNumericIds().operatorNote(CONVERSATION, LEAD, ADMIN, "/x").part();
        assertThat(numeric.path("id").isIntegralNumber()).isTrue();
        assertThat(numeric.path("conversation").longValue()).isEqualTo(Long.parseLong(CONVERSATION));
        assertThat(numeric.path("user").isIntegralNumber()).isTrue();

        assertThat(decode(hooks.withoutToken().visitorMessage(CONVERSATION, LEAD, "hi").body()))
                .doesNotContainKey("token");
        assertThat(decode(hooks.withWrongToken().visitorMessage(CONVERSATION, LEAD, "hi").body()).get("token"))
                .isNotEqualTo(SECRET).isNotBlank();

        DashlyWebhooks.Webhook original = hooks.operatorNote(CONVERSATION, LEAD, ADMIN, "/lead");
        DashlyWebhooks.Webhook again = original.redelivery();
        assertThat(again.body()).isEqualTo(original.body());
        assertThat(again.partId()).isEqualTo(original.partId());
        DashlyWebhooks.Webhook forged = original.withToken("guess");
        assertThat(forged.partId()).isEqualTo(original.partId());
        assertThat(decode(forged.body())).containsEntry("token", "guess");
        assertThat(decode(original.withoutToken().body())).doesNotContainKey("token");

        DashlyWebhooks.Webhook base64 = hooks.withBase64Body().operatorNote(CONVERSATION, LEAD, ADMIN, "/lead");
        assertThat(base64.body()).doesNotContain("conversation=").doesNotContain("&");
        assertThat(base64.form()).containsEntry("type", "conversation").containsEntry("token", SECRET);
        assertThat(base64.part().path("body").asText()).isEqualTo("<p>/lead</p>");

        DashlyWebhooks.Webhook field64 = hooks.withBase64Conversation().operatorNote(CONVERSATION, LEAD, ADMIN, "/l");
        assertThat(decode(field64.body()).get("conversation")).doesNotStartWith("{");
        assertThat(field64.part().path("type").asText()).isEqualTo("note");

        assertThat(hooks.asCarrotQuest().visitorMessage(CONVERSATION, LEAD, "hi").headers())
                .containsEntry("User-Agent", "Carrotquest Webhook 1.0");
        assertThat(hooks.withAdminObjectInFrom().operatorReply(CONVERSATION, LEAD, ADMIN, "x").part()
                .path("from").path("id").asText()).isEqualTo(ADMIN);
    }

    @Test
    void postSendsHeadersAndBodyToALoopbackUrlAndRefusesOtherHosts() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            received.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        try {
            DashlyWebhooks.Webhook hook = hooks.operatorNote(CONVERSATION, LEAD, ADMIN, "/usedesk text");
            int status = DashlyWebhooks.post(hook, "http://localhost:" + server.getAddress().getPort() + "/hook");
            assertThat(status).isEqualTo(202);
            assertThat(received).containsExactly("Dashly Webhook 1.0", "application/x-www-form-urlencoded",
                    hook.body());
        } finally {
            server.stop(0);
        }
        assertThatThrownBy(() -> DashlyWebhooks.post(hooks.visitorMessage(CONVERSATION, LEAD, "x"),
                "http://example.com/hook")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DashlyWebhooks.post(hooks.visitorMessage(CONVERSATION, LEAD, "x"),
                "http://10.0.0.1/hook")).isInstanceOf(IllegalArgumentException.class);
    }
}
