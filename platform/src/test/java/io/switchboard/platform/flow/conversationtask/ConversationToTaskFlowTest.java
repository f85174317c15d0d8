package io.switchboard.platform.flow.conversationtask;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.flow.TestFlowRun;
import io.switchboard.platform.flow.TestFlowRun.MapLinks;
import io.switchboard.plugins.chatra.ChatraConnector;
import io.switchboard.plugins.planfix.PlanfixConnector;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.chatra.fake.ChatraFake;
import io.switchboard.plugins.chatra.fake.ChatraVisitor;
import io.switchboard.plugins.chatra.fake.ChatraWebhooks;
import io.switchboard.plugins.planfix.fake.PlanfixFake;
import io.switchboard.plugins.planfix.fake.PlanfixWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversation ↔ task flow at the unit level with Chatra and Planfix: Chatra webhooks from {@link ChatraWebhooks}
 * parsed by the real Chatra connector, Planfix's scenario webhooks from {@link PlanfixWebhooks} by the real Planfix
 * connector, the flow driving both connectors over HTTP against their fakes. Links are shared between runs, as the
 * pipeline's are.
 */
class ConversationToTaskFlowTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String CHATRA_PUBLIC = "KQN2vdXYigrbe3F36";
    private static final String CHATRA_SECRET = "pYFsXHWA64rrNQvcCgWFyC9E2RFjwFk9Eiz3";
    private static final String PLANFIX_TOKEN = "5d80e21cb3e12345678bdd568a2226d5";
    private static final long ANNA = 5;

    private final ConversationToTaskFlow flow = new ConversationToTaskFlow();
    private final ChatraConnector chatraConnector = new ChatraConnector();
    private final PlanfixConnector planfixConnector = new PlanfixConnector();
    private final ChatraWebhooks chat = new ChatraWebhooks();
    private final PlanfixWebhooks taskHooks = new PlanfixWebhooks();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private final MapLinks links = new MapLinks();
    private final List<TestFlowRun> runs = new ArrayList<>();
    private final ChatraVisitor maria = ChatraVisitor.anonymous("vfg1y4h4ioapl1cx0trw1mujk6den021zs9b2q8",
            "aC4krWMZWLYzz9sKZ");
    private ChatraFake chatra;
    private PlanfixFake planfix;
    private TestConnectorContext chatraContext;
    private TestConnectorContext planfixContext;
    private String annaAgent;
    private String botAgent;
    private long nextCommentId = 9000;

    @BeforeEach
    void start() {
        chatra = new ChatraFake(CHATRA_PUBLIC, CHATRA_SECRET);
        chatra.addVisitor(maria);
        annaAgent = chatra.addAgent("Anna Smirnova", "anna@acme.test");
        botAgent = chatra.addAgent("Switchboard", "bot@acme.test");
        planfix = new PlanfixFake(PLANFIX_TOKEN, 1);
        planfix.addTaskTemplate(41, "Chat from the website").addContactTemplate(3, "Client")
                .addUser(ANNA, "Anna", "Smirnova", "anna@acme.test", true)
                .addUser(6, "Oleg", "Ivanov", "oleg@acme.test", true);
        chatraContext = TestConnectorContext.with(Map.of("public_key", CHATRA_PUBLIC, "secret_key", CHATRA_SECRET,
                "api_url", chatra.baseUrl() + "/", "own_agents", "anna@acme.test", "default_agent", "bot@acme.test"));
        Map<String, Object> planfixSettings = new HashMap<>(Map.of("account", planfix.baseUrl(),
                "api_token", PLANFIX_TOKEN, "task_template", 41L, "contact_template", 3L));
        planfixContext = TestConnectorContext.with(planfixSettings);
    }

    @AfterEach
    void stop() {
        chatra.close();
        planfix.close();
    }

    // ------------------------------------------------------------------ CP1, CP2, CP7

    @Test
    void aNewChatMakesAContactAndATaskFromTheTemplatesWithTheVisitTheEmployeesAndAnAction() {
        ConfigValues options = options(Map.of("extra_employees", List.of("6")));
        fromChat(chat.chatStarted(maria, "Hello, where is my parcel?"), options);

        PlanfixFake.Contact contact = planfix.contacts().get(0);
        assertThat(planfix.contacts()).hasSize(1);
        assertThat(contact.templateId()).isEqualTo(3L);
        PlanfixFake.Task task = onlyTask();
        assertThat(task.templateId()).isEqualTo(41L);
        assertThat(task.counterpartyId()).isEqualTo(contact.id());
        assertThat(task.description()).contains("Berlin", "https://shop.example.com/delivery",
                "https://www.google.com/", "desktop");
        assertThat(planfix.lastBody("POST /rest/task/").orElseThrow().path("participants").toString()).contains("user:6");
        assertThat(planfix.comments(task.id())).extracting(PlanfixFake.Comment::description)
                .anySatisfy(text -> assertThat(text).contains("Hello, where is my parcel?"));
        assertThat(planfix.contactComments(contact.id())).singleElement()
                .satisfies(c -> assertThat(c.description()).contains("macOS 14.5", "Chrome 126", "203.0.113.7"));
    }

    // ------------------------------------------------------------------ CP4, chat → task

    @Test
    void eachClientMessageBecomesOneCommentInOrderEvenWhenDeliveredAgainOrRepeatedInTheTranscript() {
        ConfigValues options = options(Map.of());
        fromChat(chat.chatStarted(maria, "First"), options);
        ChatraWebhooks.Webhook second = chat.clientMessages(maria, "Second", "Third");
        fromChat(second, options);
        fromChat(second.redelivery(), options);

        PlanfixFake.Task task = onlyTask();
        assertThat(clientComments(task.id())).containsExactly("First", "Second", "Third");
    }

    // ------------------------------------------------------------------ CP4, task → chat; echoes

    @Test
    void anEmployeesCommentReachesTheChatAsTheAgentWithTheSameEMailAndItsEchoIsNotCopiedBack() {
        ConfigValues options = options(Map.of());
        fromChat(chat.chatStarted(maria, "Hello"), options);
        long task = onlyTask().id();

        fromTasks(taskHooks.commentAdded(task, nextCommentId++, "<p>Your parcel left today</p>", ANNA,
                "Anna Smirnova", "anna@acme.test"), options);

        ChatraFake.SentMessage sent = chatra.sentMessages().get(0);
        assertThat(chatra.sentMessages()).hasSize(1);
        assertThat(sent.text()).isEqualTo("Your parcel left today");
        assertThat(sent.agentId()).isEqualTo(annaAgent);
        assertThat(sent.clientId()).isEqualTo(maria.id());

        // Chatra reports the message the flow sent (marked as received from the integration): not copied back.
        int comments = planfix.comments(task).size();
        fromChat(chat.echo(maria, sent, chatra.agents().stream().filter(a -> a.id().equals(annaAgent)).findFirst()
                .orElseThrow()), options);
        assertThat(planfix.comments(task)).hasSize(comments);
        // Reported without that mark, as an ordinary agent message with the same text: the flow knows it too.
        fromChat(chat.agentMessage(maria, annaAgent, "Anna Smirnova", "anna@acme.test", "Your parcel left today"),
                options);
        assertThat(planfix.comments(task)).hasSize(comments);
        assertThat(notes()).anyMatch(n -> n.contains("which this flow posted in the chat; not copied back"));
        // The same words typed again later by the agent are hers, and copied.
        fromChat(chat.agentMessage(maria, annaAgent, "Anna Smirnova", "anna@acme.test", "Your parcel left today"),
                options);
        assertThat(planfix.comments(task)).hasSize(comments + 1);
    }

    @Test
    void withSendAsEmployeeOffTheCommentGoesAsTheIntegrationsUser() {
        ConfigValues options = options(Map.of("send_as_employee", false));
        fromChat(chat.chatStarted(maria, "Hello"), options);
        fromTasks(taskHooks.commentAdded(onlyTask().id(), nextCommentId++, "Hi!", ANNA, "Anna Smirnova",
                "anna@acme.test"), options);
        assertThat(chatra.sentMessages()).singleElement().satisfies(m -> assertThat(m.agentId()).isEqualTo(botAgent));
    }

    @Test
    void theTasksOwnCopyOfAChatMessageIsNotSentBackToTheChat() {
        ConfigValues options = options(Map.of());
        fromChat(chat.chatStarted(maria, "Hello"), options);
        long task = onlyTask().id();
        // Planfix's scenario reports every comment, the flow's own copy of the client's message too.
        fromTasks(taskHooks.commentAdded(task, nextCommentId++, "Hello", ANNA, "Anna Smirnova", "anna@acme.test"),
                options);
        assertThat(chatra.sentMessages()).isEmpty();
        assertThat(notes()).anyMatch(n -> n.contains("(from the chat); not sent back"));
    }

    @Test
    void aCommentRepeatedByTheTaskSystemIsSentOnce() {
        ConfigValues options = options(Map.of());
        fromChat(chat.chatStarted(maria, "Hello"), options);
        String hook = taskHooks.commentAdded(onlyTask().id(), nextCommentId++, "Once", ANNA, "Anna Smirnova",
                "anna@acme.test");
        fromTasks(hook, options);
        fromTasks(hook, options);
        assertThat(chatra.sentMessages()).hasSize(1);
    }

    @Test
    void commentsOfTasksWithoutAConversationStayInTheTaskSystem() {
        ConfigValues options = options(Map.of());
        long other = planfix.addTask(null, "Internal work", 2, null);
        fromTasks(taskHooks.commentAdded(other, nextCommentId++, "Done", ANNA, "Anna Smirnova", "anna@acme.test"),
                options);
        assertThat(chatra.sentMessages()).isEmpty();
        assertThat(notes()).anyMatch(n -> n.contains("is not a conversation's"));
    }

    // ------------------------------------------------------------------ CP5, CP8

    @Test
    void whenTheClientLeavesTheTaskIsCompletedAndALaterReplyStillReachesThem() {
        ConfigValues options = options(Map.of());
        ChatraVisitor olga = ChatraVisitor.anonymous("olga-visitor-1", "chat-olga-1")
                .introduced("Olga", "olga@example.com", null);
        chatra.addVisitor(olga);
        fromChat(chat.chatStarted(olga, "Please call me"), options);
        long task = onlyTask().id();
        chatra.leave(olga.id());
        fromChat(chat.transcript(olga), options);

        assertThat(planfix.task(task).orElseThrow().statusId()).as("completed").isNotEqualTo(onlyTaskInitialStatus());
        assertThat(clientComments(task)).containsExactly("Please call me");

        fromTasks(taskHooks.commentAdded(task, nextCommentId++, "We called, no answer", ANNA, "Anna Smirnova",
                "anna@acme.test"), options);
        assertThat(chatra.sentMessages()).singleElement().satisfies(m -> assertThat(m.emailed()).isTrue());
        assertThat(notes()).anyMatch(n -> n.contains("delivers the reply by e-mail"));
    }

    // ------------------------------------------------------------------ CP3

    @Test
    void withOnlyIfNoActiveTaskAKnownClientsNewChatContinuesTheirActiveTask() {
        long contact = planfix.addContact("Olga", "Petrova", "olga@example.com", null);
        long active = planfix.addTask(contact, "Earlier chat", 2, null);
        ChatraVisitor olga = ChatraVisitor.anonymous("olga-visitor-2", "chat-olga-2")
                .introduced("Olga Petrova", "olga@example.com", null);
        chatra.addVisitor(olga);
        fromChat(chat.chatStarted(olga, "It is me again"), options(Map.of("only_if_no_active_task", true)));

        assertThat(planfix.tasks()).hasSize(1);
        assertThat(clientComments(active)).containsExactly("It is me again");
        assertThat(planfix.contacts()).hasSize(1);
    }

    // ------------------------------------------------------------------ CP6

    @Test
    void aClientWhoIntroducesThemselfUpdatesTheContactWithTheirNextMessage() {
        ConfigValues options = options(Map.of());
        fromChat(chat.chatStarted(maria, "Hello"), options);
        ChatraVisitor introduced = maria.introduced("Maria Schulz", "maria@example.com", "+4915112345678");
        chatra.addVisitor(introduced);
        fromChat(chat.clientInfoUpdated(introduced), options);
        assertThat(planfix.contacts().get(0).email()).as("not before the next message").isNull();

        fromChat(chat.clientMessage(introduced, "My order is 4711"), options);
        assertThat(planfix.contacts()).singleElement().satisfies(c -> {
            assertThat(c.email()).isEqualTo("maria@example.com");
            assertThat(c.phones()).contains("+4915112345678");
        });
    }

    @Test
    void theSameEMailFromASecondDeviceJoinsTheFirstContactAndItsTask() {
        ConfigValues options = options(Map.of());
        ChatraVisitor laptop = ChatraVisitor.anonymous("ivan-laptop", "chat-laptop")
                .introduced("Ivan", "ivan@example.com", null);
        chatra.addVisitor(laptop);
        fromChat(chat.chatStarted(laptop, "From my laptop"), options);
        long task = onlyTask().id();

        ChatraVisitor phone = ChatraVisitor.anonymous("ivan-phone", "chat-phone");
        chatra.addVisitor(phone);
        fromChat(chat.chatStarted(phone, "Now from my phone"), options);
        ChatraVisitor phoneIntroduced = phone.introduced("Ivan", "ivan@example.com", null);
        chatra.addVisitor(phoneIntroduced);
        fromChat(chat.clientInfoUpdated(phoneIntroduced), options);
        fromChat(chat.clientMessage(phoneIntroduced, "Still me"), options);

        assertThat(clientComments(task)).containsExactly("From my laptop", "Still me");
        assertThat(notes()).anyMatch(n -> n.contains("joins its task " + task));
        // A reply on the task reaches the device the client writes from now.
        fromTasks(taskHooks.commentAdded(task, nextCommentId++, "Got it", ANNA, "Anna Smirnova", "anna@acme.test"),
                options);
        assertThat(chatra.sentMessages()).singleElement().satisfies(m -> assertThat(m.clientId()).isEqualTo(phone.id()));
    }

    // ------------------------------------------------------------------ helpers

    private ConfigValues options(Map<String, ?> input) {
        return TestFlowRun.savedOptions(flow, input);
    }

    private TestFlowRun run(ConfigValues options) {
        TestFlowRun run = new TestFlowRun(options, chatraConnector, chatraContext, planfixConnector, planfixContext,
                links, clock);
        runs.add(run);
        return run;
    }

    private void fromChat(ChatraWebhooks.Webhook hook, ConfigValues options) {
        TestFlowRun run = run(options);
        for (ChannelEvent event : chatraConnector.parse(request(hook.body()), chatraContext).events()) {
            flow.handle(event, run);
        }
    }

    private void fromTasks(String body, ConfigValues options) {
        TestFlowRun run = run(options);
        for (HelpdeskEvent event : planfixConnector.parse(request(body), planfixContext).events()) {
            flow.handleFromTarget(event, run);
        }
    }

    private static InboundRequest request(String body) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")), Map.of(),
                body.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-12-03T10:00:00Z"));
    }

    private List<String> notes() {
        return runs.stream().flatMap(r -> r.activity().notes().stream()).toList();
    }

    private PlanfixFake.Task onlyTask() {
        assertThat(planfix.tasks()).hasSize(1);
        return planfix.tasks().get(0);
    }

    private long onlyTaskInitialStatus() {
        return 2;
    }

    /** The task's comments that came from the client's chat messages, oldest first. */
    private List<String> clientComments(long taskId) {
        return planfix.comments(taskId).stream().map(PlanfixFake.Comment::description)
                .map(d -> d.replaceAll("<[^>]*>", "").strip()).toList();
    }
}
