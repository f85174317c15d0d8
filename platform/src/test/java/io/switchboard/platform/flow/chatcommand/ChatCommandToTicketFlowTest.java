package io.switchboard.platform.flow.chatcommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.flow.TestFlowRun;
import io.switchboard.platform.flow.TestFlowRun.MapLinks;
import io.switchboard.plugins.dashly.DashlyConnector;
import io.switchboard.plugins.usedesk.UsedeskConnector;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.dashly.fake.DashlyFake;
import io.switchboard.plugins.dashly.fake.DashlyWebhooks;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import io.switchboard.plugins.usedesk.fake.UsedeskWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat-command-to-ticket flow at the unit level: Dashly webhooks from {@link DashlyWebhooks} parsed by the real
 * Dashly connector, the flow driving the real Dashly and Usedesk connectors over HTTP against their fakes, Usedesk's
 * status webhooks parsed by the real Usedesk connector. Links are shared between runs, as the pipeline's are.
 */
class ChatCommandToTicketFlowTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String DASHLY_KEY = "app.58213.5c9f0e1d2a3b4c5d6e7f8091a2b3c4d5";
    private static final String USEDESK_TOKEN = "0e8f678d8327eb3292a28c8165957b282a1b2f8b";

    private final ChatCommandToTicketFlow flow = new ChatCommandToTicketFlow();
    private final DashlyConnector dashlyConnector = new DashlyConnector();
    private final UsedeskConnector usedeskConnector = new UsedeskConnector();
    private final DashlyWebhooks chat = new DashlyWebhooks("dashly-token");
    private final UsedeskWebhooks helpdeskHooks = new UsedeskWebhooks(USEDESK_TOKEN);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private final MapLinks links = new MapLinks();
    private DashlyFake dashly;
    private UsedeskFake usedesk;
    private TestConnectorContext dashlyContext;
    private TestConnectorContext usedeskContext;
    private String admin;
    private String lead;
    private String conversation;

    @BeforeEach
    void start() {
        dashly = new DashlyFake(DASHLY_KEY);
        usedesk = new UsedeskFake(USEDESK_TOKEN).addAgent(545, "Anna Agent", "anna@example.com");
        admin = dashly.addAdmin("Support bot");
        lead = dashly.addLead("Olga Petrova", "olga@example.com");
        conversation = dashly.addConversation(lead, "Hello, I cannot pay");
        dashlyContext = TestConnectorContext.with(Map.of("api_token", DASHLY_KEY, "api_host", "custom",
                "api_url", dashly.baseUrl(), "site", "shop.example.com", "from_admin", "default_admin",
                "lead_note_event", "Note from Switchboard"));
        usedeskContext = TestConnectorContext.with(Map.of("api_token", USEDESK_TOKEN, "region", "custom",
                "base_url", usedesk.baseUrl()));
    }

    @AfterEach
    void stop() {
        dashly.close();
        usedesk.close();
    }

    private ConfigValues options(Map<String, ?> input) {
        return TestFlowRun.savedOptions(flow, input);
    }

    private TestFlowRun run(ConfigValues options) {
        return new TestFlowRun(options, dashlyConnector, dashlyContext, usedeskConnector, usedeskContext, links, clock);
    }

    private static InboundRequest request(String mediaType, String body) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of(mediaType)), Map.of(),
                body.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-12-03T10:00:00Z"));
    }

    private TestFlowRun command(DashlyWebhooks.Webhook hook, ConfigValues options) {
        TestFlowRun run = run(options);
        for (ChannelEvent event : dashlyConnector.parse(request("application/x-www-form-urlencoded", hook.body()),
                dashlyContext).events()) {
            flow.handle(event, run);
        }
        return run;
    }

    private TestFlowRun helpdeskEvent(String json, ConfigValues options) {
        TestFlowRun run = run(options);
        for (HelpdeskEvent event : usedeskConnector.parse(request("application/json", json), usedeskContext)
                .events()) {
            flow.handleFromTarget(event, run);
        }
        return run;
    }

    private List<DashlyFake.Part> ourParts() {
        return dashly.parts(conversation).stream().filter(p -> !"reply_user".equals(p.type())).toList();
    }

    @Test
    void aCommandMakesATicketForTheLeadTellsTheChatAndNotesTheLead() {
        command(chat.operatorNote(conversation, lead, admin, "/usedesk Payment by card fails"), options(Map.of()));

        assertThat(usedesk.tickets()).singleElement().satisfies(t -> {
            assertThat(t.subject()).isEqualTo("Olga Petrova - shop.example.com");
            assertThat(t.message()).contains("Payment by card fails");
            assertThat(usedesk.clients()).singleElement().satisfies(c -> {
                assertThat(c.emails()).containsExactly("olga@example.com");
                assertThat(t.clientId()).isEqualTo(c.id());
            });
        });
        long ticket = usedesk.tickets().get(0).id();
        assertThat(ourParts()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("reply_admin");
            assertThat(p.body()).startsWith("Ticket #" + ticket + " was created in Usedesk.");
        });
        assertThat(dashly.leadEvents(lead)).singleElement().satisfies(e ->
                assertThat(e.params().get("text")).startsWith("Ticket #" + ticket + " in Usedesk"));
    }

    @Test
    void anExistingClientIsFoundByTheLeadsEmail() {
        long known = usedesk.addClient("Olga P.", "olga@example.com", null);
        command(chat.operatorNote(conversation, lead, admin, "/usedesk Refund please"), options(Map.of()));
        assertThat(usedesk.clients()).hasSize(1);
        assertThat(usedesk.tickets()).singleElement().extracting(UsedeskFake.Ticket::clientId).isEqualTo(known);
    }

    @Test
    void withoutTextNoTicketIsCreatedAndTheOperatorIsToldWhyOnce() {
        DashlyWebhooks.Webhook hook = chat.operatorNote(conversation, lead, admin, "/usedesk   ");
        TestFlowRun run = command(hook, options(Map.of()));
        command(hook.redelivery(), options(Map.of()));

        assertThat(usedesk.tickets()).isEmpty();
        assertThat(ourParts()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("note");
            assertThat(p.body()).contains("write the ticket's text after /usedesk");
        });
        assertThat(run.activity().notes()).contains("No ticket: the command has no text");
    }

    @Test
    void aLeadWithoutEmailGetsNoTicketAndTheOperatorIsTold() {
        String anonymous = dashly.addLead("Anonymous #1", null);
        String talk = dashly.addConversation(anonymous, "hi");
        command(chat.operatorNote(talk, anonymous, admin, "/usedesk Call me back"), options(Map.of()));
        assertThat(usedesk.tickets()).isEmpty();
        assertThat(dashly.parts(talk)).filteredOn(p -> "note".equals(p.type())).singleElement()
                .satisfies(p -> assertThat(p.body()).contains("the lead has no e-mail"));
    }

    @Test
    void anotherCommandWordIsNotThisFlows() {
        TestFlowRun run = command(chat.operatorNote(conversation, lead, admin, "/zendesk Help"), options(Map.of()));
        assertThat(usedesk.tickets()).isEmpty();
        assertThat(ourParts()).isEmpty();
        assertThat(run.activity().notes()).contains("Command /zendesk is not this flow's (/usedesk)");
    }

    @Test
    void aRepeatedOrRetriedCommandMakesOneTicketOneReplyAndOneLeadNote() {
        DashlyWebhooks.Webhook hook = chat.operatorNote(conversation, lead, admin, "/usedesk Payment fails");
        dashly.failNext(1, 429, 3);
        assertThatThrownBy(() -> command(hook, options(Map.of()))).isInstanceOf(TransientVendorException.class);
        usedesk.failNext(1, 500, null);
        assertThatThrownBy(() -> command(hook, options(Map.of()))).isInstanceOf(TransientVendorException.class);
        command(hook, options(Map.of()));
        command(hook.redelivery(), options(Map.of()));
        command(hook.redelivery(), options(Map.of()));

        assertThat(usedesk.tickets()).hasSize(1);
        assertThat(ourParts()).hasSize(1);
        assertThat(dashly.leadEvents(lead)).hasSize(1);
    }

    @Test
    void aTicketCreatedButNotRecordedIsFoundAgainByItsExternalId() {
        DashlyWebhooks.Webhook hook = chat.operatorNote(conversation, lead, admin, "/usedesk Lost answer");
        command(hook, options(Map.of()));
        String key = "part:" + hook.partId();
        links.forget(TicketFromCommand.LINK_TICKET, key); // as if the run had crashed right after creating it
        command(hook.redelivery(), options(Map.of()));
        assertThat(usedesk.tickets()).hasSize(1);
        assertThat(links.find(TicketFromCommand.LINK_TICKET, key)).contains(String.valueOf(usedesk.tickets().get(0).id()));
    }

    @Test
    void closingTheTicketTellsOperatorsOnceAndReopeningOrClosingWithAReplyTellsNothing() {
        command(chat.operatorNote(conversation, lead, admin, "/usedesk Payment fails"), options(Map.of()));
        long ticket = usedesk.tickets().get(0).id();
        int before = ourParts().size();

        String closed = helpdeskHooks.statusChanged(ticket, 1, 3, 545L, false);
        helpdeskEvent(closed, options(Map.of()));
        helpdeskEvent(closed, options(Map.of())); // replayed
        List<DashlyFake.Part> afterClose = ourParts();
        assertThat(afterClose).hasSize(before + 1);
        assertThat(afterClose.get(afterClose.size() - 1)).satisfies(p -> {
            assertThat(p.type()).isEqualTo("note");
            assertThat(p.body()).startsWith("Ticket #" + ticket + " was closed in Usedesk.");
        });

        TestFlowRun reopened = helpdeskEvent(helpdeskHooks.statusChanged(ticket, 3, 1, 545L, false),
                options(Map.of()));
        assertThat(reopened.activity().notes()).anyMatch(n -> n.contains("was reopened"));
        helpdeskEvent(helpdeskHooks.statusChanged(ticket, 1, 3, 545L, true), options(Map.of()));
        assertThat(ourParts()).hasSize(before + 1);
    }

    @Test
    void changesOfTicketsTheFlowDidNotCreateAreLeftAlone() {
        long other = usedesk.addTicket(null, "Phone call", 1, null);
        TestFlowRun run = helpdeskEvent(helpdeskHooks.statusChanged(other, 1, 3, 545L, false), options(Map.of()));
        assertThat(ourParts()).isEmpty();
        assertThat(run.activity().notes()).anyMatch(n -> n.contains("was not created from a chat command"));
    }

    @Test
    void theCommandWordAndTextsComeFromTheOptions() {
        Map<String, Object> input = new HashMap<>();
        input.put("command", "/ticket");
        input.put("ticket_subject_template", "Chat {{conversation_id}}: {{name}}");
        input.put("bot_reply_visibility", "operators");
        input.put("bot_reply_template", "Created {{ticket_number}} for {{email}}");
        input.put("lead_note", false);
        command(chat.operatorNote(conversation, lead, admin, "/ticket Broken link"), options(input));
        assertThat(usedesk.tickets()).singleElement().extracting(UsedeskFake.Ticket::subject)
                .isEqualTo("Chat " + conversation + ": Olga Petrova");
        assertThat(ourParts()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("note");
            assertThat(p.body()).isEqualTo("Created " + usedesk.tickets().get(0).id() + " for olga@example.com");
        });
        assertThat(dashly.leadEvents(lead)).isEmpty();
    }
}
