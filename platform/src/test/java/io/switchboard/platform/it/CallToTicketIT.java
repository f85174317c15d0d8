package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's call-to-ticket rules (issue #6) end to end: real Sipuni webhooks over HTTP into the
 * platform, the real Sipuni and Usedesk plugin jars, the CallToTicket flow run by the pipeline, and the Usedesk fake
 * over HTTP, whose state each test inspects. Each test makes its own Sipuni connection and flow with the options
 * of its rule (one tenant and one Usedesk connection are shared) and uses numbers of its own.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class CallToTicketIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String USEDESK_TOKEN = "usedesk-token-" + UUID.randomUUID();
    private static final UsedeskFake USEDESK = new UsedeskFake(USEDESK_TOKEN);
    private static final SipuniEvents SIPUNI = SipuniEvents.forAccount("070196");
    /** 2026-03-24 17:30:36 UTC = 20:30 in Moscow, the flow's default zone. */
    private static final long START = 1774373436L;
    private static final long DUTY_AGENT = 1;
    private static final long SALES_AGENT = 2;
    private static final AtomicLong NUMBERS = new AtomicLong(1_000_000 + (long) (Math.random() * 8_000_000));
    private static Tenant tenant;

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    /** The shared tenant: its admin and its Usedesk connection. */
    record Tenant(ApiClient admin, String usedesk) {
    }

    /** A Sipuni connection with one CallToTicket flow into the shared Usedesk connection. */
    record Line(String sipuni, String hookUrl, String secret) {
    }

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFake() {
        USEDESK.close();
    }

    @Test
    void aCallFromANewNumberCreatesTheClientATicketInStatusNewAndTheCallComment() throws Exception {
        Line line = line(json());
        String callId = callId();
        String phone = newNumber();

        call(line, callId, SIPUNI.incomingAnswered(callId, START, phone, "202"));

        UsedeskFake.Ticket ticket = onlyTicketOf(callId);
        assertThat(ticket.status()).as("New").isEqualTo(8);
        UsedeskFake.Client client = clientWithNumber(phone);
        assertThat(client.name()).isEqualTo("+" + phone);
        assertThat(ticket.clientId()).isEqualTo(client.id());
        assertThat(ticket.assigneeId()).as("the answering agent").isEqualTo(SALES_AGENT);
        assertThat(USEDESK.comments(ticket.id())).extracting(UsedeskFake.Comment::message)
                .anySatisfy(text -> assertThat(text).contains("Incoming call, answered", "Client: +" + phone,
                        "Duration: 1:10, talk 1:00", "Answered by: Boris Sales"));
    }

    @Test
    void twoCallsFromOneNewNumberAtTheSameMomentMakeOneClient() throws Exception {
        Line line = line(json().put("phone_format", "international"));
        String phone = newNumber();
        String first = callId();
        String second = callId();
        List<SipuniEvents.Hook> firstHooks = SIPUNI.incomingAnswered(first, START, phone, "202");
        List<SipuniEvents.Hook> secondHooks = SIPUNI.incomingAnswered(second, START + 5, phone, "202");
        // A slow client search keeps the first call's event in the client step while the second's starts: without
        // a claim on the number both would miss the client and both create one.
        USEDESK.delay("/clients", Duration.ofMillis(700));
        try {
            send(line, firstHooks.get(0));
            send(line, secondHooks.get(0));
            for (SipuniEvents.Hook hook : firstHooks.subList(1, firstHooks.size())) {
                send(line, hook);
            }
            for (SipuniEvents.Hook hook : secondHooks.subList(1, secondHooks.size())) {
                send(line, hook);
            }
            Inbox.awaitAllFinished(first, Duration.ofSeconds(60));
            Inbox.awaitAllFinished(second, Duration.ofSeconds(60));
        } finally {
            USEDESK.delay("/clients", Duration.ZERO);
        }

        assertThat(Inbox.states(first)).containsOnly("DONE");
        assertThat(Inbox.states(second)).containsOnly("DONE");
        UsedeskFake.Client client = clientWithNumber(phone);
        // Whichever call got the client first made the ticket; the other may have commented there (its status is
        // a selected one).
        List<UsedeskFake.Ticket> tickets = new ArrayList<>(ticketsOf(first));
        tickets.addAll(ticketsOf(second));
        assertThat(tickets).isNotEmpty().allSatisfy(t -> assertThat(t.clientId()).isEqualTo(client.id()));
        assertThat(notes(line, first).stream().filter(n -> n.startsWith("Created client")).count()
                + notes(line, second).stream().filter(n -> n.startsWith("Created client")).count()).isEqualTo(1);
    }

    @Test
    void aKnownNumberWithATicketInASelectedStatusGetsACommentThereAndNoNewTicket() throws Exception {
        Line line = line(json().set("search_statuses", array("1", "6")));
        String phone = newNumber();
        long client = USEDESK.addClient("Known Client", null, "+" + phone);
        long open = USEDESK.addTicket(client, "Earlier question", 1, null);
        String callId = callId();

        call(line, callId, SIPUNI.incomingAnswered(callId, START, phone, "202"));

        assertThat(ticketsOf(callId)).as("no ticket created for the call").isEmpty();
        assertThat(USEDESK.tickets().stream().filter(t -> Long.valueOf(client).equals(t.clientId()))).hasSize(1);
        assertThat(USEDESK.comments(open)).extracting(UsedeskFake.Comment::message)
                .anySatisfy(text -> assertThat(text).contains("Incoming call, answered"));
        assertThat(USEDESK.clients().stream().filter(c -> ("+" + phone).equals(c.phone()))).hasSize(1);
    }

    @Test
    void aTicketOnlyInAnUnselectedStatusDoesNotCountAndANewTicketIsCreated() throws Exception {
        Line line = line(json().set("search_statuses", array("1")));
        String phone = newNumber();
        long client = USEDESK.addClient("Waiting Client", null, "+" + phone);
        long pending = USEDESK.addTicket(client, "Waiting for the client", 6, null);
        String callId = callId();

        call(line, callId, SIPUNI.incomingAnswered(callId, START, phone, "202"));

        UsedeskFake.Ticket created = onlyTicketOf(callId);
        assertThat(created.clientId()).as("the known client, not a new one").isEqualTo(client);
        assertThat(created.status()).isEqualTo(8);
        assertThat(USEDESK.comments(pending)).as("the pending ticket is left alone").isEmpty();
    }

    @Test
    void withANewTicketOnEveryCallEachCallGetsItsOwnTicketEvenWithAnOpenOne() throws Exception {
        Line line = line(json().put("new_ticket_every_call", true));
        String phone = newNumber();
        long client = USEDESK.addClient("Frequent Caller", null, "+" + phone);
        long open = USEDESK.addTicket(client, "Open already", 1, null);
        String first = callId();
        String second = callId();

        call(line, first, SIPUNI.incomingAnswered(first, START, phone, "202"));
        call(line, second, SIPUNI.incomingAnswered(second, START + 600, phone, "202"));

        assertThat(onlyTicketOf(first).id()).isNotEqualTo(onlyTicketOf(second).id());
        assertThat(onlyTicketOf(first).clientId()).isEqualTo(client);
        assertThat(onlyTicketOf(second).clientId()).isEqualTo(client);
        assertThat(USEDESK.comments(open)).isEmpty();
    }

    @Test
    void withClientCreationOffTheTicketIsCreatedWithoutAClient() throws Exception {
        Line line = line(json().put("create_client", false));
        String phone = newNumber();
        String callId = callId();

        call(line, callId, SIPUNI.incomingAnswered(callId, START, phone, "202"));

        assertThat(onlyTicketOf(callId).clientId()).isNull();
        assertThat(USEDESK.clients()).noneMatch(c -> c.phone() != null && c.phone().endsWith(phone.substring(1)));
    }

    @Test
    void aMissedCallGoesToTheOnDutyAgent() throws Exception {
        Line line = line(json().put("duty_agent", String.valueOf(DUTY_AGENT)));
        String callId = callId();

        call(line, callId, SIPUNI.incomingMissed(callId, START, newNumber(), "202", "203"));

        UsedeskFake.Ticket ticket = onlyTicketOf(callId);
        assertThat(ticket.assigneeId()).isEqualTo(DUTY_AGENT);
        assertThat(USEDESK.comments(ticket.id())).extracting(UsedeskFake.Comment::message)
                .anySatisfy(text -> assertThat(text).contains("Incoming call, missed"));
    }

    @Test
    void aMissedCallGoesToTheFirstEmployeeItRangToWhenThatOptionIsOn() throws Exception {
        Line line = line(json().put("duty_agent", String.valueOf(DUTY_AGENT)).put("first_rung_responsible", true));
        String callId = callId();

        call(line, callId, SIPUNI.incomingMissed(callId, START, newNumber(), "202", "203"));

        assertThat(onlyTicketOf(callId).assigneeId()).as("the agent of extension 202, rung first")
                .isEqualTo(SALES_AGENT);
    }

    @Test
    void aCallInASchemeThatIsNotSelectedIsIgnoredWithANote() throws Exception {
        Line line = line(json().put("scheme_filter", "selected").set("schemes", rows("scheme", "Sales")));
        String callId = callId();
        String phone = newNumber();

        call(line, callId, SIPUNI.incomingAnswered(callId, START, phone, "202"));

        assertThat(ticketsOf(callId)).isEmpty();
        assertThat(USEDESK.clients()).noneMatch(c -> c.phone() != null && c.phone().endsWith(phone.substring(1)));
        assertThat(notes(line, callId)).anySatisfy(note -> assertThat(note).contains("is not selected"));
    }

    @Test
    void aCallTransferredIntoASelectedTransferSchemeIsProcessed() throws Exception {
        ObjectNode options = json().put("scheme_filter", "selected");
        options.set("schemes", rows("scheme", "Sales"));
        options.set("transfer_schemes", rows("scheme", "Support"));
        Line line = line(options);
        String callId = callId();
        List<SipuniEvents.Hook> hooks = new ArrayList<>();
        List<SipuniEvents.Hook> transferred = SIPUNI.transferred(callId, START, newNumber(), "202", "203");
        for (int i = 0; i < transferred.size(); i++) {
            // The call comes in through a distributor scheme and moves to "Support" at the second employee.
            hooks.add(i < 2 ? transferred.get(i) : transferred.get(i).with("treeName", "Support"));
        }

        call(line, callId, hooks);

        assertThat(ticketsOf(callId)).hasSize(1);
        assertThat(notes(line, callId)).anySatisfy(note -> assertThat(note).contains("transferred to scheme 'Support'"));
    }

    @Test
    void theNumberIsStoredInTheChosenFormat() throws Exception {
        Line line = line(json().put("phone_format", "national"));
        String callId = callId();
        String phone = newNumber(); // 7916xxxxxxx

        call(line, callId, SIPUNI.incomingAnswered(callId, START, phone, "202"));

        String national = "8 (916) " + phone.substring(4, 7) + "-" + phone.substring(7, 9) + "-" + phone.substring(9);
        UsedeskFake.Client client = clientWithNumber(phone);
        assertThat(client.phone()).isEqualTo(national);
        assertThat(client.name()).isEqualTo(national);
    }

    @Test
    void theTemplatesRenderTheDocumentedVariables() throws Exception {
        Line line = line(json()
                .put("client_name_template", "Caller {{phone}} via {{line}}")
                .put("ticket_subject_template", "{{direction}} call from {{phone}} on {{date}} at {{time}} to {{extension}}")
                .put("ticket_tag_template", "phone, {{scheme}}, {{status}}"));
        String callId = callId();
        String phone = newNumber();

        call(line, callId, SIPUNI.incomingMissed(callId, START, phone, "202"));

        UsedeskFake.Ticket ticket = onlyTicketOf(callId);
        String dialled = SIPUNI.incomingMissed(callId, START, phone, "202").get(0).param("pbxdstnum");
        assertThat(clientWithNumber(phone).name()).isEqualTo("Caller +" + phone + " via +" + dialled);
        assertThat(ticket.subject()).isEqualTo("incoming call from +" + phone + " on 24.03.2026 at 20:30 to 202");
        assertThat(ticket.tags()).as("tags rendered at creation, and {{status}} again at the end")
                .contains("phone", SipuniEvents.INCOMING_SCHEME, "missed");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Tenant tenant() {
        if (tenant == null) {
            USEDESK.addAgent(DUTY_AGENT, "Anna Duty", "anna@acme.test");
            USEDESK.addAgent(SALES_AGENT, "Boris Sales", "boris@acme.test");
            ApiClient admin = ApiClient.newTenant(base, "calls", PASSWORD).api();
            assertThat(admin.put("/api/v1/catalogue/sipuni", null).status()).isEqualTo(204);
            assertThat(admin.put("/api/v1/catalogue/usedesk", null).status()).isEqualTo(204);
            Answer usedesk = admin.post("/api/v1/connections", json().put("connector", "usedesk").put("name", "Desk")
                    .set("settings", json().put("api_token", USEDESK_TOKEN).put("region", "custom")
                            .put("base_url", USEDESK.baseUrl())));
            assertThat(usedesk.status()).as(usedesk.body()).isEqualTo(201);
            tenant = new Tenant(admin, usedesk.json().path("id").asText());
        }
        return tenant;
    }

    @Test
    void aPutChangesWhatItNamesAndKeepsTheRest() {
        // Before (#25): an omitted "enabled" switched a disabled flow back on and omitted options fell to defaults.
        Line line = line(json().put("new_ticket_every_call", true));
        Answer flows = tenant().admin().get("/api/v1/flows");
        String id = null;
        for (var flow : flows.json()) {
            if (flow.path("source").asText().equals(line.sipuni())) {
                id = flow.path("id").asText();
            }
        }
        assertThat(id).isNotNull();
        Answer disabled = tenant().admin().put("/api/v1/flows/" + id, json().put("enabled", false));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        Answer renamed = tenant().admin().put("/api/v1/flows/" + id, json().put("name", "Renamed " + id));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        Answer read = tenant().admin().get("/api/v1/flows/" + id);
        assertThat(read.json().path("enabled").asBoolean()).as(read.body()).isFalse();
        assertThat(read.json().path("name").asText()).isEqualTo("Renamed " + id);
        assertThat(read.json().path("options").path("new_ticket_every_call").asBoolean()).as(read.body()).isTrue();
        assertThat(read.json().path("options").path("agents")).as(read.body()).hasSize(2);
    }

    /** A new Sipuni connection and a flow from it with these options plus extension 202 → Boris, 203 → Anna. */
    private Line line(ObjectNode options) {
        Tenant t = tenant();
        String secret = "sipuni-" + UUID.randomUUID();
        Answer sipuni = t.admin().post("/api/v1/connections", json().put("connector", "sipuni")
                .put("name", "PBX " + secret.substring(7, 15)).set("settings", json().put("webhook_secret", secret)));
        assertThat(sipuni.status()).as(sipuni.body()).isEqualTo(201);
        ArrayNode agents = ApiClient.JSON.createArrayNode();
        agents.addObject().put("agent", String.valueOf(SALES_AGENT)).put("extension", "202");
        agents.addObject().put("agent", String.valueOf(DUTY_AGENT)).put("extension", "203");
        if (!options.has("agents")) {
            options.set("agents", agents);
        }
        Answer flow = t.admin().post("/api/v1/flows", json().put("type", "call-to-ticket")
                .put("name", "Calls " + secret.substring(7, 15)).put("source", sipuni.json().path("id").asText())
                .put("target", t.usedesk()).set("options", options));
        assertThat(flow.status()).as(flow.body()).isEqualTo(201);
        return new Line(sipuni.json().path("id").asText(), sipuni.json().path("inboundUrl").asText(), secret);
    }

    private void send(Line line, SipuniEvents.Hook hook) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(line.hookUrl() + "?token="
                        + line.secret())).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(hook.formBody())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** Sends the call's webhooks as Sipuni POSTs them and waits until the pipeline has finished every one. */
    private void call(Line line, String callId, List<SipuniEvents.Hook> hooks) throws Exception {
        for (SipuniEvents.Hook hook : hooks) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(line.hookUrl() + "?token="
                            + line.secret())).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(hook.formBody())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        Inbox.awaitAllFinished(callId, Duration.ofSeconds(60));
        assertThat(Inbox.states(callId)).as("every event of the call processed").containsOnly("DONE");
    }

    private List<String> notes(Line line, String callId) {
        List<String> notes = new ArrayList<>();
        for (JsonNode entry : tenant().admin().get("/api/v1/activity?connection=" + line.sipuni()).json()) {
            if (callId.equals(entry.path("orderingKey").asText())) {
                entry.path("notes").forEach(n -> notes.add(n.asText()));
            }
        }
        return notes;
    }

    private static List<UsedeskFake.Ticket> ticketsOf(String callId) {
        return USEDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.additionalId())).toList();
    }

    private static UsedeskFake.Ticket onlyTicketOf(String callId) {
        List<UsedeskFake.Ticket> tickets = ticketsOf(callId);
        assertThat(tickets).as("exactly one ticket for call " + callId).hasSize(1);
        return tickets.get(0);
    }

    private static UsedeskFake.Client clientWithNumber(String phone) {
        List<UsedeskFake.Client> found = USEDESK.clients().stream()
                .filter(c -> c.phone() != null && c.phone().replaceAll("\\D", "").endsWith(phone.substring(1))).toList();
        assertThat(found).as("exactly one client with number " + phone).hasSize(1);
        return found.get(0);
    }

    private static String callId() {
        return "call-" + UUID.randomUUID();
    }

    /** @return a Moscow mobile number in Sipuni's form (11 digits, leading 7), unused by other tests */
    private static String newNumber() {
        return "7916" + NUMBERS.incrementAndGet();
    }

    private static ArrayNode array(String... values) {
        ArrayNode array = ApiClient.JSON.createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    private static ArrayNode rows(String column, String... values) {
        ArrayNode rows = ApiClient.JSON.createArrayNode();
        for (String value : values) {
            rows.addObject().put(column, value);
        }
        return rows;
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
