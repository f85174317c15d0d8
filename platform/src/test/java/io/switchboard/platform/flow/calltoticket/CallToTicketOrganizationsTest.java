package io.switchboard.platform.flow.calltoticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.flow.TestFlowRun.ListActivity;
import io.switchboard.platform.flow.TestFlowRun;
import io.switchboard.platform.flow.TestFlowRun.MapLinks;
import io.switchboard.plugins.sipuni.SipuniConnector;
import io.switchboard.plugins.usedesk.UsedeskConnector;
import io.switchboard.plugins.zendesk.ZendeskConnector;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.http.JdkVendorHttpClient;
import io.switchboard.spi.http.VendorHttpClient;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import io.switchboard.plugins.sipuni.fake.SipuniEvents.Hook;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import io.switchboard.plugins.zendesk.fake.ZendeskFake;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Organizations in the call-to-ticket flow (the client of a call put in an organization found by name, else created): real Sipuni
 * webhooks parsed by the real {@link SipuniConnector}, handled by the flow, which drives the real
 * {@link ZendeskConnector} (a helpdesk with organizations) over HTTP against {@link ZendeskFake}; the real
 * {@link UsedeskConnector} against {@link UsedeskFake} stands for a helpdesk without them. Links are shared between
 * runs, as the pipeline's durable links are.
 */
class CallToTicketOrganizationsTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String EMAIL = "agent@acme.test";
    private static final String TOKEN = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";
    private static final String SIPUNI_SECRET = "sipuni-webhook-secret-2024";
    private static final long START = 1714644000L;
    private static final String NUMBER = "79161234567";
    private static final String E164 = "+79161234567";

    private final CallToTicketFlow flow = new CallToTicketFlow(changed -> { });
    private final SipuniConnector sipuni = new SipuniConnector();
    private final ZendeskConnector zendeskConnector = new ZendeskConnector();
    private final SipuniEvents calls = SipuniEvents.forAccount("070196");
    private final TestConnectorContext sipuniContext = TestConnectorContext.with(
            Map.of("webhook_secret", SIPUNI_SECRET));
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(START + 3600), ZoneOffset.UTC);
    private final MapLinks links = new MapLinks();
    private final List<ListActivity> activities = new ArrayList<>();
    private ZendeskFake zendesk;
    private TestConnectorContext zendeskContext;
    private FaultyHttp http;

    @BeforeEach
    void start() {
        zendesk = new ZendeskFake(EMAIL, TOKEN);
        http = new FaultyHttp(new JdkVendorHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(10)));
        zendeskContext = TestConnectorContext.builder().config(Map.of("portal", zendesk.baseUrl(),
                "agent_email", EMAIL, "api_token", TOKEN)).http(http).build();
    }

    @AfterEach
    void stop() {
        zendesk.close();
    }

    // ------------------------------------------------------------------ the options

    @Test
    void organizationsAreOffByDefaultAndNamedAfterTheNumber() {
        CallToTicketOptions defaults = CallToTicketOptions.from(options(Map.of()));
        assertThat(defaults.createOrganization()).isFalse();
        assertThat(defaults.organizationNameTemplate()).isEqualTo("{{phone}}");
        assertThat(flow.optionsSchema().field("organization_name_template").orElseThrow().variables())
                .extracting(v -> v.name()).contains("phone", "direction", "scheme", "line", "call_id");
        assertThat(flow.optionsSchema().field("custom_fields").orElseThrow().columns().get(1).choices())
                .extracting(c -> c.value()).containsExactly("ticket", "client", "organization");
    }

    // ------------------------------------------------------------------ a new caller

    @Test
    void aNewCallerGetsAnOrganizationTheClientIsPutInAndTheTicketCarriesIt() {
        String callId = "1714644000.600001";
        process(options(Map.of("create_organization", "true")), calls.incomingAnswered(callId, START, NUMBER, "201"));

        ZendeskFake.Organization organization = single(zendesk.organizations());
        assertThat(organization.name()).isEqualTo(E164);
        assertThat(organization.externalId()).isEqualTo("sb-org-" + NUMBER);
        ZendeskFake.User client = caller();
        assertThat(client.organizationId()).isEqualTo(organization.id());
        ZendeskFake.Ticket ticket = single(zendesk.tickets());
        assertThat(ticket.requesterId()).isEqualTo(client.id());
        assertThat(ticket.organizationId()).isEqualTo(organization.id());

        assertThat(created()).extracting(ListActivity.Created::what)
                .containsExactly("client", "organization", "ticket", "comment");
        assertThat(links.all()).containsEntry("organization " + E164, String.valueOf(organization.id()))
                .containsEntry("call-organization " + callId, String.valueOf(organization.id()))
                .containsEntry("client-organization " + client.id(), String.valueOf(organization.id()));
        assertThat(notes()).contains("Created organization '" + E164 + "' with number " + E164 + ".",
                "Client " + client.id() + " is now in organization '" + E164 + "' (" + organization.id() + ").");
    }

    @Test
    void theNameTemplateNamesTheOrganizationAndMappedCallDataGoesToItsFields() {
        zendesk.addOrganizationField("call_scheme", "Scheme", "text");
        process(options(Map.of("create_organization", "true",
                        "organization_name_template", "Caller {{phone}} via {{scheme}}",
                        "custom_fields", List.of(Map.of("attribute", "scheme", "target", "organization",
                                "field_id", "call_scheme")))),
                calls.incomingAnswered("1714644000.600002", START, NUMBER, "201"));

        ZendeskFake.Organization organization = single(zendesk.organizations());
        assertThat(organization.name()).isEqualTo("Caller " + E164 + " via Входящая");
        assertThat(organization.organizationFields()).containsEntry("call_scheme", "Входящая");
        assertThat(single(zendesk.tickets()).organizationId()).isEqualTo(organization.id());
    }

    // ------------------------------------------------------------------ existing organizations

    @Test
    void aClientAlreadyInAnOrganizationKeepsItAndNothingIsCreated() {
        long acme = zendesk.addOrganization("Acme Ltd");
        long ivan = zendesk.addEndUser("Ivan Petrov", "ivan@acme.test", E164);
        zendeskConnector.updateClient(String.valueOf(ivan),
                new ClientDraft(null, null, null, String.valueOf(acme), null, null), zendeskContext);

        process(options(Map.of("create_organization", "true")),
                calls.incomingAnswered("1714644000.600003", START, NUMBER, "201"));

        assertThat(zendesk.organizations()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(acme));
        assertThat(zendesk.user(ivan).orElseThrow().organizationId()).isEqualTo(acme);
        assertThat(single(zendesk.tickets()).organizationId()).isEqualTo(acme);
        assertThat(created()).extracting(ListActivity.Created::what).containsExactly("ticket", "comment");
        assertThat(notes()).contains("Client " + ivan + " is already in organization " + acme
                + "; it is used and no organization is created.");
    }

    @Test
    void anOrganizationFoundByNameIsReusedForANewCaller() {
        long existing = zendesk.addOrganization(E164);

        process(options(Map.of("create_organization", "true")),
                calls.incomingAnswered("1714644000.600004", START, NUMBER, "201"));

        assertThat(zendesk.organizations()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(existing));
        assertThat(caller().organizationId()).isEqualTo(existing);
        assertThat(single(zendesk.tickets()).organizationId()).isEqualTo(existing);
        assertThat(created()).extracting(ListActivity.Created::what).containsExactly("client", "ticket", "comment");
        assertThat(notes()).contains("Found organization '" + E164 + "' (" + existing + ").");
    }

    @Test
    void aKnownClientWithoutOrganizationIsPutInOneWhenTheOptionIsSwitchedOnLater() {
        process(options(Map.of()), calls.incomingAnswered("1714644000.600005", START, NUMBER, "201"));
        assertThat(zendesk.organizations()).isEmpty();

        process(options(Map.of("create_organization", "true", "new_ticket_every_call", "true")),
                calls.incomingAnswered("1714644000.600006", START + 600, NUMBER, "201"));

        ZendeskFake.Organization organization = single(zendesk.organizations());
        assertThat(caller().organizationId()).isEqualTo(organization.id());
        assertThat(zendesk.tickets()).hasSize(2).extracting(ZendeskFake.Ticket::organizationId)
                .containsExactly(null, organization.id());
    }

    // ------------------------------------------------------------------ option off, no capability, no client

    @Test
    void withTheOptionOffNoOrganizationIsTouched() {
        long acme = zendesk.addOrganization(E164);
        process(options(Map.of()), calls.incomingAnswered("1714644000.600007", START, NUMBER, "201"));

        assertThat(zendesk.organizations()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(acme));
        assertThat(caller().organizationId()).isNull();
        assertThat(single(zendesk.tickets()).organizationId()).isNull();
        assertThat(notes()).noneMatch(n -> n.toLowerCase().contains("organization"));
        assertThat(links.all().keySet()).noneMatch(k -> k.contains("organization"));
    }

    @Test
    void aHelpdeskWithoutOrganizationsGetsANoteOnceAndTheCallIsStillHandled() {
        String usedeskToken = "0e8f678d8327eb3292a28c8165957b282a1b2f8b";
        try (UsedeskFake usedesk = new UsedeskFake(usedeskToken)) {
            TestConnectorContext usedeskContext = TestConnectorContext.with(Map.of("api_token", usedeskToken,
                    "region", "custom", "base_url", usedesk.baseUrl()));
            List<CallEvent> events = events(calls.incomingAnswered("1714644000.600008", START, NUMBER, "201"));
            assertThat(events).hasSizeGreaterThan(1);
            ConfigValues options = options(Map.of("create_organization", "true"));
            events.forEach(e -> handle(e, options, new UsedeskConnector(), usedeskContext));

            assertThat(usedesk.clients()).hasSize(1);
            assertThat(usedesk.tickets()).singleElement().satisfies(t ->
                    assertThat(usedesk.comments(t.id())).anyMatch(c -> c.message().contains("Call id: ")));
            assertThat(notes()).filteredOn(n -> n.contains("organization")).containsExactly(
                    "Usedesk has no organizations, so 'Create organization' does nothing; the call is handled "
                            + "without one.");
        }
    }

    @Test
    void withoutAClientNoOrganizationIsCreated() {
        process(options(Map.of("create_organization", "true", "create_client", "false")),
                calls.incomingAnswered("1714644000.600009", START, NUMBER, "201"));

        assertThat(zendesk.organizations()).isEmpty();
        assertThat(single(zendesk.tickets()).organizationId()).isNull();
        assertThat(notes()).contains("The call has no client, so no organization is looked up or created.");
    }

    // ------------------------------------------------------------------ exactly once

    @Test
    void aReplayedCallCreatesNoSecondOrganization() {
        ConfigValues options = options(Map.of("create_organization", "true"));
        List<Hook> call = calls.incomingAnswered("1714644000.600010", START, NUMBER, "201");
        process(options, call);
        process(options, call);

        ZendeskFake.Organization organization = single(zendesk.organizations());
        assertThat(caller().organizationId()).isEqualTo(organization.id());
        assertThat(single(zendesk.tickets()).organizationId()).isEqualTo(organization.id());
    }

    @Test
    void aRetryAfterAFailureBeforeTheClientWasLinkedLinksItToTheSameOrganization() {
        ConfigValues options = options(Map.of("create_organization", "true"));
        String callId = "1714644000.600011";
        List<CallEvent> events = events(calls.incomingAnswered(callId, START, NUMBER, "201"));
        http.failBefore("PUT", "/api/v2/users/");

        assertThatThrownBy(() -> handle(events.get(0), options)).isInstanceOf(TransientVendorException.class);
        long organizationId = single(zendesk.organizations()).id();
        assertThat(caller().organizationId()).isNull();
        assertThat(links.all()).doesNotContainKey("call-organization " + callId);

        events.forEach(e -> handle(e, options));

        assertThat(zendesk.organizations()).singleElement()
                .satisfies(o -> assertThat(o.id()).isEqualTo(organizationId));
        assertThat(caller().organizationId()).isEqualTo(organizationId);
        assertThat(single(zendesk.tickets()).organizationId()).isEqualTo(organizationId);
        assertThat(notes()).contains("Organization '" + E164 + "' (" + organizationId + ") is known from an earlier "
                + "call.");
    }

    @Test
    void aRetryAfterTheCreationsAnswerWasLostFindsTheOrganizationByName() {
        ConfigValues options = options(Map.of("create_organization", "true"));
        String callId = "1714644000.600012";
        List<CallEvent> events = events(calls.incomingAnswered(callId, START, NUMBER, "201"));
        http.loseAnswerOf("POST", "/api/v2/organizations");

        assertThatThrownBy(() -> handle(events.get(0), options)).isInstanceOf(TransientVendorException.class);
        assertThat(zendesk.organizations()).hasSize(1);
        assertThat(links.all().keySet()).noneMatch(k -> k.startsWith("organization "));

        events.forEach(e -> handle(e, options));

        long organizationId = single(zendesk.organizations()).id();
        assertThat(caller().organizationId()).isEqualTo(organizationId);
        assertThat(single(zendesk.tickets()).organizationId()).isEqualTo(organizationId);
        assertThat(notes()).contains("Found organization '" + E164 + "' (" + organizationId + ").");
    }

    @Test
    void aSecondCallFromTheSameNumberUsesTheOrganizationOfTheFirst() {
        ConfigValues options = options(Map.of("create_organization", "true", "new_ticket_every_call", "true"));
        process(options, calls.incomingAnswered("1714644000.600013", START, NUMBER, "201"));
        process(options, calls.incomingMissed("1714644000.600014", START + 600, NUMBER, "201"));

        ZendeskFake.Organization organization = single(zendesk.organizations());
        assertThat(zendesk.tickets()).hasSize(2).allSatisfy(t ->
                assertThat(t.organizationId()).isEqualTo(organization.id()));
    }

    @Test
    void aClientTheSearchCannotFindIsNotPutInAnOrganization() {
        zendesk.simulateSearchLag(true);
        process(options(Map.of()), calls.incomingAnswered("1714644000.600015", START, NUMBER, "201"));
        long clientId = caller().id();

        process(options(Map.of("create_organization", "true", "new_ticket_every_call", "true")),
                calls.incomingAnswered("1714644000.600016", START + 600, NUMBER, "201"));

        assertThat(zendesk.organizations()).isEmpty();
        assertThat(caller().organizationId()).isNull();
        assertThat(notes()).contains("Zendesk does not find client " + clientId + " by number " + E164
                + ", so whether it is in an organization cannot be told; no organization is created or linked.");
    }

    // ------------------------------------------------------------------ helpers

    private ConfigValues options(Map<String, ?> input) {
        return TestFlowRun.savedOptions(flow, input);
    }

    private List<CallEvent> events(List<Hook> hooks) {
        return SipuniHooks.events(sipuni, sipuniContext, SIPUNI_SECRET, hooks);
    }

    private void process(ConfigValues options, List<Hook> hooks) {
        events(hooks).forEach(event -> handle(event, options));
    }

    private void handle(CallEvent event, ConfigValues options) {
        handle(event, options, zendeskConnector, zendeskContext);
    }

    private void handle(CallEvent event, ConfigValues options, HelpdeskConnector connector,
                        ConnectorContext context) {
        TestFlowRun run = new TestFlowRun(options, connector, context, links, clock);
        activities.add(run.activity());
        flow.handle(event, run);
    }

    /** The one end user (the caller). */
    private ZendeskFake.User caller() {
        return single(zendesk.users().stream().filter(u -> u.role().equals("end-user")).toList());
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private List<String> notes() {
        return activities.stream().flatMap(a -> a.notes().stream()).toList();
    }

    private List<ListActivity.Created> created() {
        return activities.stream().flatMap(a -> a.created().stream()).toList();
    }

    /**
     * The Zendesk connector's HTTP client with one fault, fired once: a failure before a request (method and path
     * prefix) reaches the fake, or a lost answer after the fake did the work (the "vendor stored it, the flow never
     * heard" case).
     */
    private static final class FaultyHttp implements VendorHttpClient {

        private final VendorHttpClient delegate;
        private final AtomicReference<String> failBefore = new AtomicReference<>();
        private final AtomicReference<String> loseAnswer = new AtomicReference<>();

        FaultyHttp(VendorHttpClient delegate) {
            this.delegate = delegate;
        }

        void failBefore(String method, String pathPrefix) {
            failBefore.set(method + " " + pathPrefix);
        }

        void loseAnswerOf(String method, String path) {
            loseAnswer.set(method + " " + path);
        }

        @Override
        public VendorResponse send(VendorRequest request) {
            String call = request.method() + " " + request.uri().getPath();
            String before = failBefore.get();
            if (before != null && call.startsWith(before) && failBefore.compareAndSet(before, null)) {
                throw new TransientVendorException("Could not reach 127.0.0.1: connection reset");
            }
            VendorResponse response = delegate.send(request);
            String lost = loseAnswer.get();
            if (lost != null && call.equals(lost) && loseAnswer.compareAndSet(lost, null)) {
                throw new TransientVendorException("Could not reach 127.0.0.1: HttpTimeoutException");
            }
            return response;
        }
    }
}
