package io.switchboard.plugins.dashly;

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
import io.switchboard.plugins.dashly.fake.DashlyFake;
import io.switchboard.plugins.dashly.fake.DashlyWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Dashly connector against the Dashly fake (built from Dashly's documentation, not from this plugin). */
class DashlyConnectorTest {

    private static final String KEY = "app.58213.5c9f0e1d2a3b4c5d6e7f8091a2b3c4d5";
    private static final String WEBHOOK_TOKEN = "wh-7f3a9c2e1b";

    private final DashlyConnector connector = new DashlyConnector();
    private final DashlyWebhooks webhooks = new DashlyWebhooks(WEBHOOK_TOKEN);
    private DashlyFake dashly;

    @BeforeEach
    void startFake() {
        dashly = new DashlyFake(KEY);
    }

    @AfterEach
    void stopFake() {
        dashly.close();
    }

    private TestConnectorContext context(Map<String, String> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("api_token", KEY, "api_host", "custom",
                "api_url", dashly.baseUrl(), "site", "example.com", "from_admin", "default_admin",
                "lead_note_event", "Note from Switchboard"));
        config.putAll(extra);
        return TestConnectorContext.with(config);
    }

    private TestConnectorContext context() {
        return context(Map.of());
    }

    private static InboundRequest request(DashlyWebhooks.Webhook webhook) {
        Map<String, List<String>> headers = new HashMap<>();
        webhook.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return new InboundRequest("POST", headers, Map.of(), webhook.body().getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-12-03T10:00:00Z"));
    }

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertWellFormed(connector);
        ConnectorContract.assertCheckFailsPolitelyWhenUnreachable(connector,
                url -> Map.of("api_token", KEY, "api_host", "custom", "api_url", url));
    }

    @Test
    void checkAcceptsTheRightKeyAndRefusesAWrongOneWithoutShowingIt() {
        assertThat(connector.check(context()).ok()).isTrue();
        CheckResult wrong = connector.check(context(Map.of("api_token", "app.1.wrongwrongwrong")));
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.message()).contains("refused the API key").doesNotContain("wrongwrong");
    }

    @Test
    void anOperatorNoteWithTheCommandBecomesASlashCommandWithItsText() {
        String lead = dashly.addLead("Anna Smith", "anna@example.com");
        String conversation = dashly.addConversation(lead);
        DashlyWebhooks.Webhook hook = webhooks.operatorNote(conversation, lead, dashly.addAdmin("Max"),
                "/Usedesk  The client cannot\nsign in & pay <b>now</b>");
        ParsedEvents<ChannelEvent> parsed = connector.parse(request(hook), context());
        assertThat(parsed.events()).singleElement().isInstanceOfSatisfying(ChannelEvent.SlashCommand.class, c -> {
            assertThat(c.command()).isEqualTo("usedesk");
            assertThat(c.argument()).isEqualTo("The client cannot\nsign in & pay <b>now</b>");
            assertThat(c.conversationId()).isEqualTo(conversation);
            assertThat(c.contact().id()).isEqualTo(lead);
            assertThat(c.site()).isEqualTo("example.com");
            assertThat(c.eventId()).isEqualTo("part:" + hook.partId());
        });
    }

    @Test
    void visitorMessagesAndOtherOperatorMessagesAreMessagesNotCommands() {
        String lead = dashly.addLead("Anna", "anna@example.com");
        String conversation = dashly.addConversation(lead);
        ChannelEvent visitor = connector.parse(request(webhooks.visitorMessage(conversation, lead, "/usedesk hi")),
                context()).events().get(0);
        assertThat(visitor).isInstanceOfSatisfying(ChannelEvent.MessageReceived.class,
                m -> assertThat(m.sender()).isEqualTo(SenderKind.CLIENT));
        ChannelEvent reply = connector.parse(request(webhooks.operatorReply(conversation, lead, "1", "Hello there")),
                context()).events().get(0);
        assertThat(reply).isInstanceOfSatisfying(ChannelEvent.MessageReceived.class,
                m -> assertThat(m.sender()).isEqualTo(SenderKind.AGENT));
        assertThat(connector.parse(request(webhooks.closed(conversation, lead, "1")), context()).events())
                .singleElement().isInstanceOf(ChannelEvent.ConversationEnded.class);
    }

    @Test
    void aRedeliveryHasTheSameKeysAndMessagesOfOneConversationShareTheOrderingKey() {
        String lead = dashly.addLead("Anna", "anna@example.com");
        String conversation = dashly.addConversation(lead);
        DashlyWebhooks.Webhook first = webhooks.operatorNote(conversation, lead, "1", "/usedesk a");
        InboundKeys keys = connector.keys(request(first), context());
        assertThat(connector.keys(request(first.redelivery()), context())).isEqualTo(keys);
        InboundKeys other = connector.keys(request(webhooks.visitorMessage(conversation, lead, "b")), context());
        assertThat(other.dedupKey()).isNotEqualTo(keys.dedupKey());
        assertThat(other.orderingKey()).isEqualTo(keys.orderingKey()).isEqualTo("conversation:" + conversation);
    }

    @Test
    void numericAndBase64VariantsAreReadLikeThePlainOne() {
        String lead = dashly.addLead("Anna", "anna@example.com");
        String conversation = dashly.addConversation(lead);
        for (DashlyWebhooks variant : List.of(webhooks.withNumericIds(), webhooks.withBase64Body(),
                webhooks.withBase64Conversation(), webhooks.withAdminObjectInFrom())) {
            ChannelEvent event = connector.parse(request(variant.operatorNote(conversation, lead, "1",
                    "/usedesk text")), context()).events().get(0);
            assertThat(event).as("variant %s", variant).isInstanceOfSatisfying(ChannelEvent.SlashCommand.class, c -> {
                assertThat(c.conversationId()).isEqualTo(conversation);
                assertThat(c.contact().id()).isEqualTo(lead);
            });
        }
    }

    @Test
    void theTokenIsRequiredOnlyWhenConfiguredAndIsNotStored() {
        String lead = dashly.addLead("Anna", "anna@example.com");
        DashlyWebhooks.Webhook hook = webhooks.operatorNote(dashly.addConversation(lead), lead, "1", "/usedesk x");
        TestConnectorContext withToken = context(Map.of("webhook_token", WEBHOOK_TOKEN));
        connector.verify(request(hook), withToken);
        connector.verify(request(hook.withoutToken()), context());
        assertThatThrownBy(() -> connector.verify(request(hook.withToken("guess")), withToken))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> connector.verify(request(hook.withoutToken()), withToken))
                .isInstanceOf(WebhookRejectedException.class);
        assertThat(connector.withoutProof(request(hook)).bodyText()).doesNotContain(WEBHOOK_TOKEN)
                .contains("conversation=");
    }

    @Test
    void somethingThatIsNotADashlyWebhookIsRefusedAsMalformed() {
        InboundRequest junk = new InboundRequest("POST", Map.of("Content-Type",
                List.of("application/x-www-form-urlencoded")), Map.of(), "hello=world".getBytes(StandardCharsets.UTF_8),
                Instant.now());
        assertThatThrownBy(() -> connector.keys(junk, context())).isInstanceOfSatisfying(
                WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
        InboundRequest brokenJson = new InboundRequest("POST", Map.of("Content-Type",
                List.of("application/x-www-form-urlencoded")), Map.of(),
                "type=conversation&conversation=%7Bnot".getBytes(StandardCharsets.UTF_8), Instant.now());
        assertThatThrownBy(() -> connector.parse(brokenJson, context())).isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void aNoteOnlyOperatorsSeeAndABotReplyArePostedAsTheConfiguredAdmin() {
        dashly.addAdmin("Switchboard bot");
        String lead = dashly.addLead("Anna", "anna@example.com");
        String conversation = dashly.addConversation(lead);
        ExternalRef note = connector.postMessage(conversation, new OutgoingMessage("Ticket closed", true, null, true,
                "sb-closed-1"), context());
        connector.postMessage(conversation, new OutgoingMessage("Ticket #5 created", false, null, true, "sb-reply-1"),
                context());
        List<DashlyFake.Part> parts = dashly.parts(conversation);
        assertThat(parts).extracting(DashlyFake.Part::type).containsSubsequence("note", "reply_admin");
        DashlyFake.Part posted = parts.stream().filter(p -> "note".equals(p.type())).findFirst().orElseThrow();
        assertThat(posted.body()).isEqualTo("Ticket closed");
        assertThat(posted.id()).isEqualTo(note.id());
        assertThat(posted.randomId()).isEqualTo(String.valueOf(DashlyConnector.randomId("sb-closed-1")));
        assertThat(note.id()).hasSizeGreaterThan(16); // a 64-bit id arrives whole, as a string
    }

    @Test
    void aLeadIsReadByIdOrThroughItsConversation() {
        String lead = dashly.addLead("Anna Smith", "anna@example.com");
        String conversation = dashly.addConversation(lead);
        Optional<Contact> byId = connector.findContact(lead, conversation, context());
        assertThat(byId).get().satisfies(c -> {
            assertThat(c.id()).isEqualTo(lead);
            assertThat(c.name()).isEqualTo("Anna Smith");
            assertThat(c.email()).isEqualTo("anna@example.com");
            assertThat(c.attributes()).containsEntry("site", "example.com");
        });
        assertThat(connector.findContact(null, conversation, context())).get()
                .extracting(Contact::id, Contact::email).containsExactly(lead, "anna@example.com");
        String noEmail = dashly.addLead("Anonymous #1", null);
        assertThat(connector.findContact(noEmail, conversation, context())).get().extracting(Contact::email)
                .isNull();
    }

    @Test
    void aLeadNoteIsAnEventInTheLeadsHistory() {
        String lead = dashly.addLead("Anna", "anna@example.com");
        connector.addContactNote(lead, "Ticket #5 in Usedesk", context());
        assertThat(dashly.leadEvents(lead)).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("Note from Switchboard");
            assertThat(e.params()).containsEntry("text", "Ticket #5 in Usedesk");
        });
    }

    @Test
    void rateLimitsAndOutagesAreTransientAndCarryRetryAfter() {
        String lead = dashly.addLead("Anna", "anna@example.com");
        String conversation = dashly.addConversation(lead);
        dashly.failNext(1, 429, 7);
        assertThatThrownBy(() -> connector.postMessage(conversation, new OutgoingMessage("x", true, null, true, null),
                context())).isInstanceOfSatisfying(TransientVendorException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        dashly.failNext(1, 503, null);
        assertThatThrownBy(() -> connector.findContact(lead, conversation, context()))
                .isInstanceOf(TransientVendorException.class);
        assertThatThrownBy(() -> connector.postMessage("123", new OutgoingMessage("x", true, null, true, null),
                context())).isInstanceOf(PermanentVendorException.class);
    }

    @Test
    void theV1PrefixIsUsedWhenChosen() {
        String lead = dashly.addLead("Anna", "anna@example.com");
        assertThat(connector.findContact(lead, null, context(Map.of("api_prefix", "v1")))).isPresent();
        assertThat(dashly.requests()).anyMatch(r -> r.contains("/v1/users/"));
    }
}
