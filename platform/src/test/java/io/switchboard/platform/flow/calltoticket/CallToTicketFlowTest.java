package io.switchboard.platform.flow.calltoticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.connection.ConfigValidator;
import io.switchboard.platform.flow.TestFlowRun.ListActivity;
import io.switchboard.platform.flow.HeldByAnotherEvent;
import io.switchboard.platform.flow.TestFlowRun;
import io.switchboard.platform.flow.TestFlowRun.MapLinks;
import io.switchboard.plugins.sipuni.SipuniConnector;
import io.switchboard.plugins.usedesk.UsedeskConnector;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.JdkVendorHttpClient;
import io.switchboard.spi.http.VendorHttpClient;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import io.switchboard.plugins.sipuni.fake.SipuniEvents.Hook;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The call-to-ticket flow end to end at the unit level: real Sipuni webhooks ({@link SipuniEvents}) parsed by the
 * real {@link SipuniConnector} into call events, handled by the flow, which drives the real {@link UsedeskConnector}
 * over HTTP against {@link UsedeskFake}. Options go through the platform's own {@link ConfigValidator}, so defaults
 * and types are what a saved form gives. Each event gets its own {@link TestFlowRun}; links are shared, as the
 * pipeline's durable links are.
 */
class CallToTicketFlowTest {

    static {
        // UsedeskFake runs on the JDK's HttpServer, which writes a response's headers and body separately: without
        // TCP_NODELAY every loopback request waits ~40 ms for a delayed ACK (50 ms vs 7 ms per call measured). The
        // JDK reads this once per JVM, before its first server starts; if another test started one earlier, this
        // only costs time.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String TOKEN = "0e8f678d8327eb3292a28c8165957b282a1b2f8b";
    private static final String SECRET = "sipuni-webhook-secret-2024";
    /** 2024-05-02 10:00:00 UTC = 13:00 in Moscow. */
    private static final long START = 1714644000L;
    private static final String NUMBER = "79161234567";
    private static final long ANNA = 545;
    private static final long BORIS = 546;
    private static final long DASHA_ON_DUTY = 547;
    private static final long SERGEY_SENIOR = 548;
    private static final List<Map<String, String>> AGENTS = List.of(
            Map.of("agent", "545", "extension", "201"), Map.of("agent", "546", "extension", "202"));

    private final CallToTicketFlow flow = new CallToTicketFlow(changed -> { });
    private final SipuniConnector sipuni = new SipuniConnector();
    private final UsedeskConnector usedeskConnector = new UsedeskConnector();
    private final SipuniEvents calls = SipuniEvents.forAccount("070196");
    private final TestConnectorContext sipuniContext = TestConnectorContext.with(Map.of("webhook_secret", SECRET));
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(START + 3600), ZoneOffset.UTC);
    private final MapLinks links = new MapLinks();
    private final List<ListActivity> activities = new ArrayList<>();
    private UsedeskFake usedesk;
    private Interceptor http;
    private TestConnectorContext usedeskContext;

    @BeforeEach
    void start() {
        usedesk = new UsedeskFake(TOKEN).addAgent(ANNA, "Anna Agent", "anna@example.com")
                .addAgent(BORIS, "Boris Agent", "boris@example.com")
                .addAgent(DASHA_ON_DUTY, "Dasha Duty", "dasha@example.com")
                .addAgent(SERGEY_SENIOR, "Sergey Senior", "sergey@example.com");
        http = new Interceptor(new JdkVendorHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(10)));
        usedeskContext = TestConnectorContext.builder()
                .config(Map.of("api_token", TOKEN, "region", "custom", "base_url", usedesk.baseUrl()))
                .http(http).build();
    }

    @AfterEach
    void stop() {
        usedesk.close();
    }

    // ------------------------------------------------------------------ the options form

    @Test
    void optionsSchemaIsSoundAndOffersEveryOption() {
        assertThat(flow.optionsSchema().errors()).isEmpty();
        assertThat(flow.id()).isEqualTo("call-to-ticket").isEqualTo(CallToTicketFlow.ID);
        assertThat(flow.displayName()).isNotBlank();
        assertThat(flow.description()).isNotBlank();
        assertThat(flow.optionsSchema().fields()).extracting(f -> f.key()).containsExactly(
                "search_statuses", "new_ticket_every_call", "create_client", "create_ticket", "create_organization",
                "ticket_type", "ticket_priority", "client_name_template", "organization_name_template",
                "ticket_subject_template", "ticket_tag_template",
                "call_comment", "call_comment_visibility", "custom_fields", "agents", "fallback_agent", "duty_agent",
                "first_rung_responsible", "scheme_filter", "schemes", "transfer_schemes", "phone_format",
                "phone_region", "time_zone");
        assertThat(flow.optionsSchema().field("search_statuses").orElseThrow().optionsSource()).isEqualTo("statuses");
        assertThat(flow.optionsSchema().field("agents").orElseThrow().columns().get(0).optionsSource())
                .isEqualTo("agents");
        for (String template : List.of("client_name_template", "organization_name_template",
                "ticket_subject_template", "ticket_tag_template")) {
            assertThat(flow.optionsSchema().field(template).orElseThrow().variables()).extracting(v -> v.name())
                    .contains("phone", "direction", "status", "scheme", "employee", "date", "time", "duration")
                    .allSatisfy(name -> assertThat(name).matches("[a-z_]+"));
            assertThat(flow.optionsSchema().field(template).orElseThrow().variables())
                    .allSatisfy(v -> assertThat(v.description()).isNotBlank());
        }
        assertThat(flow.optionsSchema().field("phone_format").orElseThrow().choices()).extracting(c -> c.value())
                .containsExactly("e164", "international", "national", "digits");
    }

    @Test
    void defaultsOfTheSavedFormAreTheFlowsOwnDefaults() {
        CallToTicketOptions fromForm = CallToTicketOptions.from(options(Map.of()));
        assertThat(fromForm).isEqualTo(CallToTicketOptions.from(ConfigValues.empty()));
        assertThat(fromForm.createClient()).isTrue();
        assertThat(fromForm.createTicket()).isTrue();
        assertThat(fromForm.newTicketEveryCall()).isFalse();
        assertThat(fromForm.ticketType().name()).isEqualTo("QUESTION");
        assertThat(fromForm.ticketPriority().name()).isEqualTo("NORMAL");
        assertThat(fromForm.phoneFormat()).isEqualTo(PhoneFormat.E164);
        assertThat(fromForm.phoneRegion()).isEqualTo("RU");
        assertThat(fromForm.fallbacks()).isEmpty();
    }

    @Test
    void validationFindsWhatTheSchemaCannot() {
        assertThat(flow.validate(options(Map.of()))).isEmpty();
        assertThat(flow.validate(options(Map.of("time_zone", "Mars/Olympus_Mons"))))
                .extracting(p -> p.field()).containsExactly("time_zone");
        assertThat(flow.validate(options(Map.of("scheme_filter", "selected"))))
                .extracting(p -> p.field()).containsExactly("schemes");
        assertThat(flow.validate(options(Map.of("create_ticket", "false", "new_ticket_every_call", "true"))))
                .extracting(p -> p.field()).containsExactly("new_ticket_every_call");
        assertThat(flow.validate(options(Map.of("agents", List.of(Map.of("agent", "545", "extension", "201"),
                Map.of("agent", "546", "extension", "201")))))).extracting(p -> p.field()).containsExactly("agents");
    }

    @Test
    void unusableSavedValuesFallBackToDefaultsWithANote() {
        ConfigValues saved = ConfigValues.of(Map.of("time_zone", "Nowhere/Land", "phone_format", "morse",
                "ticket_type", "riddle"));
        process(saved, calls.incomingAnswered("1714644000.1", START, NUMBER, "201"));
        assertThat(usedesk.tickets()).singleElement().satisfies(t -> assertThat(t.type()).isEqualTo("question"));
        assertThat(usedesk.clients()).singleElement().satisfies(c -> assertThat(c.phone()).isEqualTo("+79161234567"));
        assertThat(notes()).anyMatch(n -> n.contains("time zone 'Nowhere/Land' is unknown; Europe/Moscow is used"))
                .anyMatch(n -> n.contains("number format 'morse' is unknown"))
                .anyMatch(n -> n.contains("ticket type option 'riddle' is unknown"));
    }

    // ------------------------------------------------------------------ a new number: client, ticket, call details

    @Test
    void aNewNumberGetsAClientATicketInStatusNewAndTheCallDetails() {
        String callId = "1714644000.533962";
        process(options(Map.of("agents", AGENTS)), calls.incomingAnswered(callId, START, NUMBER, "201"));

        assertThat(usedesk.clients()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("+79161234567");
            assertThat(c.phone()).isEqualTo("+79161234567");
        });
        long clientId = usedesk.clients().get(0).id();
        UsedeskFake.Ticket ticket = usedesk.tickets().get(0);
        assertThat(usedesk.tickets()).hasSize(1);
        assertThat(ticket.status()).isEqualTo(8);
        assertThat(ticket.clientId()).isEqualTo(clientId);
        assertThat(ticket.subject()).isEqualTo("Call +79161234567 (incoming)");
        assertThat(ticket.type()).isEqualTo("question");
        assertThat(ticket.priority()).isEqualTo("medium");
        assertThat(ticket.additionalId()).isEqualTo("sb-call-" + callId);
        assertThat(ticket.tags()).containsExactly("call");
        assertThat(ticket.assigneeId()).isEqualTo(ANNA);
        assertThat(ticket.privateComment()).isTrue();
        assertThat(ticket.message()).contains("Incoming call from +79161234567 on line +74951234567, started "
                + "02.05.2024 13:00:00.");

        UsedeskFake.Comment details = detailsComment(ticket.id());
        assertThat(details.type()).isEqualTo("private");
        assertThat(details.message()).contains("Incoming call, answered (ANSWER)", "Client: +79161234567",
                "Line: +74951234567", "Date: 02.05.2024 13:00:00 (Europe/Moscow)", "Duration: 1:10, talk 1:00",
                "Answered by: Anna Agent (ext. 201)", "Scheme: Входящая",
                "Recording: https://sipuni.com/api/crm/record?id=" + callId, "Call id: " + callId);
        assertThat(created()).extracting(ListActivity.Created::what).containsExactly("client", "ticket", "comment");
        assertThat(created()).filteredOn(c -> c.what().equals("ticket")).singleElement()
                .satisfies(c -> assertThat(c.url()).endsWith("/tickets/" + ticket.id()));
        assertThat(notes()).anyMatch(n -> n.startsWith("Created client '+79161234567'"))
                .anyMatch(n -> n.contains("now the responsibility of Anna Agent (answered the call)"));
        assertThat(usedesk.requests()).as("a client created for this call has no tickets to search")
                .doesNotContain("/tickets");
    }

    @Test
    void anOutgoingCallIsAssignedToTheEmployeeWhoCalled() {
        process(options(Map.of("agents", AGENTS, "fallback_agent", "548")),
                calls.outgoingAnswered("1714644000.2", START, "202", NUMBER));
        UsedeskFake.Ticket ticket = usedesk.tickets().get(0);
        assertThat(ticket.subject()).isEqualTo("Call +79161234567 (outgoing)");
        assertThat(ticket.assigneeId()).isEqualTo(BORIS);
        assertThat(detailsComment(ticket.id()).message()).contains("Outgoing call, answered (ANSWER)",
                "Answered by: Boris Agent (ext. 202)", "Duration: 0:18, talk 0:08");
    }

    // ------------------------------------------------------------------ existing tickets by status

    @Test
    void aKnownNumberWithATicketInASelectedStatusGetsTheCommentAndNoNewTicket() {
        long client = usedesk.addClient("Ivan Petrov", null, "79161234567");
        long older = usedesk.addTicket(client, "Older question", 1, null);
        long recent = usedesk.addTicket(client, "Waiting for the client", 6, null);
        usedesk.addTicket(client, "Closed one", 3, null);

        process(options(Map.of("search_statuses", List.of("1", "6"), "agents", AGENTS, "duty_agent", "547")),
                calls.incomingMissed("1714644000.3", START, "8 (916) 123-45-67", "201"));

        assertThat(usedesk.clients()).hasSize(1);
        assertThat(usedesk.tickets()).hasSize(3);
        assertThat(detailsComments(recent)).singleElement().satisfies(c ->
                assertThat(c.message()).contains("Incoming call, missed (NOANSWER)"));
        assertThat(detailsComments(older)).isEmpty();
        assertThat(usedesk.ticket(recent).orElseThrow().assigneeId())
                .as("an existing ticket keeps its responsible agent, also for a missed call").isNull();
        assertThat(notes()).anyMatch(n -> n.startsWith("Found client 'Ivan Petrov'"))
                .anyMatch(n -> n.contains("goes to the client's ticket " + recent + " (status 6, pending)"));
        assertThat(created()).extracting(ListActivity.Created::what).containsExactly("comment");
    }

    @Test
    void aTicketOnlyInAnUnselectedStatusDoesNotCountAndANewOneIsCreated() {
        long client = usedesk.addClient("Ivan Petrov", null, "79161234567");
        long closed = usedesk.addTicket(client, "Closed one", 3, null);

        process(options(Map.of("search_statuses", List.of("1", "8"))),
                calls.incomingAnswered("1714644000.4", START, NUMBER, "201"));

        assertThat(usedesk.tickets()).hasSize(2);
        UsedeskFake.Ticket created = usedesk.tickets().get(1);
        assertThat(created.status()).isEqualTo(8);
        assertThat(created.clientId()).isEqualTo(client);
        assertThat(detailsComments(closed)).isEmpty();
        assertThat(detailsComments(created.id())).hasSize(1);
        assertThat(notes()).anyMatch(n -> n.equals("Client " + client + " has no ticket in the selected statuses."));
    }

    @Test
    void withNoStatusSelectedTheHelpdesksOpenStatusesCount() {
        long client = usedesk.addClient("Ivan Petrov", null, "79161234567");
        usedesk.addTicket(client, "Solved", 2, null);
        long pending = usedesk.addTicket(client, "Pending", 6, null);

        process(options(Map.of()), calls.incomingAnswered("1714644000.5", START, NUMBER, "201"));

        assertThat(usedesk.tickets()).hasSize(2);
        assertThat(detailsComments(pending)).hasSize(1);
        assertThat(notes()).anyMatch(n -> n.contains("the open statuses (Open, On hold, Pending, New; none is "
                + "selected in the options)"));
    }

    // ------------------------------------------------------------------ a ticket per call; creating switched off

    @Test
    void newTicketOnEveryCallIgnoresExistingTicketsButStillOneTicketPerCall() {
        long client = usedesk.addClient("Ivan Petrov", null, "79161234567");
        long open = usedesk.addTicket(client, "Open", 1, null);
        ConfigValues options = options(Map.of("new_ticket_every_call", "true", "search_statuses", List.of("1")));

        process(options, calls.incomingAnswered("1714644000.6", START, NUMBER, "201"));
        process(options, calls.incomingMissed("1714647600.7", START + 3600, NUMBER, "201", "202"));

        assertThat(usedesk.tickets()).hasSize(3);
        assertThat(usedesk.tickets().subList(1, 3)).allSatisfy(t -> {
            assertThat(t.clientId()).isEqualTo(client);
            assertThat(detailsComments(t.id())).hasSize(1);
        });
        assertThat(detailsComments(open)).isEmpty();
        assertThat(usedesk.clients()).hasSize(1);
    }

    @Test
    void withClientCreationOffTheTicketHasNoClient() {
        process(options(Map.of("create_client", "false")), calls.incomingAnswered("1714644000.8", START, NUMBER,
                "201"));
        assertThat(usedesk.clients()).isEmpty();
        assertThat(usedesk.tickets()).singleElement().satisfies(t -> {
            assertThat(t.clientId()).isNull();
            assertThat(detailsComments(t.id())).hasSize(1);
        });
        assertThat(notes()).anyMatch(n -> n.contains("client creation is off: the ticket gets no client"));
    }

    @Test
    void withTicketCreationOffOnlyExistingTicketsGetTheCallAndTheClientIsStillCreated() {
        ConfigValues options = options(Map.of("create_ticket", "false"));
        process(options, calls.incomingAnswered("1714644000.9", START, NUMBER, "201"));
        assertThat(usedesk.clients()).hasSize(1);
        assertThat(usedesk.tickets()).isEmpty();
        assertThat(notes()).anyMatch(n -> n.contains("Ticket creation is off"))
                .anyMatch(n -> n.contains("ended (answered), but it has no ticket"));

        long open = usedesk.addTicket(usedesk.clients().get(0).id(), "Opened by hand", 1, null);
        process(options, calls.incomingAnswered("1714647600.10", START + 3600, NUMBER, "201"));
        assertThat(usedesk.tickets()).hasSize(1);
        assertThat(detailsComments(open)).hasSize(1);
    }

    @Test
    void ticketTypeAndPriorityAreTheChosenOnes() {
        process(options(Map.of("ticket_type", "incident", "ticket_priority", "urgent")),
                calls.incomingAnswered("1714644000.11", START, NUMBER, "201"));
        assertThat(usedesk.tickets()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("incident");
            assertThat(t.priority()).isEqualTo("extreme"); // Usedesk's scale: URGENT → extreme (connector's mapping)
        });
    }

    // ------------------------------------------------------------------ responsible agents

    @Test
    void aMissedCallGoesToTheOnDutyAgent() {
        process(options(Map.of("agents", AGENTS, "duty_agent", "547", "fallback_agent", "548")),
                calls.incomingMissed("1714644000.12", START, NUMBER, "201", "202"));
        UsedeskFake.Ticket ticket = usedesk.tickets().get(0);
        assertThat(ticket.assigneeId()).isEqualTo(DASHA_ON_DUTY);
        assertThat(notes()).anyMatch(n -> n.contains("responsible Sergey Senior (nobody on the call is known yet: "
                        + "fallback agent)"))
                .anyMatch(n -> n.contains("now the responsibility of Dasha Duty (missed call: on-duty agent)"));
        assertThat(detailsComment(ticket.id()).message()).contains("Incoming call, missed (NOANSWER)",
                "Rang first: Anna Agent (ext. 201)", "Duration: 0:20, talk 0:00")
                .doesNotContain("Recording:");
    }

    @Test
    void withTheFirstRungOptionAMissedCallGoesToTheFirstEmployeeTheCallRangTo() {
        // Sipuni rings 201 first, then 202; its final event names only the last one (202) in last_called.
        process(options(Map.of("agents", AGENTS, "duty_agent", "547", "fallback_agent", "548",
                "first_rung_responsible", "true")), calls.incomingMissed("1714644000.13", START, NUMBER, "201", "202"));
        assertThat(usedesk.tickets().get(0).assigneeId()).isEqualTo(ANNA);
        assertThat(notes()).anyMatch(n -> n.contains("Anna Agent (missed call: the first employee the call rang to)"));
    }

    @Test
    void theFirstRungEmployeeWithoutAnAgentLeavesTheMissedCallToTheOnDutyAgent() {
        process(options(Map.of("agents", List.of(Map.of("agent", "546", "extension", "202")), "duty_agent", "547",
                        "first_rung_responsible", "true")),
                calls.incomingMissed("1714644000.14", START, NUMBER, "209", "202"));
        assertThat(usedesk.tickets().get(0).assigneeId()).isEqualTo(DASHA_ON_DUTY);
        assertThat(notes()).anyMatch(n -> n.contains("ext. 209, has no agent; the on-duty agent is responsible"));
    }

    // ------------------------------------------------------------------ schemes

    @Test
    void aCallInASchemeThatIsNotSelectedIsIgnored() {
        process(options(Map.of("scheme_filter", "selected", "schemes", List.of(Map.of("scheme", "Продажи")))),
                calls.incomingAnswered("1714644000.15", START, NUMBER, "201"));
        assertThat(usedesk.clients()).isEmpty();
        assertThat(usedesk.tickets()).isEmpty();
        assertThat(usedesk.requests()).isEmpty();
        assertThat(notes()).contains("Skipped call 1714644000.15: scheme 'Входящая' is not selected.");
    }

    @Test
    void aCallInASelectedSchemeIsProcessedIgnoringCase() {
        process(options(Map.of("scheme_filter", "selected", "schemes", List.of(Map.of("scheme", " входящая ")))),
                calls.incomingAnswered("1714644000.16", START, NUMBER, "201"));
        assertThat(usedesk.tickets()).hasSize(1);
    }

    @Test
    void aCallTransferredToASchemeSelectedForTransfersIsProcessedFromThen() {
        String callId = "1714644000.17";
        List<Hook> hooks = new ArrayList<>();
        List<Hook> transferred = calls.transferred(callId, START, NUMBER, "201", "202");
        for (int i = 0; i < transferred.size(); i++) {
            // A distributor scheme answers first (201); from the second leg on, Sipuni names the target scheme.
            hooks.add(i < 2 ? transferred.get(i).with("treeName", "Распределитель")
                    : transferred.get(i).with("treeName", "Продажи"));
        }
        process(options(Map.of("scheme_filter", "selected", "agents", AGENTS,
                "transfer_schemes", List.of(Map.of("scheme", "Продажи")))), hooks);

        assertThat(notes()).contains("Skipped call " + callId + ": scheme 'Распределитель' is not selected.")
                .anyMatch(n -> n.contains("transferred to scheme 'Продажи', which is selected for transfers"));
        UsedeskFake.Ticket ticket = usedesk.tickets().get(0);
        assertThat(usedesk.tickets()).hasSize(1);
        assertThat(ticket.assigneeId()).isEqualTo(BORIS);
        assertThat(detailsComment(ticket.id()).message()).contains("Answered by: Boris Agent (ext. 202)",
                "Scheme: Продажи");
    }

    @Test
    void aSchemeSelectedForTransfersAloneDoesNotAdmitACallThatStartsInIt() {
        process(options(Map.of("scheme_filter", "selected",
                        "transfer_schemes", List.of(Map.of("scheme", "Входящая")))),
                calls.incomingAnswered("1714644000.18", START, NUMBER, "201"));
        assertThat(usedesk.tickets()).isEmpty();
    }

    @Test
    void allSchemesIgnoresTheSchemeLists() {
        process(options(Map.of("scheme_filter", "all", "schemes", List.of(Map.of("scheme", "Продажи")))),
                calls.incomingAnswered("1714644000.19", START, NUMBER, "201"));
        assertThat(usedesk.tickets()).hasSize(1);
    }

    // ------------------------------------------------------------------ number format

    @ParameterizedTest
    @CsvSource({"e164, +79161234567", "international, +7 916 123-45-67", "national, 8 (916) 123-45-67",
            "digits, 79161234567"})
    void theNumberIsStoredInTheChosenFormatAndRecognisedOnTheNextCall(String format, String expected) {
        ConfigValues options = options(Map.of("phone_format", format));
        process(options, calls.incomingAnswered("1714644000.20", START, NUMBER, "201"));
        // The same number written the Russian national way: still the same client.
        process(options, calls.incomingAnswered("1714647600.21", START + 3600, "89161234567", "201"));

        assertThat(usedesk.clients()).singleElement().satisfies(c -> {
            assertThat(c.phone()).isEqualTo(expected);
            assertThat(c.name()).isEqualTo(expected);
        });
        assertThat(usedesk.tickets()).hasSize(1).allSatisfy(t -> {
            assertThat(t.subject()).isEqualTo("Call " + expected + " (incoming)");
            assertThat(detailsComments(t.id())).hasSize(2);
        });
    }

    @Test
    void aForeignNumberWithoutItsPlusIsReadInternationally() {
        process(options(Map.of("phone_format", "international")),
                calls.incomingAnswered("1714644000.22", START, "998948867473", "201"));
        assertThat(usedesk.clients()).singleElement().satisfies(c -> assertThat(c.phone()).isEqualTo("+998 94 886 74 73"));
    }

    @Test
    void aNumberThatCannotBeParsedIsKeptAsDigitsWithANote() {
        process(options(Map.of("phone_format", "international")),
                calls.incomingAnswered("1714644000.23", START, "1234-5678", "201"));
        assertThat(usedesk.clients()).singleElement().satisfies(c -> assertThat(c.phone()).isEqualTo("12345678"));
        assertThat(notes()).anyMatch(n -> n.equals("'1234-5678' could not be read as a phone number; it is kept as "
                + "its digits, 12345678."));
    }

    // ------------------------------------------------------------------ templates

    @Test
    void templatesRenderTheDocumentedVariables() {
        String callId = "1714644000.24";
        process(options(Map.of("agents", AGENTS,
                        "client_name_template", "Client {{phone}} via {{scheme}}",
                        "ticket_subject_template", "{{direction}}|{{status}}|{{scheme}}|{{employee}}|{{extension}}|"
                                + "{{line}}|{{date}}|{{time}}|{{duration}}|{{talk_duration}}|{{recording}}|"
                                + "{{call_id}}|{{phone}}",
                        "ticket_tag_template", "{{status}}, {{direction}}, {{scheme}}")),
                calls.outgoingAnswered(callId, START, "201", NUMBER));

        assertThat(usedesk.clients().get(0).name()).isEqualTo("Client +79161234567 via Исходящая");
        UsedeskFake.Ticket ticket = usedesk.tickets().get(0);
        // Rendered when the ticket is created, at the first ring: no status, durations or recording yet.
        assertThat(ticket.subject()).isEqualTo("outgoing||Исходящая|Anna Agent|201||02.05.2024|13:00||||" + callId
                + "|+79161234567");
        // Tags are rendered again when the call ends: the status is added then.
        assertThat(ticket.tags()).containsExactly("outgoing", "Исходящая", "answered");
    }

    @Test
    void incomingCallVariablesIncludeTheLineAndTheDurationsOnceTheCallHasEnded() {
        process(options(Map.of("ticket_tag_template", "{{line}}, {{duration}}, {{talk_duration}}, {{status}}")),
                calls.incomingAnswered("1714644000.25", START, NUMBER, "201"));
        assertThat(usedesk.tickets().get(0).tags()).containsExactly("+74951234567", "1:10", "1:00", "answered");
    }

    @Test
    void unknownVariablesRenderEmptyAndABrokenTemplateFallsBackToTheDefault() {
        // Saved outside the form (the form refuses both): the flow must still not fail.
        ConfigValues saved = ConfigValues.of(Map.of("ticket_subject_template", "Call {{phone}} {{no_such_thing}}!",
                "client_name_template", "{{>partial}}", "ticket_tag_template", ""));
        process(saved, calls.incomingAnswered("1714644000.26", START, NUMBER, "201"));
        assertThat(usedesk.tickets().get(0).subject()).isEqualTo("Call +79161234567 !");
        assertThat(usedesk.tickets().get(0).tags()).isEmpty();
        assertThat(usedesk.clients().get(0).name()).isEqualTo("+79161234567");
        assertThat(notes()).anyMatch(n -> n.startsWith("The client name template could not be used"));
    }

    // ------------------------------------------------------------------ call details and custom fields

    @Test
    void callDataGoesToTheMappedCustomFields() {
        process(options(Map.of("custom_fields", List.of(
                        Map.of("attribute", "duration", "target", "ticket", "field_id", "54"),
                        Map.of("attribute", "scheme_name", "field_id", "55"),
                        Map.of("attribute", "status", "field_id", "56"),
                        Map.of("attribute", "utm_source", "field_id", "57"),
                        Map.of("attribute", "line", "field_id", "58"),
                        Map.of("attribute", "sipuni_tree_number", "field_id", "59")))),
                calls.incomingAnswered("1714644000.27", START, NUMBER, "201"));
        assertThat(usedesk.tickets().get(0).customFields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                54L, "1:10", 55L, "Входящая", 56L, "answered", 58L, "+74951234567", 59L, "000-1734442"));
    }

    @Test
    void callDetailsCanBePublicOrSwitchedOff() {
        process(options(Map.of("call_comment_visibility", "public")),
                calls.incomingAnswered("1714644000.28", START, NUMBER, "201"));
        UsedeskFake.Ticket first = usedesk.tickets().get(0);
        assertThat(first.privateComment()).isFalse();
        assertThat(detailsComment(first.id()).type()).isEqualTo("public");

        process(options(Map.of("call_comment", "false")),
                calls.incomingAnswered("1714647600.29", START + 3600, "79990001122", "201"));
        UsedeskFake.Ticket second = usedesk.tickets().get(1);
        assertThat(detailsComments(second.id())).isEmpty();
        assertThat(notes()).anyMatch(n -> n.contains("adding call details is off"));
    }

    // ------------------------------------------------------------------ calls the flow leaves alone

    @Test
    void internalCallsAndHiddenNumbersAreSkippedWithANote() {
        List<Hook> internal = calls.outgoingAnswered("1714644000.30", START, "201", NUMBER).stream()
                .map(h -> h.with("dst_num", "070196202").with("short_dst_num", "202").with("dst_type", "2")).toList();
        List<Hook> hidden = calls.incomingAnswered("1714644000.31", START, NUMBER, "201").stream()
                .map(h -> h.with("src_num", null).with("short_src_num", null)).toList();
        process(options(Map.of()), internal);
        process(options(Map.of()), hidden);
        assertThat(usedesk.requests()).isEmpty();
        assertThat(notes()).contains("Call 1714644000.30 is internal (between employees): nothing to do in the "
                        + "helpdesk.")
                .anyMatch(n -> n.startsWith("Call 1714644000.31 has no client number (hidden caller ID?)"));
    }

    // ------------------------------------------------------------------ exactly-once

    @Test
    void runningTheSameEventsAgainCreatesNothingTwice() {
        ConfigValues options = options(Map.of("agents", AGENTS, "ticket_tag_template", "call, {{status}}"));
        List<Hook> hooks = calls.incomingAnswered("1714644000.32", START, NUMBER, "201");
        process(options, hooks);
        int requestsAfterFirst = usedesk.requests().size();
        activities.clear();

        process(options, hooks);

        assertThat(usedesk.clients()).hasSize(1);
        assertThat(usedesk.tickets()).hasSize(1);
        assertThat(usedesk.comments(usedesk.tickets().get(0).id())).hasSize(2); // first message + details
        assertThat(created()).isEmpty();
        assertThat(notes()).anyMatch(n -> n.contains("already on ticket"));
        assertThat(usedesk.requests().subList(requestsAfterFirst, usedesk.requests().size()))
                .as("a replay asks nothing that creates").doesNotContain("/create/client", "/create/ticket",
                        "/create/comment");
    }

    @Test
    void aFailureWhileCreatingTheTicketPropagatesAndTheRetryCreatesExactlyOne() {
        ConfigValues options = options(Map.of());
        List<CallEvent> events = events(calls.incomingAnswered("1714644000.33", START, NUMBER, "201"));
        http.before("/create/ticket", () -> usedesk.failNext(1, 500, null));

        assertThatThrownBy(() -> handle(events.get(0), options)).isInstanceOf(TransientVendorException.class);
        assertThat(usedesk.tickets()).isEmpty();
        assertThat(usedesk.clients()).hasSize(1);

        events.forEach(e -> handle(e, options)); // the pipeline retries the failed event, then the rest come
        assertThat(usedesk.clients()).hasSize(1);
        assertThat(usedesk.tickets()).singleElement().satisfies(t -> assertThat(detailsComments(t.id())).hasSize(1));
    }

    @Test
    void aTicketCreatedWhoseAnswerWasLostIsFoundByItsExternalIdOnRetry() {
        ConfigValues options = options(Map.of());
        String callId = "1714644000.34";
        List<CallEvent> events = events(calls.incomingAnswered(callId, START, NUMBER, "201"));
        http.loseAnswerOf("/create/ticket");

        assertThatThrownBy(() -> handle(events.get(0), options)).isInstanceOf(TransientVendorException.class);
        assertThat(usedesk.tickets()).hasSize(1); // Usedesk did create it
        assertThat(links.find(CallToTicketFlow.LINK_CALL_TICKET, callId)).isEmpty();

        events.forEach(e -> handle(e, options));
        assertThat(usedesk.tickets()).singleElement().satisfies(t -> {
            assertThat(t.additionalId()).isEqualTo("sb-call-" + callId);
            assertThat(detailsComments(t.id())).hasSize(1);
        });
        assertThat(notes()).anyMatch(n -> n.contains("was created for this call by an earlier attempt"));
    }

    @Test
    void aFirstAttemptWithoutACrashDoesNotScanTheClientsTicketsForTheExternalId() {
        long client = usedesk.addClient("Ivan Petrov", null, "79161234567");
        for (int i = 0; i < 5; i++) {
            usedesk.addTicket(client, "Old " + i, 3, null);
        }
        process(options(Map.of()), calls.incomingAnswered("1714644000.35", START, NUMBER, "201"));
        assertThat(usedesk.requests()).doesNotContain("/ticket");
    }

    @Test
    void aFailureWhileAddingTheCommentPropagatesAndTheRetryAddsItOnce() {
        ConfigValues options = options(Map.of());
        List<CallEvent> events = events(calls.incomingAnswered("1714644000.36", START, NUMBER, "201"));
        CallEvent end = events.get(events.size() - 1);
        events.subList(0, events.size() - 1).forEach(e -> handle(e, options));
        http.before("/create/comment", () -> usedesk.failNext(1, 503, null));

        assertThatThrownBy(() -> handle(end, options)).isInstanceOf(TransientVendorException.class);
        handle(end, options);

        assertThat(detailsComments(usedesk.tickets().get(0).id())).hasSize(1);
    }

    @Test
    void aCommentWhoseAnswerWasLostIsFoundOnTheTicketAndNotAddedAgain() {
        ConfigValues options = options(Map.of());
        List<CallEvent> events = events(calls.incomingAnswered("1714644000.37", START, NUMBER, "201"));
        CallEvent end = events.get(events.size() - 1);
        events.subList(0, events.size() - 1).forEach(e -> handle(e, options));
        http.loseAnswerOf("/create/comment");

        assertThatThrownBy(() -> handle(end, options)).isInstanceOf(TransientVendorException.class);
        ListActivity retry = handle(end, options);

        long ticket = usedesk.tickets().get(0).id();
        assertThat(detailsComments(ticket)).singleElement()
                .satisfies(c -> assertThat(links.find(CallToTicketFlow.LINK_CALL_COMMENT, "1714644000.37"))
                        .contains(String.valueOf(c.id())));
        assertThat(retry.notes()).anyMatch(n -> n.contains("its answer was lost; not added again"));
        // Replayed once more, the link answers: no further lookup.
        int requests = usedesk.requests().size();
        handle(end, options);
        assertThat(usedesk.requests().subList(requests, usedesk.requests().size())).doesNotContain("/ticket",
                "/create/comment");
    }

    @Test
    void aCommentThatNeverReachedTheHelpdeskIsAddedByTheRetryAfterTheLookupFindsNone() {
        ConfigValues options = options(Map.of());
        List<CallEvent> events = events(calls.incomingAnswered("1714644000.39", START, NUMBER, "201"));
        CallEvent end = events.get(events.size() - 1);
        events.subList(0, events.size() - 1).forEach(e -> handle(e, options));
        http.failBefore("/create/comment");

        assertThatThrownBy(() -> handle(end, options)).isInstanceOf(TransientVendorException.class);
        handle(end, options);

        assertThat(detailsComments(usedesk.tickets().get(0).id())).hasSize(1);
        assertThat(usedesk.requests()).contains("/ticket");
    }

    @Test
    void aClientStoredInAnotherFormatWhoseAnswerWasLostIsFoundAsStoredNotCreatedAgain() {
        ConfigValues options = options(Map.of("phone_format", "international"));
        List<CallEvent> events = events(calls.incomingAnswered("1714644000.40", START, NUMBER, "201"));
        http.loseAnswerOf("/create/client");

        assertThatThrownBy(() -> handle(events.get(0), options)).isInstanceOf(TransientVendorException.class);
        events.forEach(e -> handle(e, options));

        assertThat(usedesk.clients()).singleElement().satisfies(c -> assertThat(c.phone()).isEqualTo("+7 916 123-45-67"));
        assertThat(usedesk.tickets()).singleElement()
                .satisfies(t -> assertThat(t.clientId()).isEqualTo(usedesk.clients().get(0).id()));
        assertThat(notes()).anyMatch(n -> n.contains("before its answer was lost; not created again"));
    }

    @Test
    void twoCallsFromOneNewNumberAtOnceMakeOneClientTheSecondWaitsForTheFirst() {
        ConfigValues options = options(Map.of("phone_format", "international"));
        TestFlowRun.MapClaims claims = new TestFlowRun.MapClaims();
        CallEvent first = events(calls.incomingAnswered("1714644000.41", START, NUMBER, "201")).get(0);
        CallEvent second = events(calls.incomingAnswered("1714644000.42", START, NUMBER, "202")).get(0);
        // The first call's event holds the number while it looks for the client and creates it …
        claims.owner("event-1").hold(CallToTicketFlow.LINK_CLIENT, "+79161234567");

        // … so the second's stops before asking the helpdesk, its attempt not counted.
        int requests = usedesk.requests().size();
        assertThatThrownBy(() -> handleAs(second, options, claims, "event-2")).isInstanceOf(HeldByAnotherEvent.class);
        assertThat(usedesk.requests()).hasSize(requests);

        handleAs(first, options, claims, "event-1");
        claims.release("event-1");
        handleAs(second, options, claims, "event-2");

        assertThat(usedesk.clients()).hasSize(1);
        assertThat(usedesk.tickets()).hasSize(1);
    }

    @Test
    void aClientCreatedByAnEarlierAttemptIsFoundByNumberNotCreatedAgain() {
        ConfigValues options = options(Map.of());
        String callId = "1714644000.38";
        List<CallEvent> events = events(calls.incomingAnswered(callId, START, NUMBER, "201"));
        http.loseAnswerOf("/create/client");

        assertThatThrownBy(() -> handle(events.get(0), options)).isInstanceOf(TransientVendorException.class);
        events.forEach(e -> handle(e, options));

        assertThat(usedesk.clients()).hasSize(1);
        assertThat(usedesk.tickets()).singleElement()
                .satisfies(t -> assertThat(t.clientId()).isEqualTo(usedesk.clients().get(0).id()));
    }

    // ------------------------------------------------------------------ requests per call (docs/performance.md)

    @Test
    void vendorRequestsPerCallForANewCallerAKnownClientAndARepeatedCaller() {
        ConfigValues options = options(Map.of());
        process(options, calls.incomingAnswered("1714644000.50", START, NUMBER, "201"));
        List<String> newCaller = List.copyOf(usedesk.requests());
        process(options, calls.incomingAnswered("1714644000.51", START + 600, NUMBER, "201"));
        List<String> repeated = usedesk.requests().subList(newCaller.size(), usedesk.requests().size());
        usedesk.addClient("Known Client", null, "79160000001");
        int before = usedesk.requests().size();
        process(options, calls.incomingAnswered("1714644000.52", START + 1200, "79160000001", "201"));
        List<String> knownClient = usedesk.requests().subList(before, usedesk.requests().size());

        // A new caller: search by number, create the client, create the ticket, add the details comment.
        assertThat(newCaller).containsExactly("/clients", "/create/client", "/create/ticket", "/create/comment");
        // The same number again: the links know the client; one ticket search, one comment.
        assertThat(repeated).containsExactly("/tickets", "/create/comment");
        // A client the helpdesk has but the flow never saw, without an open ticket: found by number, one ticket
        // search, a new ticket, the comment.
        assertThat(knownClient).containsExactly("/clients", "/tickets", "/create/ticket", "/create/comment");
    }

    // ------------------------------------------------------------------ helpers

    /** Options as the platform saves them: through its validator, so defaults and types are the form's. */
    private ConfigValues options(Map<String, ?> input) {
        return TestFlowRun.savedOptions(flow, input);
    }

    private List<CallEvent> events(List<Hook> hooks) {
        return SipuniHooks.events(sipuni, sipuniContext, SECRET, hooks);
    }

    /** Every event of the hooks, each with its own run (as the pipeline calls the flow), sharing the links. */
    private void process(ConfigValues options, List<Hook> hooks) {
        events(hooks).forEach(event -> handle(event, options));
    }

    private ListActivity handle(CallEvent event, ConfigValues options) {
        TestFlowRun run = new TestFlowRun(options, usedeskConnector, usedeskContext, links, clock);
        activities.add(run.activity());
        flow.handle(event, run);
        return run.activity();
    }

    private ListActivity handleAs(CallEvent event, ConfigValues options, TestFlowRun.MapClaims claims, String owner) {
        TestFlowRun run = new TestFlowRun(options, usedeskConnector, usedeskContext, links, clock)
                .claimingIn(claims, owner);
        activities.add(run.activity());
        flow.handle(event, run);
        return run.activity();
    }

    private List<String> notes() {
        return activities.stream().flatMap(a -> a.notes().stream()).toList();
    }

    private List<ListActivity.Created> created() {
        return activities.stream().flatMap(a -> a.created().stream()).toList();
    }

    /** The comments the flow added when calls ended (not the ticket's first message). */
    private List<UsedeskFake.Comment> detailsComments(long ticketId) {
        return usedesk.comments(ticketId).stream().filter(c -> c.message().contains("Call id: ")).toList();
    }

    private UsedeskFake.Comment detailsComment(long ticketId) {
        List<UsedeskFake.Comment> comments = detailsComments(ticketId);
        assertThat(comments).hasSize(1);
        return comments.get(0);
    }

    /**
     * The Usedesk connector's HTTP client with two faults to inject at one method: an action right before the
     * request (e.g. arming the fake's {@code failNext}), or a lost answer (the fake did the work, then the caller
     * gets a timeout — the "crash after the vendor stored it" case). Each fires once.
     */
    private static final class Interceptor implements VendorHttpClient {

        private final VendorHttpClient delegate;
        private final Map<String, Runnable> before = new ConcurrentHashMap<>();
        private final Map<String, Boolean> loseAnswer = new ConcurrentHashMap<>();

        Interceptor(VendorHttpClient delegate) {
            this.delegate = delegate;
        }

        void before(String path, Runnable action) {
            before.put(path, action);
        }

        void loseAnswerOf(String path) {
            loseAnswer.put(path, Boolean.TRUE);
        }

        /** The next request to the path fails before it reaches the vendor (a connection refused). */
        void failBefore(String path) {
            before.put(path, () -> {
                throw new TransientVendorException("Could not reach 127.0.0.1: ConnectException");
            });
        }

        @Override
        public VendorResponse send(VendorRequest request) {
            String path = request.uri().getPath();
            Runnable action = before.remove(path);
            if (action != null) {
                action.run();
            }
            VendorResponse response = delegate.send(request);
            if (loseAnswer.remove(path) != null) {
                throw new TransientVendorException("Could not reach 127.0.0.1: HttpTimeoutException");
            }
            return response;
        }
    }
}
