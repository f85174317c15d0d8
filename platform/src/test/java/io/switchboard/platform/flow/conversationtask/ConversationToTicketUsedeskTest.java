package io.switchboard.platform.flow.conversationtask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.flow.TestFlowRun;
import io.switchboard.platform.flow.TestFlowRun.MapLinks;
import io.switchboard.plugins.chatra.ChatraConnector;
import io.switchboard.plugins.usedesk.UsedeskConnector;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.http.JdkVendorHttpClient;
import io.switchboard.spi.http.VendorHttpClient;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.chatra.fake.ChatraFake;
import io.switchboard.plugins.chatra.fake.ChatraVisitor;
import io.switchboard.plugins.chatra.fake.ChatraWebhooks;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import io.switchboard.plugins.usedesk.fake.UsedeskWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same conversation ↔ task flow with another pair, Chatra ↔ Usedesk (no pair-specific code): chats become
 * tickets with the client's messages as comments, agents' public replies go back to the chat as the agent, and a
 * message whose answer was lost is found on the ticket rather than added twice.
 */
class ConversationToTicketUsedeskTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String CHATRA_PUBLIC = "KQN2vdXYigrbe3F36";
    private static final String CHATRA_SECRET = "pYFsXHWA64rrNQvcCgWFyC9E2RFjwFk9Eiz3";
    private static final String USEDESK_TOKEN = "0e8f678d8327eb3292a28c8165957b282a1b2f8b";

    private final ConversationToTaskFlow flow = new ConversationToTaskFlow();
    private final ChatraConnector chatraConnector = new ChatraConnector();
    private final UsedeskConnector usedeskConnector = new UsedeskConnector();
    private final ChatraWebhooks chat = new ChatraWebhooks();
    private final UsedeskWebhooks helpdeskHooks = new UsedeskWebhooks(USEDESK_TOKEN);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private final MapLinks links = new MapLinks();
    private final ChatraVisitor olga = ChatraVisitor.anonymous("olga-visitor", "chat-olga")
            .introduced("Olga Petrova", "olga@example.com", null);
    private final AtomicBoolean loseNextCommentAnswer = new AtomicBoolean();
    private ChatraFake chatra;
    private UsedeskFake usedesk;
    private TestConnectorContext chatraContext;
    private TestConnectorContext usedeskContext;
    private String annaAgent;

    @BeforeEach
    void start() {
        chatra = new ChatraFake(CHATRA_PUBLIC, CHATRA_SECRET);
        chatra.addVisitor(olga);
        annaAgent = chatra.addAgent("Anna Agent", "anna@example.com");
        chatra.addAgent("Switchboard", "bot@example.com");
        usedesk = new UsedeskFake(USEDESK_TOKEN).addAgent(545, "Anna Agent", "anna@example.com");
        chatraContext = TestConnectorContext.with(Map.of("public_key", CHATRA_PUBLIC, "secret_key", CHATRA_SECRET,
                "api_url", chatra.baseUrl() + "/", "own_agents", "*", "default_agent", "bot@example.com"));
        VendorHttpClient http = new JdkVendorHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(10));
        usedeskContext = TestConnectorContext.builder().config(Map.of("api_token", USEDESK_TOKEN, "region", "custom",
                "base_url", usedesk.baseUrl())).http(new VendorHttpClient() {
            @Override
            public VendorResponse send(VendorRequest request) {
                VendorResponse response = http.send(request);
                if (request.uri().getPath().equals("/create/comment") && loseNextCommentAnswer.getAndSet(false)) {
                    throw new TransientVendorException("Could not reach 127.0.0.1: HttpTimeoutException");
                }
                return response;
            }
        }).build();
    }

    @AfterEach
    void stop() {
        chatra.close();
        usedesk.close();
    }

    @Test
    void aChatBecomesATicketOfTheClientWithItsMessagesAndAnAgentsReplyGoesBackAsTheAgent() {
        ConfigValues options = TestFlowRun.savedOptions(flow, Map.of());
        fromChat(chat.chatStarted(olga, "My card was charged twice"), options);
        fromChat(chat.clientMessage(olga, "Order 4711"), options);

        UsedeskFake.Ticket ticket = usedesk.tickets().get(0);
        assertThat(usedesk.tickets()).hasSize(1);
        assertThat(usedesk.clients()).singleElement().satisfies(c -> {
            assertThat(c.emails()).containsExactly("olga@example.com");
            assertThat(ticket.clientId()).isEqualTo(c.id());
        });
        assertThat(usedesk.comments(ticket.id())).filteredOn(c -> "client".equals(c.from()))
                .extracting(UsedeskFake.Comment::message).endsWith("My card was charged twice", "Order 4711");

        // Usedesk's webhook names the agent by id only: the flow finds her e-mail among the agents.
        fromHelpdesk(helpdeskHooks.commentAdded(ticket.id(), 777001, "<p>Refunded today</p>", 545L, false), options);
        fromHelpdesk(helpdeskHooks.commentAdded(ticket.id(), 777002, "Check the refund log", 545L, true), options);
        assertThat(chatra.sentMessages()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Refunded today");
            assertThat(m.agentId()).isEqualTo(annaAgent);
        });
    }

    @Test
    void aMessageWhoseCommentAnswerWasLostIsFoundOnTheTicketAndNotAddedTwice() {
        ConfigValues options = TestFlowRun.savedOptions(flow, Map.of());
        fromChat(chat.chatStarted(olga, "Hello"), options);
        ChatraWebhooks.Webhook message = chat.clientMessage(olga, "Are you there?");
        loseNextCommentAnswer.set(true);
        assertThatThrownBy(() -> fromChat(message, options)).isInstanceOf(TransientVendorException.class);
        fromChat(message, options);

        assertThat(usedesk.comments(usedesk.tickets().get(0).id())).extracting(UsedeskFake.Comment::message)
                .filteredOn("Are you there?"::equals).hasSize(1);
    }

    private void fromChat(ChatraWebhooks.Webhook hook, ConfigValues options) {
        TestFlowRun run = new TestFlowRun(options, chatraConnector, chatraContext, usedeskConnector, usedeskContext,
                links, clock);
        for (ChannelEvent event : chatraConnector.parse(request(hook.body()), chatraContext).events()) {
            flow.handle(event, run);
        }
    }

    private void fromHelpdesk(String body, ConfigValues options) {
        TestFlowRun run = new TestFlowRun(options, chatraConnector, chatraContext, usedeskConnector, usedeskContext,
                links, clock);
        for (HelpdeskEvent event : usedeskConnector.parse(request(body), usedeskContext).events()) {
            flow.handleFromTarget(event, run);
        }
    }

    private static InboundRequest request(String body) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")), Map.of(),
                body.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-12-03T10:00:00Z"));
    }
}
