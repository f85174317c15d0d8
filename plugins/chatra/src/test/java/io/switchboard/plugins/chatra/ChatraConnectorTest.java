package io.switchboard.plugins.chatra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.Contact;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.channel.SenderKind;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.ConnectorContract;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.chatra.fake.ChatraFake;
import io.switchboard.plugins.chatra.fake.ChatraVisitor;
import io.switchboard.plugins.chatra.fake.ChatraWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Chatra connector against the Chatra fake and webhook generator (built from public sources, not this plugin). */
class ChatraConnectorTest {

    private static final String PUBLIC = "KQN2vdXYigrbe3F36";
    private static final String SECRET = "pYFsXHWA64rrNQvcCgWFyC9E2RFjwFk9Eiz3";

    private final ChatraConnector connector = new ChatraConnector();
    private final ChatraWebhooks webhooks = new ChatraWebhooks();
    private final ChatraVisitor maria = ChatraVisitor.anonymous("vfg1y4h4ioapl1cx0trw1mujk6den021zs9b2q8",
            "aC4krWMZWLYzz9sKZ");
    private ChatraFake chatra;

    @BeforeEach
    void startFake() {
        chatra = new ChatraFake(PUBLIC, SECRET);
        chatra.addVisitor(maria);
    }

    @AfterEach
    void stopFake() {
        chatra.close();
    }

    private TestConnectorContext context(Map<String, String> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("public_key", PUBLIC, "secret_key", SECRET,
                "api_url", chatra.baseUrl() + "/"));
        config.putAll(extra);
        return TestConnectorContext.with(config);
    }

    private TestConnectorContext context() {
        return context(Map.of());
    }

    private static InboundRequest request(ChatraWebhooks.Webhook webhook) {
        return request(webhook.body());
    }

    private static InboundRequest request(String body) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")), Map.of(),
                body.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-12-03T10:00:00Z"));
    }

    private List<ChannelEvent> parse(ChatraWebhooks.Webhook webhook) {
        return connector.parse(request(webhook), context()).events();
    }

    private String conversation() {
        return maria.id() + ":" + maria.chatId();
    }

    // ---------------------------------------------------------------- contract and check

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertAll(connector, url -> Map.of("public_key", PUBLIC, "secret_key", SECRET,
                "api_url", url));
        assertThat(connector.requestRateLimit()).isPresent();
    }

    @Test
    void checkAcceptsTheRightKeysAndRefusesWrongOnesWithoutShowingThem() {
        assertThat(connector.check(context()).ok()).isTrue();
        CheckResult wrong = connector.check(context(Map.of("secret_key", "wrongwrongwrongwrong")));
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.message()).contains("refused the API keys").doesNotContain("wrongwrong")
                .doesNotContain(SECRET);
        chatra.failNext(503);
        assertThat(connector.check(context()).message()).contains("HTTP 503");
    }

    // ---------------------------------------------------------------- parse

    @Test
    void aNewChatBecomesConversationStartedWithContactAndVisitThenTheFirstMessage() {
        List<ChannelEvent> events = parse(webhooks.chatStarted(maria, "Hi there! Did you receive my order?"));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ChannelEvent.ConversationStarted.class, s -> {
            assertThat(s.conversationId()).isEqualTo(conversation());
            assertThat(s.eventId()).isEqualTo("start:" + maria.chatId());
            assertThat(s.contact().id()).isEqualTo(maria.id());
            assertThat(s.contact().name()).isNull();
            assertThat(s.contact().attributes()).containsEntry("chat_id", maria.chatId())
                    .containsKey("displayed_name");
            assertThat(s.visit().city()).isEqualTo("Berlin, Germany");
            assertThat(s.visit().pages()).containsExactly("https://shop.example.com/",
                    "https://shop.example.com/delivery");
            assertThat(s.visit().trafficSource()).isEqualTo("https://www.google.com/");
            assertThat(s.visit().device()).isEqualTo("desktop");
            assertThat(s.visit().os()).isEqualTo("macOS 14.5");
            assertThat(s.visit().browser()).isEqualTo("Chrome 126");
            assertThat(s.visit().ip()).isEqualTo("203.0.113.7");
            assertThat(s.conversationUrl()).contains(maria.chatId());
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(ChannelEvent.MessageReceived.class, m -> {
            assertThat(m.sender()).isEqualTo(SenderKind.CLIENT);
            assertThat(m.text()).isEqualTo("Hi there! Did you receive my order?");
            assertThat(m.agentEmail()).isNull();
        });
    }

    @Test
    void agentMessagesCarryTheAgentsEmailAndLoseTheirHtml() {
        webhooks.chatStarted(maria, "Hi");
        ChannelEvent reply = parse(webhooks.agentMessage(maria, "bnRzp4CioKudG4aHm", "Daniela",
                "daniela@example.com", "<p>Checking <b>now</b> &amp; back soon</p>")).get(0);
        assertThat(reply).isInstanceOfSatisfying(ChannelEvent.MessageReceived.class, m -> {
            assertThat(m.sender()).isEqualTo(SenderKind.AGENT);
            assertThat(m.agentEmail()).isEqualTo("daniela@example.com");
            assertThat(m.text()).isEqualTo("Checking now & back soon");
        });
        ChannelEvent withoutEmail = parse(webhooks.withoutAgentEmails().agentMessage(maria, "bnRzp4CioKudG4aHm",
                "Daniela", null, "ok")).get(0);
        assertThat(((ChannelEvent.MessageReceived) withoutEmail).agentEmail()).isNull();
    }

    @Test
    void aTranscriptAfterFragmentsRepeatsTheirEventIdsAndEndsTheConversationByTheClient() {
        List<ChannelEvent> seen = new java.util.ArrayList<>(parse(webhooks.chatStarted(maria, "Hi")));
        seen.addAll(parse(webhooks.clientMessages(maria, "one", "two")));
        seen.addAll(parse(webhooks.agentMessage(maria, "bnRzp4CioKudG4aHm", "Daniela", "d@example.com", "yes")));
        List<String> messageIds = seen.stream().filter(e -> e instanceof ChannelEvent.MessageReceived)
                .map(ChannelEvent::eventId).toList();
        assertThat(messageIds).hasSize(4).doesNotHaveDuplicates();

        List<ChannelEvent> transcript = parse(webhooks.withTextKey(ChatraWebhooks.TextKey.TEXT).transcript(maria));
        assertThat(transcript.stream().filter(e -> e instanceof ChannelEvent.MessageReceived)
                .map(ChannelEvent::eventId)).containsExactlyElementsOf(messageIds);
        assertThat(transcript.get(transcript.size() - 1)).isInstanceOfSatisfying(
                ChannelEvent.ConversationEnded.class, end -> {
                    assertThat(end.byClient()).isTrue();
                    assertThat(end.conversationId()).isEqualTo(conversation());
                });
    }

    @Test
    void aRepeatedDeliveryHasTheSameKeysAndEventsAndAVisitorsWebhooksShareTheOrderingKey() {
        ChatraWebhooks.Webhook fragment = webhooks.clientMessage(maria, "Anyone?");
        InboundKeys keys = connector.keys(request(fragment), context());
        assertThat(connector.keys(request(fragment.redelivery()), context())).isEqualTo(keys);
        assertThat(parse(fragment.redelivery())).isEqualTo(parse(fragment));
        InboundKeys next = connector.keys(request(webhooks.clientMessage(maria, "Anyone?")), context());
        assertThat(next.dedupKey()).isNotEqualTo(keys.dedupKey());
        assertThat(next.orderingKey()).isEqualTo(keys.orderingKey()).isEqualTo("client:" + maria.id());
    }

    @Test
    void messyVariantsAreReadLikeThePlainOne() {
        ChatraVisitor site = new ChatraVisitor("4711", "Zx8kLmN2pQr5sT7uV", null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        ChatraWebhooks messy = webhooks.withNumericIds().withEmptyFields().withTextKey(ChatraWebhooks.TextKey.MESSAGE);
        ChatraWebhooks.Webhook started = messy.chatStarted(site, "  Hello from the site  ");
        ParsedEvents<ChannelEvent> parsed = connector.parse(request(started), context());
        assertThat(parsed.events()).hasSize(2);
        assertThat(parsed.events().get(0)).isInstanceOfSatisfying(ChannelEvent.ConversationStarted.class, s -> {
            assertThat(s.contact().id()).isEqualTo("4711");
            assertThat(s.contact().email()).isNull();
            assertThat(s.contact().name()).isNull();
            assertThat(s.visit().city()).isNull();
            assertThat(s.visit().pages()).isEmpty();
        });
        assertThat(parsed.events().get(1)).isInstanceOfSatisfying(ChannelEvent.MessageReceived.class, m -> {
            assertThat(m.text()).isEqualTo("Hello from the site");
            assertThat(m.messageId()).isEqualTo(started.messageIds().get(0)).hasSizeGreaterThan(15);
        });
    }

    @Test
    void messagesWithoutIdsGetTheSameDerivedIdInFragmentAndTranscript() {
        String fragment = "{\"eventName\":\"chatFragment\",\"client\":{\"id\":\"c1\",\"chatId\":\"h1\"},\"agents\":[],"
                + "\"messages\":[{\"type\":\"client\",\"message\":\"Where is it?\",\"createdAt\":1718000000000}]}";
        String transcript = "{\"eventName\":\"chatTranscript\",\"client\":{\"id\":\"c1\",\"chatId\":\"h1\"},"
                + "\"messages\":[{\"type\":\"client\",\"text\":\"Where is it?\",\"createdAt\":1718000000000},"
                + "{\"type\":\"system\",\"text\":\"Chat closed\"},{\"type\":\"client\",\"text\":\"\"}]}";
        ParsedEvents<ChannelEvent> first = connector.parse(request(fragment), context());
        ParsedEvents<ChannelEvent> last = connector.parse(request(transcript), context());
        assertThat(last.events().get(0).eventId()).isEqualTo(first.events().get(0).eventId());
        assertThat(last.events()).hasSize(2);
        assertThat(last.notes()).hasSize(2).anyMatch(n -> n.contains("'system'")).anyMatch(n -> n.contains("no text"));
    }

    @Test
    void introducedDetailsBecomeContactIdentifiedOncePerChange() {
        ChatraVisitor introduced = maria.introduced("Maria", "maria@example.com", "+491701234567");
        List<ChannelEvent> info = parse(webhooks.clientInfoUpdated(introduced));
        assertThat(info).singleElement().isInstanceOfSatisfying(ChannelEvent.ContactIdentified.class, c -> {
            assertThat(c.contact().email()).isEqualTo("maria@example.com");
            assertThat(c.contact().name()).isEqualTo("Maria");
            assertThat(c.contact().phone()).isEqualTo("+491701234567");
            assertThat(c.conversationId()).isEqualTo(conversation());
        });
        List<ChannelEvent> next = parse(webhooks.clientMessage(introduced, "It's me"));
        assertThat(next.get(next.size() - 1).eventId()).isEqualTo(info.get(0).eventId());
        List<ChannelEvent> changed = parse(webhooks.clientInfoUpdated(introduced.introduced("Maria K.",
                "maria@example.com", "+491701234567")));
        assertThat(changed.get(0).eventId()).isNotEqualTo(info.get(0).eventId());
        ParsedEvents<ChannelEvent> nothing = connector.parse(request(webhooks.clientInfoUpdated(maria)), context());
        assertThat(nothing.events()).isEmpty();
        assertThat(nothing.notes()).singleElement().asString().contains("without a name");
    }

    @Test
    void unknownEventsAreSkippedWithANoteAndJunkIsRefused() {
        ParsedEvents<ChannelEvent> unknown = connector.parse(request(webhooks.event("chatRated", maria)), context());
        assertThat(unknown.events()).isEmpty();
        assertThat(unknown.notes()).singleElement().asString().contains("chatRated");
        for (String junk : List.of("not json", "[1,2]", "{\"client\":{\"id\":\"x\"}}", "{\"eventName\":\"chatFragment\"}",
                "{\"eventName\":\"chatFragment\",\"client\":{\"id\":\"\"}}")) {
            assertThatThrownBy(() -> connector.keys(request(junk), context())).as(junk)
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    // ---------------------------------------------------------------- postMessage

    @Test
    void anEmployeeListedAsAgentWritesAsThemselfAndOthersAsTheIntegrationsAgent() {
        String max = chatra.addAgent("Max Mustermann", "max@example.com");
        TestConnectorContext ctx = context(Map.of("default_agent", "support-bot@example.com",
                "agent_name", "Shop support", "own_agents", "MAX@example.com, eva@example.com"));
        ExternalRef asMax = connector.postMessage(conversation(), new OutgoingMessage("Your parcel left today", false,
                "max@example.com", false, "sb-1"), ctx);
        connector.postMessage(conversation(), new OutgoingMessage("Anything else?", false, "intern@example.com",
                false, "sb-2"), ctx);
        List<ChatraFake.SentMessage> sent = chatra.sentMessages();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).agentId()).isEqualTo(max);
        assertThat(sent.get(0).id()).isEqualTo(asMax.id());
        assertThat(sent.get(0).clientId()).isEqualTo(maria.id());
        assertThat(sent.get(0).receivedFrom()).isEqualTo("Switchboard");
        ChatraFake.Agent integration = chatra.agents().stream().filter(a -> a.id().equals(sent.get(1).agentId()))
                .findFirst().orElseThrow();
        assertThat(integration.email()).isEqualTo("support-bot@example.com");
        assertThat(integration.name()).isEqualTo("Shop support");
        assertThat(chatra.agents()).noneMatch(a -> "intern@example.com".equals(a.email()));
        assertThat(ctx.log().toString()).doesNotContain(SECRET);
    }

    @Test
    void theIntegrationsAgentMayBeAnAgentIdOrARandomAgent() {
        String daniela = chatra.addAgent("Daniela", "daniela@example.com");
        connector.postMessage(maria.id(), new OutgoingMessage("By id", false, null, false, null),
                context(Map.of("default_agent", daniela)));
        connector.postMessage(conversation(), new OutgoingMessage("Random", false, null, false, null), context());
        assertThat(chatra.sentMessages()).extracting(ChatraFake.SentMessage::pushed).containsExactly(false, true);
        assertThat(chatra.sentMessages()).extracting(ChatraFake.SentMessage::agentId).containsOnly(daniela);
        assertThat(chatra.requests()).contains("POST /api/messages/", "POST /api/pushedMessages/");
    }

    @Test
    void aVisitorWhoLeftStillGetsTheReplyByEmail() {
        chatra.addVisitor(maria.introduced("Maria", "maria@example.com", null));
        chatra.leave(maria.id());
        connector.postMessage(conversation(), new OutgoingMessage("Here is your tracking number", false, null, false,
                null), context(Map.of("default_agent", "support@example.com")));
        assertThat(chatra.sentMessages()).singleElement().extracting(ChatraFake.SentMessage::emailed).isEqualTo(true);
    }

    @Test
    void theEchoOfOurOwnMessageIsSkipped() {
        connector.postMessage(conversation(), new OutgoingMessage("Done", false, null, false, null),
                context(Map.of("default_agent", "support@example.com")));
        ChatraFake.SentMessage sent = chatra.sentMessages().get(0);
        ChatraFake.Agent agent = chatra.agents().get(0);
        ParsedEvents<ChannelEvent> echo = connector.parse(request(webhooks.echo(maria, sent, agent)), context());
        assertThat(echo.events()).isEmpty();
        assertThat(echo.notes()).singleElement().asString().contains("sent by this connection");
    }

    @Test
    void notesOnlyAgentsSeeAndEmptyOrTooLongTextsAreHandled() {
        chatra.addAgent("Max", "max@example.com");
        assertThatThrownBy(() -> connector.postMessage(conversation(), new OutgoingMessage("x", true, null, false,
                null), context())).isInstanceOf(PermanentVendorException.class).hasMessageContaining("only agents");
        assertThatThrownBy(() -> connector.postMessage(conversation(), new OutgoingMessage("  ", false, null, false,
                null), context())).isInstanceOf(PermanentVendorException.class);
        connector.postMessage(conversation(), new OutgoingMessage("a".repeat(6000), false, null, false, null),
                context());
        assertThat(chatra.sentMessages()).singleElement().extracting(m -> m.text().length()).isEqualTo(5000);
    }

    @Test
    void refusedKeysArePermanentWithAClearMessageWithoutTheSecret() {
        String wrongSecret = "zzzzzzzzzzzzzzzzzzzzzzzzzzzz";
        assertThatThrownBy(() -> connector.postMessage(conversation(), new OutgoingMessage("x", false, null, false,
                null), context(Map.of("secret_key", wrongSecret, "default_agent", "s@example.com"))))
                .isInstanceOfSatisfying(PermanentVendorException.class, e -> assertThat(e.getMessage())
                        .contains("Chatra refused the API keys (HTTP 401").contains("secret key")
                        .doesNotContain(wrongSecret).doesNotContain(SECRET));
    }

    @Test
    void rateLimitsAndOutagesAreTransientAndCarryRetryAfter() {
        chatra.addAgent("Max", "max@example.com");
        chatra.failNext(1, 429, 7);
        assertThatThrownBy(() -> connector.postMessage(conversation(), new OutgoingMessage("x", false, null, false,
                null), context())).isInstanceOfSatisfying(TransientVendorException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        chatra.failNext(503);
        assertThatThrownBy(() -> connector.findContact(maria.id(), null, context()))
                .isInstanceOf(TransientVendorException.class);
        assertThat(chatra.sentMessages()).isEmpty();
        assertThatThrownBy(() -> connector.postMessage("nobody-here:chat", new OutgoingMessage("x", false, null,
                false, null), context())).isInstanceOf(PermanentVendorException.class).hasMessageContaining("404");
    }

    // ---------------------------------------------------------------- visitor card

    @Test
    void aVisitorIsReadByIdOrThroughTheConversationAndUnknownOnesAreEmpty() {
        chatra.addVisitor(maria.introduced("Maria", "maria@example.com", "+491701234567"));
        Contact byId = connector.findContact(maria.id(), null, context()).orElseThrow();
        assertThat(byId.email()).isEqualTo("maria@example.com");
        assertThat(byId.phone()).isEqualTo("+491701234567");
        assertThat(byId.url()).contains(maria.chatId());
        assertThat(connector.findContact(null, conversation(), context())).get().extracting(Contact::id)
                .isEqualTo(maria.id());
        assertThat(connector.findContact("unknown-visitor", null, context())).isEmpty();
    }

    @Test
    void theVisitorCardTakesNameEmailPhoneAndAppendedNotes() {
        connector.updateContact(maria.id(), Map.of("name", "Maria K.", "email", "maria@example.com", "plan", "pro",
                "phone", " "), context());
        ChatraVisitor card = chatra.visitor(maria.id());
        assertThat(card.name()).isEqualTo("Maria K.");
        assertThat(card.email()).isEqualTo("maria@example.com");
        assertThat(card.phone()).isNull();
        connector.addContactNote(maria.id(), "Task #12 in Planfix", context());
        connector.addContactNote(maria.id(), "Task #13 in Planfix", context());
        assertThat(chatra.visitor(maria.id()).notes()).isEqualTo("Task #12 in Planfix\n\nTask #13 in Planfix");
    }
}
