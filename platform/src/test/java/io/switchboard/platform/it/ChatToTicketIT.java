package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.it.ApiClient.Answer;
import io.switchboard.plugins.dashly.fake.DashlyFake;
import io.switchboard.plugins.dashly.fake.DashlyWebhooks;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import io.switchboard.plugins.usedesk.fake.UsedeskWebhooks;
import io.switchboard.plugins.zendesk.fake.ZendeskFake;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Issue #16: chats become tickets by slash command, end to end — the real Dashly, Usedesk and Zendesk plugin jars,
 * their fakes over HTTP, webhooks posted to the platform's inbound URLs. One test per rule: a command makes the
 * lead's ticket with the conversation and lead in the named ticket fields, the chat is told and the lead noted; no
 * text or no e-mail → no ticket and the operator is told; the helpdesk's closing → a note for operators, reopening or
 * closing with a reply → nothing; the same with Zendesk. Repeated, replayed and retried deliveries make one of each;
 * a wrong token or a malformed body is refused and stores nothing.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ChatToTicketIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String DASHLY_KEY = "app.58213." + UUID.randomUUID().toString().replace("-", "");
    private static final String DASHLY_TOKEN = "dashly-webhook-" + UUID.randomUUID();
    private static final String USEDESK_TOKEN = "usedesk-token-" + UUID.randomUUID();
    private static final String ZENDESK_TOKEN = "zendesk-token-" + UUID.randomUUID();
    private static final String ZENDESK_SIGNING = "zendesk-signing-" + UUID.randomUUID();
    /** Ids of its own: other test classes' Dashly fakes write conversations into the same test database. */
    private static final DashlyFake DASHLY = new DashlyFake(DASHLY_KEY,
            DashlyFake.FIRST_ID + 1_000_000L * (1 + (long) (Math.random() * 1_000_000)));
    private static final String BOT = DASHLY.addAdmin("Support bot");
    private static final String OPERATOR = DASHLY.addAdmin("Maria Operator");
    private static final UsedeskFake USEDESK = new UsedeskFake(USEDESK_TOKEN).addAgent(2, "Boris", "boris@acme.test");
    static {
        USEDESK.addTicketField(51, "Dialog ID in CQ");
        USEDESK.addTicketField(52, "Profile ID in CQ");
    }

    private static final ZendeskFake ZENDESK = new ZendeskFake("integration@acme.test", ZENDESK_TOKEN);
    private static final long DIALOG_FIELD = ZENDESK.addTicketField("Dialog ID in CQ", "text");
    private static final long PROFILE_FIELD = ZENDESK.addTicketField("Profile ID in CQ", "text");
    private static final DashlyWebhooks CHAT = new DashlyWebhooks(DASHLY_TOKEN);
    private static final UsedeskWebhooks USEDESK_HOOKS = new UsedeskWebhooks(USEDESK_TOKEN);
    private static ApiClient admin;
    private static Pair usedeskPair;
    private static Pair zendeskPair;

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    /** A Dashly connection and a helpdesk connection joined by a chat-command flow. */
    record Pair(String dashlyId, String dashlyUrl, String helpdeskId, String helpdeskUrl) {
    }

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFakes() {
        DASHLY.close();
        USEDESK.close();
        ZENDESK.close();
    }

    @Test
    void aCommandMakesTheLeadsUsedeskTicketTellsTheChatAndNotesTheLead() throws Exception {
        Pair pair = usedeskPair();
        String lead = DASHLY.addLead("Olga Petrova", "olga-" + UUID.randomUUID() + "@example.com");
        String conversation = DASHLY.addConversation(lead, "I cannot pay by card");

        deliver(pair.dashlyUrl(), CHAT.operatorNote(conversation, lead, OPERATOR, "/usedesk Card payment fails"));
        Inbox.awaitAllFinished("conversation:" + conversation, Duration.ofSeconds(60));
        assertThat(Inbox.states("conversation:" + conversation)).containsOnly("DONE");

        UsedeskFake.Ticket ticket = usedeskTicketOf(conversation);
        assertThat(ticket.subject()).isEqualTo("Olga Petrova - shop.example.com");
        assertThat(ticket.message()).contains("Card payment fails");
        assertThat(ticket.customFields()).as("found by name in Usedesk's ticket fields")
                .containsEntry(51L, "https://app.dashly.test/project/58213/conversations/" + conversation)
                .containsEntry(52L, "https://app.dashly.test/project/58213/users/" + lead);
        assertThat(USEDESK.clients()).filteredOn(c -> c.id() == ticket.clientId()).singleElement()
                .satisfies(c -> assertThat(c.emails()).singleElement().asString().startsWith("olga-"));
        assertThat(botParts(conversation)).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("reply_admin");
            assertThat(p.body()).startsWith("Ticket #" + ticket.id() + " was created in Usedesk.");
        });
        assertThat(DASHLY.leadEvents(lead)).singleElement()
                .satisfies(e -> assertThat(e.params().get("text")).startsWith("Ticket #" + ticket.id()));
    }

    @Test
    void aCommandWithoutTextMakesNoTicketAndTellsTheOperator() throws Exception {
        Pair pair = usedeskPair();
        String lead = DASHLY.addLead("Ivan", "ivan-" + UUID.randomUUID() + "@example.com");
        String conversation = DASHLY.addConversation(lead, "hello");
        int tickets = USEDESK.tickets().size();

        deliver(pair.dashlyUrl(), CHAT.operatorNote(conversation, lead, OPERATOR, "/usedesk"));
        Inbox.awaitAllFinished("conversation:" + conversation, Duration.ofSeconds(60));

        assertThat(USEDESK.tickets()).hasSize(tickets);
        assertThat(botParts(conversation)).singleElement().satisfies(p -> {
            assertThat(p.type()).as("only operators see it").isEqualTo("note");
            assertThat(p.body()).contains("write the ticket's text after /usedesk");
        });
    }

    @Test
    void aLeadWithoutEmailGetsNoTicketAndTheOperatorIsTold() throws Exception {
        Pair pair = usedeskPair();
        String lead = DASHLY.addLead("Anonymous #1", null);
        String conversation = DASHLY.addConversation(lead, "hello");
        int tickets = USEDESK.tickets().size();

        deliver(pair.dashlyUrl(), CHAT.operatorNote(conversation, lead, OPERATOR, "/usedesk Please call me"));
        Inbox.awaitAllFinished("conversation:" + conversation, Duration.ofSeconds(60));

        assertThat(USEDESK.tickets()).hasSize(tickets);
        assertThat(botParts(conversation)).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("note");
            assertThat(p.body()).contains("the lead has no e-mail");
        });
    }

    @Test
    void closingInUsedeskTellsOperatorsReopeningAndClosingWithAReplyTellNothing() throws Exception {
        Pair pair = usedeskPair();
        String lead = DASHLY.addLead("Pavel", "pavel-" + UUID.randomUUID() + "@example.com");
        String conversation = DASHLY.addConversation(lead, "It is broken");
        deliver(pair.dashlyUrl(), CHAT.operatorNote(conversation, lead, OPERATOR, "/usedesk Broken export"));
        Inbox.awaitAllFinished("conversation:" + conversation, Duration.ofSeconds(60));
        long ticket = usedeskTicketOf(conversation).id();
        String ordering = String.valueOf(ticket);

        deliverJson(pair.helpdeskUrl(), USEDESK_HOOKS.statusChanged(ticket, 1, 3, 2L, false));
        Inbox.awaitAllFinished(ordering, Duration.ofSeconds(60));
        assertThat(botParts(conversation)).hasSize(2).last().satisfies(p -> {
            assertThat(p.type()).isEqualTo("note");
            assertThat(p.body()).startsWith("Ticket #" + ticket + " was closed in Usedesk.");
        });

        deliverJson(pair.helpdeskUrl(), USEDESK_HOOKS.statusChanged(ticket, 3, 1, 2L, false));
        deliverJson(pair.helpdeskUrl(), USEDESK_HOOKS.statusChanged(ticket, 1, 3, 2L, true));
        // At least: another test class's Usedesk fake may number a ticket alike (one test database); both webhooks
        // were stored before they were answered, so "all done" includes them.
        Inbox.await(Duration.ofSeconds(60), () -> Inbox.states(ordering).size() >= 3
                && Inbox.states(ordering).stream().allMatch("DONE"::equals));
        assertThat(botParts(conversation)).as("reopened, then closed with a reply: nothing more").hasSize(2);
    }

    @Test
    void theSameFlowWithZendeskFillsTheNamedFieldsAndBringsTheClosingBack() throws Exception {
        Pair pair = zendeskPair();
        String lead = DASHLY.addLead("Nina Orlova", "nina-" + UUID.randomUUID() + "@example.com");
        String conversation = DASHLY.addConversation(lead, "Where is my order?");

        deliver(pair.dashlyUrl(), CHAT.operatorNote(conversation, lead, OPERATOR, "/usedesk Order 5512 is late"));
        Inbox.awaitAllFinished("conversation:" + conversation, Duration.ofSeconds(60));
        assertThat(Inbox.states("conversation:" + conversation)).containsOnly("DONE");

        ZendeskFake.Ticket ticket = ZENDESK.tickets().stream()
                .filter(t -> t.externalId() != null && t.externalId().startsWith("sb-chat-"))
                .filter(t -> t.subject().startsWith("Nina Orlova")).findFirst()
                .orElseThrow(() -> new AssertionError("no Zendesk ticket for " + conversation));
        assertThat(ticket.subject()).isEqualTo("Nina Orlova - shop.example.com");
        assertThat(ticket.customFields()).containsEntry(DIALOG_FIELD, "https://app.dashly.test/project/58213"
                + "/conversations/" + conversation).containsEntry(PROFILE_FIELD,
                "https://app.dashly.test/project/58213/users/" + lead);
        assertThat(botParts(conversation)).singleElement()
                .satisfies(p -> assertThat(p.body()).contains("was created in Zendesk"));

        String body = ZENDESK.ticketEvent("evt-" + UUID.randomUUID(), "ticket.status_changed", ticket.id(),
                Map.of("current", "SOLVED", "previous", "OPEN"));
        ZendeskFake.SignedWebhook signed = ZendeskFake.signedWebhook(ZENDESK_SIGNING, body, Instant.now(),
                "inv-" + UUID.randomUUID());
        assertThat(send(URI.create(pair.helpdeskUrl()), signed.headers(), body).statusCode()).isEqualTo(200);
        Inbox.await(Duration.ofSeconds(60), () -> botParts(conversation).size() == 2);
        assertThat(botParts(conversation).get(1)).satisfies(p -> {
            assertThat(p.type()).isEqualTo("note");
            assertThat(p.body()).startsWith("Ticket #" + ticket.id() + " was closed in Zendesk.");
        });
    }

    @Test
    void repeatedReplayedAndRetriedDeliveriesMakeOneTicketOneReplyAndOneNote() throws Exception {
        Pair pair = usedeskPair();
        String lead = DASHLY.addLead("Kira", "kira-" + UUID.randomUUID() + "@example.com");
        String conversation = DASHLY.addConversation(lead, "Need an invoice");
        DashlyWebhooks.Webhook command = CHAT.operatorNote(conversation, lead, OPERATOR, "/usedesk Invoice for May");

        USEDESK.failNext(3, 429, 1);
        deliver(pair.dashlyUrl(), command);
        deliver(pair.dashlyUrl(), command.redelivery());
        Inbox.awaitAllFinished("conversation:" + conversation, Duration.ofSeconds(90));
        assertThat(Inbox.states("conversation:" + conversation)).containsOnly("DONE");
        assertThat(Inbox.maxAttempts("conversation:" + conversation))
                .as("the 429s were waited out inside the attempt (ADR 0009)").isEqualTo(1);
        for (JsonNode entry : admin().get("/api/v1/activity?connection=" + pair.dashlyId() + "&limit=500").json()) {
            if (("conversation:" + conversation).equals(entry.path("orderingKey").asText())) {
                assertThat(admin().post("/api/v1/activity/" + entry.path("id").asLong() + "/replay", null).status())
                        .isEqualTo(200);
            }
        }
        Inbox.awaitAllFinished("conversation:" + conversation, Duration.ofSeconds(60));

        assertThat(USEDESK.tickets()).filteredOn(t -> t.subject().startsWith("Kira")).hasSize(1);
        assertThat(botParts(conversation)).hasSize(1);
        assertThat(DASHLY.leadEvents(lead)).hasSize(1);
    }

    @Test
    void aWrongTokenOrAMalformedBodyIsRefusedAndStoresNothing() throws Exception {
        Pair pair = usedeskPair();
        String lead = DASHLY.addLead("Eve", "eve@example.com");
        String conversation = DASHLY.addConversation(lead, "hi");
        DashlyWebhooks.Webhook forged = CHAT.withWrongToken().operatorNote(conversation, lead, OPERATOR,
                "/usedesk Forged");

        HttpResponse<String> refused = send(URI.create(pair.dashlyUrl()), forged.headers(), forged.body());
        assertThat(refused.statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = send(URI.create(pair.dashlyUrl()), Map.of("Content-Type",
                "application/x-www-form-urlencoded"), "type=conversation&conversation=%7Bbroken&token=" + DASHLY_TOKEN);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("not JSON");
        assertThat(Inbox.states("conversation:" + conversation)).isEmpty();
        assertThat(botParts(conversation)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ApiClient admin() {
        if (admin == null) {
            admin = ApiClient.newTenant(base, "chats", PASSWORD).api();
            for (String plugin : List.of("dashly", "usedesk", "zendesk")) {
                assertThat(admin.put("/api/v1/catalogue/" + plugin, null).status()).as(plugin).isEqualTo(204);
            }
        }
        return admin;
    }

    private Pair usedeskPair() {
        if (usedeskPair == null) {
            usedeskPair = pair(connection("usedesk", json().put("api_token", USEDESK_TOKEN).put("region", "custom")
                    .put("base_url", USEDESK.baseUrl())));
        }
        return usedeskPair;
    }

    private Pair zendeskPair() {
        if (zendeskPair == null) {
            zendeskPair = pair(connection("zendesk", json().put("portal", ZENDESK.baseUrl())
                    .put("agent_email", "integration@acme.test").put("api_token", ZENDESK_TOKEN)
                    .put("webhook_secret", ZENDESK_SIGNING)));
        }
        return zendeskPair;
    }

    private Pair pair(String[] helpdesk) {
        String[] dashly = connection("dashly", json().put("api_token", DASHLY_KEY).put("api_host", "custom")
                .put("api_url", DASHLY.baseUrl()).put("webhook_token", DASHLY_TOKEN).put("site", "shop.example.com")
                .put("app_url", "https://app.dashly.test/project/58213"));
        Answer flow = admin().post("/api/v1/flows", json().put("type", "chat-command-to-ticket")
                .put("name", "Chat tickets " + UUID.randomUUID().toString().substring(0, 8)).put("source", dashly[0])
                .put("target", helpdesk[0]).set("options", json()));
        assertThat(flow.status()).as(flow.body()).isEqualTo(201);
        return new Pair(dashly[0], dashly[1], helpdesk[0], helpdesk[1]);
    }

    private String[] connection(String connector, ObjectNode settings) {
        Answer created = admin().post("/api/v1/connections", json().put("connector", connector)
                .put("name", connector + " " + UUID.randomUUID().toString().substring(0, 8)).set("settings", settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new String[] {created.json().path("id").asText(), created.json().path("inboundUrl").asText()};
    }

    private static UsedeskFake.Ticket usedeskTicketOf(String conversation) {
        List<DashlyFake.Part> replies = botParts(conversation);
        assertThat(replies).as("the chat was told the ticket's number").isNotEmpty();
        String number = replies.get(0).body().replaceAll("^Ticket #(\\d+).*$", "$1");
        return USEDESK.ticket(Long.parseLong(number)).orElseThrow();
    }

    /** @return what the platform posted in the conversation (as the bot admin), oldest first */
    private static List<DashlyFake.Part> botParts(String conversation) {
        return DASHLY.parts(conversation).stream().filter(p -> BOT.equals(p.fromAdmin())).toList();
    }

    private void deliver(String url, DashlyWebhooks.Webhook webhook) throws Exception {
        HttpResponse<String> answer = send(URI.create(url), webhook.headers(), webhook.body());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private void deliverJson(String url, String body) throws Exception {
        HttpResponse<String> answer = send(URI.create(url), Map.of("Content-Type", "application/json"), body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private HttpResponse<String> send(URI uri, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, value) -> {
            if (!"User-Agent".equalsIgnoreCase(name)) {
                request.header(name, value);
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
