package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.plugins.chatra.fake.ChatraFake;
import io.switchboard.plugins.chatra.fake.ChatraVisitor;
import io.switchboard.plugins.chatra.fake.ChatraWebhooks;
import io.switchboard.plugins.planfix.fake.PlanfixFake;
import io.switchboard.plugins.planfix.fake.PlanfixWebhooks;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import io.switchboard.plugins.usedesk.fake.UsedeskWebhooks;
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
 * Issue #17: conversations ↔ tasks end to end — the real Chatra and Planfix plugin jars, their fakes over HTTP,
 * webhooks posted to the platform's inbound URLs. A chat becomes a contact and a task; a burst of the client's
 * messages arrives as comments in order and once each, also while Planfix answers 429 and 500; employees' comments
 * reach the chat in order, while Chatra answers 500; the flow's own writes reported back by either side are not
 * copied back; the client leaving completes the task and a later reply is still delivered.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ChatToTaskIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String CHATRA_PUBLIC = "pub" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    private static final String CHATRA_SECRET = "sec" + UUID.randomUUID().toString().replace("-", "");
    private static final String PLANFIX_TOKEN = UUID.randomUUID().toString().replace("-", "");
    private static final long ANNA = 5;
    private static final ChatraFake CHATRA = new ChatraFake(CHATRA_PUBLIC, CHATRA_SECRET);
    private static final String ANNA_AGENT = CHATRA.addAgent("Anna Smirnova", "anna@acme.test");
    private static final String BOT_AGENT = CHATRA.addAgent("Switchboard", "bot@acme.test");
    private static final PlanfixFake PLANFIX = new PlanfixFake(PLANFIX_TOKEN, 1);
    static {
        PLANFIX.addTaskTemplate(41, "Chat from the website").addContactTemplate(3, "Client")
                .addUser(ANNA, "Anna", "Smirnova", "anna@acme.test", true);
    }

    private static final ChatraWebhooks CHAT = new ChatraWebhooks();
    private static final PlanfixWebhooks TASK_HOOKS = new PlanfixWebhooks();
    private static final AtomicLong COMMENT_IDS = new AtomicLong(700_000);
    private static ApiClient admin;
    private static Pair pair;

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    /** A Chatra connection and a Planfix connection joined by a conversation ↔ task flow. */
    record Pair(String chatraId, String chatraUrl, String planfixId, String planfixUrl) {
    }

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    @AfterAll
    static void stopFakes() {
        CHATRA.close();
        PLANFIX.close();
    }

    @Test
    void aChatBecomesATaskAndFiftyMessagesEachWayArriveInOrderOnceEachDespite429sAnd500s() throws Exception {
        Pair pair = pair();
        ChatraVisitor visitor = visitor();
        chat(pair, CHAT.chatStarted(visitor, "Message 0"));
        awaitChat(visitor);
        PlanfixFake.Task task = taskOf(visitor);
        assertThat(task.description()).contains("Berlin", "https://shop.example.com/delivery");
        assertThat(PLANFIX.contactComments(task.counterpartyId())).as("the contact's action").singleElement()
                .satisfies(c -> assertThat(c.description()).contains("macOS 14.5", "Chrome 126", "203.0.113.7"));

        PLANFIX.failNext(2, 429, 1);
        for (int i = 1; i < 50; i++) {
            chat(pair, CHAT.clientMessage(visitor, "Message " + i));
            if (i == 25) {
                PLANFIX.failNext(1, 500, null);
            }
        }
        awaitChat(visitor);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("Message " + i);
        }
        assertThat(comments(task.id())).containsSubsequence(expected).filteredOn(c -> c.startsWith("Message "))
                .hasSize(50);

        CHATRA.failNext(1, 500, null);
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            replies.add("Reply " + i);
            task(pair, TASK_HOOKS.commentAdded(task.id(), COMMENT_IDS.incrementAndGet(), "<p>Reply " + i + "</p>",
                    ANNA, "Anna Smirnova", "anna@acme.test"));
        }
        awaitTask(task.id());
        List<ChatraFake.SentMessage> sent = CHATRA.sentMessages().stream()
                .filter(m -> m.clientId().equals(visitor.id())).toList();
        assertThat(sent).extracting(ChatraFake.SentMessage::text).containsExactlyElementsOf(replies);
        assertThat(sent).allSatisfy(m -> assertThat(m.agentId()).as("sent as Anna").isEqualTo(ANNA_AGENT));
    }

    @Test
    void theFlowsOwnWritesReportedBackByEitherSideAreNotCopiedBack() throws Exception {
        Pair pair = pair();
        ChatraVisitor visitor = visitor();
        chat(pair, CHAT.chatStarted(visitor, "Is anyone there?"));
        awaitChat(visitor);
        PlanfixFake.Task task = taskOf(visitor);
        // Planfix's scenario reports the flow's copy of the client's message as a new comment.
        task(pair, TASK_HOOKS.commentAdded(task.id(), COMMENT_IDS.incrementAndGet(), "Is anyone there?", ANNA,
                "Anna Smirnova", "anna@acme.test"));
        task(pair, TASK_HOOKS.commentAdded(task.id(), COMMENT_IDS.incrementAndGet(), "Yes, Anna here", ANNA,
                "Anna Smirnova", "anna@acme.test"));
        awaitTask(task.id());
        List<ChatraFake.SentMessage> sent = CHATRA.sentMessages().stream()
                .filter(m -> m.clientId().equals(visitor.id())).toList();
        assertThat(sent).extracting(ChatraFake.SentMessage::text).containsExactly("Yes, Anna here");

        // Chatra reports Anna's reply back as an agent message without its API mark.
        int comments = comments(task.id()).size();
        chat(pair, CHAT.agentMessage(visitor, ANNA_AGENT, "Anna Smirnova", "anna@acme.test", "Yes, Anna here"));
        awaitChat(visitor);
        assertThat(comments(task.id())).hasSize(comments);
    }

    @Test
    void theClientLeavingCompletesTheTaskAndALaterReplyIsStillDelivered() throws Exception {
        Pair pair = pair();
        ChatraVisitor visitor = visitor().introduced("Olga", "olga-" + UUID.randomUUID() + "@example.com", null);
        CHATRA.addVisitor(visitor);
        chat(pair, CHAT.chatStarted(visitor, "Call me back please"));
        awaitChat(visitor);
        PlanfixFake.Task task = taskOf(visitor);
        long before = task.statusId();
        CHATRA.leave(visitor.id());
        chat(pair, CHAT.transcript(visitor));
        awaitChat(visitor);
        assertThat(PLANFIX.task(task.id()).orElseThrow().statusId()).as("completed").isNotEqualTo(before);

        task(pair, TASK_HOOKS.commentAdded(task.id(), COMMENT_IDS.incrementAndGet(), "We tried to call", ANNA,
                "Anna Smirnova", "anna@acme.test"));
        awaitTask(task.id());
        assertThat(CHATRA.sentMessages()).filteredOn(m -> m.clientId().equals(visitor.id())).singleElement()
                .satisfies(m -> assertThat(m.emailed()).isTrue());
    }

    @Test
    void theSameEMailFromASecondDeviceJoinsTheFirstContactsTask() throws Exception {
        Pair pair = pair();
        String email = "ivan-" + UUID.randomUUID() + "@example.com";
        ChatraVisitor laptop = visitor().introduced("Ivan", email, null);
        CHATRA.addVisitor(laptop);
        chat(pair, CHAT.chatStarted(laptop, "From my laptop"));
        awaitChat(laptop);
        PlanfixFake.Task task = taskOf(laptop);

        ChatraVisitor phone = visitor();
        chat(pair, CHAT.chatStarted(phone, "Now from my phone"));
        awaitChat(phone);
        ChatraVisitor introduced = phone.introduced("Ivan", email, null);
        CHATRA.addVisitor(introduced);
        chat(pair, CHAT.clientInfoUpdated(introduced));
        chat(pair, CHAT.clientMessage(introduced, "Still me"));
        awaitChat(phone);

        assertThat(comments(task.id())).containsSubsequence("From my laptop", "Still me");
        assertThat(PLANFIX.contacts().stream().filter(c -> email.equals(c.email())).count()).isEqualTo(1);
    }

    @Test
    void withOnlyIfNoActiveTaskAKnownClientsNewChatContinuesTheirTask() throws Exception {
        String[] chatra = connection("chatra", json().put("public_key", CHATRA_PUBLIC).put("secret_key", CHATRA_SECRET)
                .put("api_url", CHATRA.baseUrl() + "/").put("default_agent", "bot@acme.test"));
        String[] planfix = connection("planfix", json().put("account", PLANFIX.baseUrl()).put("api_token", PLANFIX_TOKEN)
                .put("task_template", 41).put("contact_template", 3));
        ApiClient.Answer flow = admin().post("/api/v1/flows", json().put("type", "conversation-to-task")
                .put("name", "Continue tasks").put("source", chatra[0]).put("target", planfix[0])
                .set("options", json().put("only_if_no_active_task", true)));
        assertThat(flow.status()).as(flow.body()).isEqualTo(201);
        String email = "olga-" + UUID.randomUUID() + "@example.com";
        long contact = PLANFIX.addContact("Olga", "Petrova", email, null);
        long active = PLANFIX.addTask(contact, "Earlier chat", 2, null);
        ChatraVisitor olga = visitor().introduced("Olga Petrova", email, null);
        CHATRA.addVisitor(olga);
        int tasks = PLANFIX.tasks().size();

        deliver(chatra[1], CHAT.chatStarted(olga, "It is me again").body());
        awaitChat(olga);

        assertThat(PLANFIX.tasks()).hasSize(tasks);
        assertThat(comments(active)).containsExactly("It is me again");
    }

    @Test
    void theSameFlowJoinsChatraToUsedesk() throws Exception {
        String usedeskToken = "usedesk-" + UUID.randomUUID();
        try (UsedeskFake usedesk = new UsedeskFake(usedeskToken).addAgent(545, "Anna Agent", "anna@acme.test")) {
            String[] chatra = connection("chatra", json().put("public_key", CHATRA_PUBLIC)
                    .put("secret_key", CHATRA_SECRET).put("api_url", CHATRA.baseUrl() + "/")
                    .put("own_agents", "anna@acme.test").put("default_agent", "bot@acme.test"));
            String[] helpdesk = connection("usedesk", json().put("api_token", usedeskToken).put("region", "custom")
                    .put("base_url", usedesk.baseUrl()));
            ApiClient.Answer flow = admin().post("/api/v1/flows", json().put("type", "conversation-to-task")
                    .put("name", "Chats to Usedesk").put("source", chatra[0]).put("target", helpdesk[0])
                    .set("options", json()));
            assertThat(flow.status()).as(flow.body()).isEqualTo(201);
            ChatraVisitor visitor = visitor().introduced("Olga", "olga-" + UUID.randomUUID() + "@example.com", null);
            CHATRA.addVisitor(visitor);

            deliver(chatra[1], CHAT.chatStarted(visitor, "My card was charged twice").body());
            deliver(chatra[1], CHAT.clientMessage(visitor, "Order 4711").body());
            awaitChat(visitor);
            UsedeskFake.Ticket ticket = usedesk.tickets().get(0);
            assertThat(usedesk.comments(ticket.id())).extracting(UsedeskFake.Comment::message)
                    .endsWith("My card was charged twice", "Order 4711");

            deliver(helpdesk[1], new UsedeskWebhooks(usedeskToken).commentAdded(ticket.id(), 880001,
                    "<p>Refunded today</p>", 545L, false));
            awaitTask(ticket.id());
            assertThat(CHATRA.sentMessages()).filteredOn(m -> m.clientId().equals(visitor.id())).singleElement()
                    .satisfies(m -> {
                        assertThat(m.text()).isEqualTo("Refunded today");
                        assertThat(m.agentId()).isEqualTo(ANNA_AGENT);
                    });
        }
    }

    // ------------------------------------------------------------------ helpers

    private static ChatraVisitor visitor() {
        String id = "v" + UUID.randomUUID().toString().replace("-", "");
        ChatraVisitor visitor = ChatraVisitor.anonymous(id, "c" + id.substring(1, 18));
        CHATRA.addVisitor(visitor);
        return visitor;
    }

    private static PlanfixFake.Task taskOf(ChatraVisitor visitor) {
        List<PlanfixFake.Task> tasks = PLANFIX.tasks().stream()
                .filter(t -> t.description() != null && t.description().contains(visitor.chatId())).toList();
        assertThat(tasks).as("one task for chat " + visitor.chatId()).hasSize(1);
        return tasks.get(0);
    }

    private static List<String> comments(long taskId) {
        return PLANFIX.comments(taskId).stream().map(c -> c.description().replaceAll("<[^>]*>", "").strip())
                .toList();
    }

    private static void awaitChat(ChatraVisitor visitor) {
        Inbox.awaitAllFinished("client:" + visitor.id(), Duration.ofSeconds(90));
        assertThat(Inbox.states("client:" + visitor.id())).containsOnly("DONE");
    }

    private static void awaitTask(long taskId) {
        Inbox.awaitAllFinished(String.valueOf(taskId), Duration.ofSeconds(90));
        assertThat(Inbox.states(String.valueOf(taskId))).containsOnly("DONE");
    }

    private ApiClient admin() {
        if (admin == null) {
            admin = ApiClient.newTenant(base, "tasks", PASSWORD).api();
            for (String plugin : List.of("chatra", "planfix", "usedesk")) {
                assertThat(admin.put("/api/v1/catalogue/" + plugin, null).status()).as(plugin).isEqualTo(204);
            }
        }
        return admin;
    }

    private Pair pair() {
        if (pair == null) {
            String[] chatra = connection("chatra", json().put("public_key", CHATRA_PUBLIC)
                    .put("secret_key", CHATRA_SECRET).put("api_url", CHATRA.baseUrl() + "/")
                    .put("own_agents", "anna@acme.test").put("default_agent", "bot@acme.test"));
            String[] planfix = connection("planfix", json().put("account", PLANFIX.baseUrl())
                    .put("api_token", PLANFIX_TOKEN).put("task_template", 41).put("contact_template", 3));
            ApiClient.Answer flow = admin().post("/api/v1/flows", json().put("type", "conversation-to-task")
                    .put("name", "Chats to tasks").put("source", chatra[0]).put("target", planfix[0])
                    .set("options", json()));
            assertThat(flow.status()).as(flow.body()).isEqualTo(201);
            pair = new Pair(chatra[0], chatra[1], planfix[0], planfix[1]);
        }
        return pair;
    }

    private String[] connection(String connector, ObjectNode settings) {
        ApiClient.Answer created = admin().post("/api/v1/connections", json().put("connector", connector)
                .put("name", connector + " " + UUID.randomUUID().toString().substring(0, 8)).set("settings", settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new String[] {created.json().path("id").asText(), created.json().path("inboundUrl").asText()};
    }

    private void chat(Pair pair, ChatraWebhooks.Webhook webhook) throws Exception {
        deliver(pair.chatraUrl(), webhook.body());
    }

    private void task(Pair pair, String body) throws Exception {
        deliver(pair.planfixUrl(), body);
    }

    private void deliver(String url, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }
}
