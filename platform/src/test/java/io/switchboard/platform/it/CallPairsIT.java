package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.plugins.ringostat.fake.RingostatEvents;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import io.switchboard.plugins.zendesk.fake.ZendeskFake;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
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
 * Issue #7: the one CallToTicket flow across telephony/helpdesk pairs with no pair-specific code — Sipuni → Zendesk,
 * Ringostat → Usedesk, Ringostat → Zendesk (UTM tags into custom fields, user + organization + ticket linked) — with
 * the real plugin jars and both
 * vendor fakes over HTTP; and Zendesk's signed webhooks: a wrong or missing signature is refused and stores nothing.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class CallPairsIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String USEDESK_TOKEN = "usedesk-token-" + UUID.randomUUID();
    private static final String ZENDESK_TOKEN = "zendesk-token-" + UUID.randomUUID();
    private static final String ZENDESK_SIGNING = "zendesk-signing-" + UUID.randomUUID();
    private static final UsedeskFake USEDESK = new UsedeskFake(USEDESK_TOKEN).addAgent(2, "Boris Sales", "boris@acme.test");
    private static final ZendeskFake ZENDESK = new ZendeskFake("integration@acme.test", ZENDESK_TOKEN);
    private static final long ZENDESK_AGENT = ZENDESK.addAgent("Boris Sales", "boris@acme.test");
    private static final long ANNA = ZENDESK.addAgent("Anna Duty", "anna@acme.test");
    private static final long SENIOR = ZENDESK.addAgent("Irina Senior", "irina@acme.test");
    private static final long UTM_FIELD = ZENDESK.addTicketField("UTM source", "text");
    private static final RingostatEvents RINGOSTAT = RingostatEvents.forLine("380441234567");
    private static final AtomicLong NUMBERS = new AtomicLong(1_000_000 + (long) (Math.random() * 8_000_000));
    private static ApiClient admin;

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    /** A connection as the tests use it: id, inbound URL and the secret the vendor adds. */
    record Line(String id, String inboundUrl, String secret) {
    }

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFakes() {
        USEDESK.close();
        ZENDESK.close();
    }

    @Test
    void sipuniCallsBecomeZendeskUsersAndTickets() throws Exception {
        Line sipuni = telephony("sipuni");
        Line zendesk = zendesk();
        flow(sipuni, zendesk, agents(String.valueOf(ZENDESK_AGENT), "202"));
        String callId = "call-" + UUID.randomUUID();
        String phone = "7916" + NUMBERS.incrementAndGet();

        for (SipuniEvents.Hook hook : SipuniEvents.forAccount("070196").incomingAnswered(callId, 1774373436L, phone, "202")) {
            deliver(URI.create(sipuni.inboundUrl() + "?" + hook.queryString(sipuni.secret())), "GET", null, null);
        }
        Inbox.awaitAllFinished(callId, Duration.ofSeconds(60));
        assertThat(Inbox.states(callId)).containsOnly("DONE");

        ZendeskFake.Ticket ticket = ZENDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.externalId()))
                .findFirst().orElseThrow(() -> new AssertionError("no Zendesk ticket for " + callId));
        ZendeskFake.User requester = ZENDESK.user(ticket.requesterId()).orElseThrow();
        assertThat(requester.phone()).isEqualTo("+" + phone);
        assertThat(ticket.assigneeId()).as("the agent of extension 202 answered").isEqualTo(ZENDESK_AGENT);
        assertThat(ZENDESK.comments(ticket.id())).anySatisfy(c -> {
            assertThat(c.body()).contains("Incoming call, answered");
            assertThat(c.isPublic()).as("internal note by default").isFalse();
        });
    }

    @Test
    void ringostatCallsBecomeUsedeskClientsAndTicketsWithUtmInACustomField() throws Exception {
        Line ringostat = telephony("ringostat");
        Line usedesk = usedesk();
        ObjectNode options = agents("2", "202");
        ArrayNode fields = options.putArray("custom_fields");
        fields.addObject().put("attribute", "utm_source").put("target", "ticket").put("field_id", "4477");
        flow(ringostat, usedesk, options);
        String callId = "rs-" + UUID.randomUUID();
        String phone = "38067" + NUMBERS.incrementAndGet();

        sendRingostat(ringostat, RINGOSTAT.incomingAnswered(callId, LocalDateTime.of(2026, 3, 24, 10, 15), phone,
                RingostatEvents.Agent.of("202", "17", "Boris Sales"), RingostatEvents.Utm.google()));
        Inbox.awaitAllFinished(callId, Duration.ofSeconds(60));
        assertThat(Inbox.states(callId)).containsOnly("DONE");

        UsedeskFake.Ticket ticket = USEDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.additionalId()))
                .findFirst().orElseThrow(() -> new AssertionError("no Usedesk ticket for " + callId));
        assertThat(ticket.customFields()).containsEntry(4477L, "google");
        assertThat(ticket.assigneeId()).isEqualTo(2L);
        assertThat(USEDESK.clients()).anySatisfy(c -> assertThat(c.phone()).isEqualTo("+" + phone));
        assertThat(USEDESK.comments(ticket.id())).anySatisfy(c -> assertThat(c.message()).contains("Incoming call, answered"));
    }

    @Test
    void ringostatCallsBecomeZendeskTicketsWithUtmAndAKnownCallerOnlyGetsAComment() throws Exception {
        Line ringostat = telephony("ringostat");
        Line zendesk = zendesk();
        ObjectNode options = agents(String.valueOf(ZENDESK_AGENT), "202");
        options.putArray("custom_fields").addObject().put("attribute", "utm_source").put("target", "ticket")
                .put("field_id", String.valueOf(UTM_FIELD));
        options.put("create_organization", true).put("organization_name_template", "Caller {{phone}}");
        flow(ringostat, zendesk, options);
        String phone = "38067" + NUMBERS.incrementAndGet();
        String first = "rs-" + UUID.randomUUID();
        String second = "rs-" + UUID.randomUUID();
        RingostatEvents.Agent boris = RingostatEvents.Agent.of("202", "17", "Boris Sales");

        sendRingostat(ringostat, RINGOSTAT.incomingAnswered(first, LocalDateTime.of(2026, 3, 24, 10, 15), phone, boris,
                RingostatEvents.Utm.google()));
        Inbox.awaitAllFinished(first, Duration.ofSeconds(60));
        sendRingostat(ringostat, RINGOSTAT.incomingAnswered(second, LocalDateTime.of(2026, 3, 24, 11, 40), phone, boris,
                RingostatEvents.Utm.none()));
        Inbox.awaitAllFinished(second, Duration.ofSeconds(60));
        assertThat(Inbox.states(first)).containsOnly("DONE");
        assertThat(Inbox.states(second)).containsOnly("DONE");

        List<ZendeskFake.Ticket> tickets = ZENDESK.tickets().stream()
                .filter(t -> t.externalId() != null && (t.externalId().endsWith(first) || t.externalId().endsWith(second)))
                .toList();
        assertThat(tickets).as("the second call found the open ticket of the first").hasSize(1);
        ZendeskFake.Ticket ticket = tickets.get(0);
        assertThat(ticket.customFields()).containsEntry(UTM_FIELD, "google");
        ZendeskFake.User requester = ZENDESK.user(ticket.requesterId()).orElseThrow();
        ZendeskFake.Organization organization = ZENDESK.organizations().stream()
                .filter(o -> o.name().equals("Caller +" + phone)).findFirst()
                .orElseThrow(() -> new AssertionError("no organization for " + phone));
        assertThat(requester.organizationId()).as("user, organization and ticket linked together")
                .isEqualTo(organization.id());
        assertThat(ticket.organizationId()).isEqualTo(organization.id());
        assertThat(ZENDESK.comments(ticket.id()).stream().filter(c -> c.body().contains("Incoming call, answered")))
                .as("one call comment per call").hasSize(2);
    }

    @Test
    void ringostatRoutingSendsAKnownCallerToTheirTicketsAgentAndFollowsAReassignment() throws Exception {
        String secret = "ringostat-secret-" + UUID.randomUUID();
        Line ringostat = connection("ringostat", json().put("webhook_secret", secret).put("default_destination", "100"),
                secret);
        Line zendesk = zendesk();
        ObjectNode options = agents(String.valueOf(ZENDESK_AGENT), "202");
        ((ArrayNode) options.get("agents")).addObject().put("agent", String.valueOf(ANNA)).put("extension", "203");
        flow(ringostat, zendesk, options);
        String phone = "38067" + NUMBERS.incrementAndGet();
        String callId = "rs-" + UUID.randomUUID();
        sendRingostat(ringostat, RINGOSTAT.incomingAnswered(callId, LocalDateTime.of(2026, 3, 24, 10, 15), phone,
                RingostatEvents.Agent.of("202", "17", "Boris Sales"), RingostatEvents.Utm.none()));
        Inbox.awaitAllFinished(callId, Duration.ofSeconds(60));
        ZendeskFake.Ticket ticket = ZENDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.externalId()))
                .findFirst().orElseThrow();

        // The next call from that number rings: Ringostat asks where to send it. (It asks nothing about the caller:
        // the caller card is pushed to Ringostat, see CallToTicketRingostatTest.)
        String next = "rs-" + UUID.randomUUID();
        HttpResponse<String> routed = ask(ringostat, RINGOSTAT.routingRequest(next, LocalDateTime.of(2026, 3, 25, 9, 0), phone));
        assertThat(routed.statusCode()).as(routed.body()).isEqualTo(200);
        assertThat(ApiClient.JSON.readTree(routed.body()).path("destination").asText())
                .as("the extension of the agent of the caller's open ticket").isEqualTo("202");

        HttpResponse<String> stranger = ask(ringostat, RINGOSTAT.routingRequest("rs-" + UUID.randomUUID(),
                LocalDateTime.of(2026, 3, 25, 9, 1), "38050" + NUMBERS.incrementAndGet()));
        assertThat(ApiClient.JSON.readTree(stranger.body()).path("destination").asText())
                .as("an unknown caller gets the connection's default").isEqualTo("100");
        assertThat(Inbox.states(next)).as("questions are answered, not stored as events").isEmpty();

        // An agent re-assigns the ticket in Zendesk; its webhook refreshes the answer for that caller.
        ZENDESK.assign(ticket.id(), ANNA);
        String body = ZENDESK.ticketEvent("evt-" + UUID.randomUUID(), "ticket.agent_assignment_changed", ticket.id(),
                java.util.Map.of("current", java.util.Map.of("id", String.valueOf(ANNA)),
                        "previous", java.util.Map.of("id", String.valueOf(ZENDESK_AGENT))));
        ZendeskFake.SignedWebhook webhook = ZendeskFake.signedWebhook(ZENDESK_SIGNING, body, Instant.now(), "inv-" + next);
        deliver(URI.create(zendesk.inboundUrl()), "POST", webhook.headers(), body);
        Inbox.await(Duration.ofSeconds(30), () -> {
            try {
                HttpResponse<String> again = ask(ringostat, RINGOSTAT.routingRequest("rs-" + UUID.randomUUID(),
                        LocalDateTime.of(2026, 3, 25, 9, 2), phone));
                return ApiClient.JSON.readTree(again.body()).path("destination").asText().equals("203");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void withoutAnExtensionMappingTheAgentIsMatchedByFullNameElseTheSeniorManagerIsResponsible() throws Exception {
        Line ringostat = telephony("ringostat");
        Line zendesk = zendesk();
        flow(ringostat, zendesk, json().put("fallback_agent", String.valueOf(SENIOR)));
        String known = "rs-" + UUID.randomUUID();
        String stranger = "rs-" + UUID.randomUUID();

        sendRingostat(ringostat, RINGOSTAT.incomingAnswered(known, LocalDateTime.of(2026, 3, 24, 12, 0),
                "38067" + NUMBERS.incrementAndGet(), RingostatEvents.Agent.of("305", "31", "Boris Sales"),
                RingostatEvents.Utm.none()));
        sendRingostat(ringostat, RINGOSTAT.incomingAnswered(stranger, LocalDateTime.of(2026, 3, 24, 12, 5),
                "38067" + NUMBERS.incrementAndGet(), RingostatEvents.Agent.of("306", "32", "Olga Newcomer"),
                RingostatEvents.Utm.none()));
        Inbox.awaitAllFinished(known, Duration.ofSeconds(60));
        Inbox.awaitAllFinished(stranger, Duration.ofSeconds(60));

        assertThat(ticketOf(known).assigneeId()).as("Ringostat's employee name matches the Zendesk agent's")
                .isEqualTo(ZENDESK_AGENT);
        assertThat(ticketOf(stranger).assigneeId()).as("nobody matches: the senior manager").isEqualTo(SENIOR);
        assertThat(ticketOf(known).priority()).isEqualTo("normal");
        assertThat(ticketOf(known).type()).isEqualTo("question");
        assertThat(ticketOf(known).subject()).startsWith("Call +380").endsWith("(incoming)");
    }

    private static ZendeskFake.Ticket ticketOf(String callId) {
        return ZENDESK.tickets().stream().filter(t -> ("sb-call-" + callId).equals(t.externalId())).findFirst()
                .orElseThrow(() -> new AssertionError("no Zendesk ticket for " + callId));
    }

    @Test
    void zendeskWebhooksWithAWrongOrMissingSignatureAreRefusedAndStoreNothing() throws Exception {
        Line zendesk = zendesk();
        long ticket = ZENDESK.addTicket(null, "Signed", "open", null);
        String body = ZENDESK.ticketEvent("evt-" + UUID.randomUUID(), "ticket.status_changed", ticket,
                java.util.Map.of("current", "SOLVED", "previous", "OPEN"));

        ZendeskFake.SignedWebhook forged = ZendeskFake.signedWebhook("not-the-secret", body, Instant.now(), "inv-1");
        HttpResponse<String> refused = send(URI.create(zendesk.inboundUrl()), "POST", forged.headers(), body);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).containsIgnoringCase("signature");

        java.util.Map<String, String> unsigned = new java.util.HashMap<>(forged.headers());
        unsigned.remove("X-Zendesk-Webhook-Signature");
        assertThat(send(URI.create(zendesk.inboundUrl()), "POST", unsigned, body).statusCode()).isEqualTo(401);
        assertThat(admin.get("/api/v1/activity?connection=" + zendesk.id()).json()).as("nothing stored").isEmpty();

        ZendeskFake.SignedWebhook genuine = ZendeskFake.signedWebhook(ZENDESK_SIGNING, body, Instant.now(), "inv-2");
        assertThat(send(URI.create(zendesk.inboundUrl()), "POST", genuine.headers(), body).statusCode()).isEqualTo(200);
        assertThat(admin.get("/api/v1/activity?connection=" + zendesk.id()).json()).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ApiClient admin() {
        if (admin == null) {
            admin = ApiClient.newTenant(base, "pairs", PASSWORD).api();
            for (String plugin : List.of("sipuni", "ringostat", "usedesk", "zendesk")) {
                assertThat(admin.put("/api/v1/catalogue/" + plugin, null).status()).as(plugin).isEqualTo(204);
            }
        }
        return admin;
    }

    private Line telephony(String connector) {
        String secret = connector + "-secret-" + UUID.randomUUID();
        return connection(connector, json().put("webhook_secret", secret), secret);
    }

    private Line usedesk() {
        return connection("usedesk", json().put("api_token", USEDESK_TOKEN).put("region", "custom")
                .put("base_url", USEDESK.baseUrl()), null);
    }

    private Line zendesk() {
        return connection("zendesk", json().put("portal", ZENDESK.baseUrl()).put("agent_email", "integration@acme.test")
                .put("api_token", ZENDESK_TOKEN).put("webhook_secret", ZENDESK_SIGNING), null);
    }

    private Line connection(String connector, ObjectNode settings, String secret) {
        Answer created = admin().post("/api/v1/connections", json().put("connector", connector)
                .put("name", connector + " " + UUID.randomUUID().toString().substring(0, 8)).set("settings", settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Line(created.json().path("id").asText(), created.json().path("inboundUrl").asText(), secret);
    }

    private void flow(Line source, Line target, ObjectNode options) {
        Answer flow = admin().post("/api/v1/flows", json().put("type", "call-to-ticket")
                .put("name", "Calls " + UUID.randomUUID().toString().substring(0, 8)).put("source", source.id())
                .put("target", target.id()).set("options", options));
        assertThat(flow.status()).as(flow.body()).isEqualTo(201);
    }

    private static ObjectNode agents(String agent, String extension) {
        ObjectNode options = json();
        options.putArray("agents").addObject().put("agent", agent).put("extension", extension);
        return options;
    }

    private void sendRingostat(Line line, List<RingostatEvents.Hook> hooks) throws Exception {
        for (RingostatEvents.Hook hook : hooks) {
            HttpResponse<String> answer = ask(line, hook);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> ask(Line line, RingostatEvents.Hook question) throws Exception {
        StringBuilder query = new StringBuilder();
        question.urlParams(line.secret()).forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v.get(0), java.nio.charset.StandardCharsets.UTF_8)));
        return send(URI.create(line.inboundUrl() + "?" + query), "POST", java.util.Map.of("Content-Type",
                "application/json"), question.jsonBody());
    }

    private HttpResponse<String> send(URI uri, String method, java.util.Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers != null) {
            headers.forEach(request::header);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a vendor's webhook and checks it was accepted. */
    private void deliver(URI uri, String method, java.util.Map<String, String> headers, String body) throws Exception {
        HttpResponse<String> answer = send(uri, method, headers, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
