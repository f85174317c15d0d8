package io.switchboard.platform.flow.calltoticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.flow.TestFlowRun;
import io.switchboard.platform.flow.TestFlowRun.ListActivity;
import io.switchboard.platform.flow.TestFlowRun.MapLinks;
import io.switchboard.plugins.ringostat.RingostatConnector;
import io.switchboard.plugins.zendesk.ZendeskConnector;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.http.JdkVendorHttpClient;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.ringostat.fake.RingostatApiFake;
import io.switchboard.plugins.ringostat.fake.RingostatEvents;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Agent;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Hook;
import io.switchboard.plugins.ringostat.fake.RingostatEvents.Utm;
import io.switchboard.plugins.zendesk.fake.ZendeskFake;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ringostat → Zendesk at the unit level, for the caller card: real Ringostat webhooks ({@link RingostatEvents})
 * parsed by the real {@link RingostatConnector}, handled by the flow, which drives the real {@link ZendeskConnector}
 * against {@link ZendeskFake} and pushes the caller card through the same Ringostat connector — the flow's source —
 * to {@link RingostatApiFake} ({@code POST /minicrm/contacts/sync}). Links are shared between runs, as the pipeline's
 * durable links are.
 */
class CallToTicketRingostatTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String EMAIL = "agent@acme.test";
    private static final String TOKEN = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";
    private static final String SECRET = "ringostat-webhook-secret-01";
    private static final String AUTH_KEY = "0123456789abcdef0123456789abcdef";
    private static final String PROJECT = "12345";
    private static final String CLIENT = "380671234567";
    private static final LocalDateTime START = LocalDateTime.of(2024, 6, 1, 10, 15, 42);
    private static final Agent OLENA = Agent.of("101", "45121", "Olena K.");

    private final CallToTicketFlow flow = new CallToTicketFlow(changed -> { });
    private final RingostatConnector ringostat = new RingostatConnector();
    private final ZendeskConnector zendeskConnector = new ZendeskConnector();
    private final RingostatEvents calls = RingostatEvents.forLine("380443334455");
    private final Clock clock = Clock.fixed(Instant.parse("2024-06-01T08:00:00Z"), ZoneOffset.UTC);
    private final MapLinks links = new MapLinks();
    private final List<ListActivity> activities = new ArrayList<>();
    private ZendeskFake zendesk;
    private RingostatApiFake smartPhone;
    private TestConnectorContext zendeskContext;

    @BeforeEach
    void start() {
        zendesk = new ZendeskFake(EMAIL, TOKEN);
        smartPhone = new RingostatApiFake(AUTH_KEY, PROJECT);
        zendeskContext = TestConnectorContext.builder().config(Map.of("portal", zendesk.baseUrl(),
                "agent_email", EMAIL, "api_token", TOKEN)).http(http()).build();
    }

    @AfterEach
    void stop() {
        zendesk.close();
        smartPhone.close();
    }

    @Test
    void aNewCallersNameAndTheLinksToClientAndTicketArePushedToSmartPhoneOncePerCall() {
        String callId = "1717236942.1234567";
        process(pushing(), options(Map.of()), calls.incomingAnswered(callId, START, CLIENT, OLENA, Utm.google()));

        ZendeskFake.User client = caller();
        ZendeskFake.Ticket ticket = single(zendesk.tickets());
        assertThat(smartPhone.pushedContacts()).as("one push for the call's three events").singleElement()
                .satisfies(card -> {
                    assertThat(card.fullName()).isEqualTo(client.name());
                    assertThat(card.externalId()).isEqualTo(String.valueOf(client.id()));
                    assertThat(card.contactLink()).startsWith(zendesk.baseUrl()).contains(String.valueOf(client.id()));
                    assertThat(card.leadLink()).startsWith(zendesk.baseUrl()).contains(String.valueOf(ticket.id()));
                    assertThat(card.phones()).containsExactly(CLIENT);
                });
        assertThat(links.all()).containsKey("call-caller-card " + callId);
        assertThat(notes()).anySatisfy(n -> assertThat(n).startsWith("Sent the caller card")
                .contains(client.name()));
    }

    @Test
    void aRepeatCallerKnownByTheLinkIsPushedWithTheNameTheHelpdeskHasAndTheOpenTicket() {
        process(pushing(), options(Map.of()), calls.incomingAnswered("1.1", START, CLIENT, OLENA, Utm.none()));
        process(pushing(), options(Map.of()), calls.incomingAnswered("1.2", START.plusHours(1), CLIENT, OLENA,
                Utm.none()));

        ZendeskFake.Ticket ticket = single(zendesk.tickets());
        assertThat(smartPhone.pushedContacts()).hasSize(2);
        assertThat(smartPhone.contacts()).singleElement().satisfies(card -> {
            assertThat(card.fullName()).isEqualTo(caller().name());
            assertThat(card.leadLink()).contains(String.valueOf(ticket.id()));
        });
    }

    @Test
    void withoutTicketsEveryEventSettlesAgainButTheSameCardIsPushedOnce() {
        long id = zendesk.addUser("Іван Петренко", null, "+" + CLIENT, "end-user");
        process(pushing(), options(Map.of("create_ticket", "false")),
                calls.incomingAnswered("2.1", START, CLIENT, OLENA, Utm.none()));

        assertThat(zendesk.tickets()).isEmpty();
        assertThat(smartPhone.pushedContacts()).singleElement().satisfies(card -> {
            assertThat(card.fullName()).isEqualTo("Іван Петренко");
            assertThat(card.externalId()).isEqualTo(String.valueOf(id));
            assertThat(card.leadLink()).isNull();
        });
    }

    @Test
    void aFailedPushIsNotedAndTheCallGoesOn() {
        smartPhone.failNext(1, 503);
        process(pushing(), options(Map.of()), calls.incomingAnswered("3.1", START, CLIENT, OLENA, Utm.none()));

        assertThat(zendesk.tickets()).hasSize(1);
        assertThat(smartPhone.pushedContacts()).isEmpty();
        assertThat(links.all()).doesNotContainKey("call-caller-card 3.1");
        assertThat(notes()).anySatisfy(n -> assertThat(n).startsWith("The caller card could not be sent to "
                + "Ringostat").contains("503"));
    }

    @Test
    void withoutTheProjectIdNothingIsPushedAndTheActivitySaysSo() {
        process(ringostatContext(Map.of("api_key", AUTH_KEY)), options(Map.of()),
                calls.incomingAnswered("4.1", START, CLIENT, OLENA, Utm.none()));

        assertThat(zendesk.tickets()).hasSize(1);
        assertThat(smartPhone.requests()).isEmpty();
        assertThat(notes()).anySatisfy(n -> assertThat(n).contains("not set up to receive caller cards"));
    }

    // ------------------------------------------------------------------ helpers

    private TestConnectorContext pushing() {
        return ringostatContext(Map.of("api_key", AUTH_KEY, "project_id", PROJECT));
    }

    private TestConnectorContext ringostatContext(Map<String, String> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("webhook_secret", SECRET);
        config.put("api_url", smartPhone.baseUrl());
        return TestConnectorContext.builder().config(config).http(http()).build();
    }

    private static JdkVendorHttpClient http() {
        return new JdkVendorHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    private ConfigValues options(Map<String, ?> input) {
        Map<String, Object> all = new HashMap<>(input);
        all.put("phone_region", "UA");
        return TestFlowRun.savedOptions(flow, all);
    }

    private void process(TestConnectorContext ringostatContext, ConfigValues options, List<Hook> hooks) {
        for (Hook hook : hooks) {
            for (CallEvent event : ringostat.parse(hook.asJson(SECRET), ringostatContext).events()) {
                TestFlowRun run = new TestFlowRun(options, ringostat, ringostatContext, zendeskConnector,
                        zendeskContext, links, clock);
                activities.add(run.activity());
                flow.handle(event, run);
            }
        }
    }

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
}
