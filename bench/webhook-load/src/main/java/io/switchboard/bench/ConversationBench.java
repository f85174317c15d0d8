package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.plugins.chatra.fake.ChatraFake;
import io.switchboard.plugins.chatra.fake.ChatraVisitor;
import io.switchboard.plugins.chatra.fake.ChatraWebhooks;
import io.switchboard.plugins.planfix.fake.PlanfixFake;
import io.switchboard.plugins.planfix.fake.PlanfixWebhooks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conversations ↔ tasks, both ways (issue #17): Chatra chat webhooks become a Planfix task and its comments through
 * the {@code conversation-to-task} flow, and employees' Planfix comments become messages in the chat. In-process
 * {@link ChatraFake} and {@link PlanfixFake}; the distribution started by {@link PipelineBench}.
 *
 * <p>Per round, {@code conversations} visitors of their own, each: {@code chatStarted} with message 0, then
 * {@code messages} client messages ({@code chatFragment}), all sent by one {@link WebhookLoad} at the run's
 * concurrency; and, from a second {@link WebhookLoad} running at the same time, {@code replies} Planfix "comment
 * added" webhooks by an employee (Anna, an own agent of the Chatra connection) per conversation, each sent once the
 * conversation's task is at the Planfix fake. Requests are dealt round-robin (request {@code r} is step
 * {@code r / conversations} of conversation {@code r % conversations}), and a step is sent only after the same
 * conversation's previous step was answered 2xx, as the vendors send one conversation's events in order; the
 * waits this costs the senders are counted and printed.
 *
 * <p>Measured: from the first send until every conversation's {@code messages + 1} comments are on its task at the
 * Planfix fake and its {@code replies} messages are in the Chatra fake's {@code sentMessages}: conversations per
 * second. Exactly once and in order: per conversation, each message exactly once as a comment of its (single) task,
 * in the order sent; each reply exactly once in the chat, in order, sent as Anna. Latency of a message: from its
 * webhook's 2xx to its comment being present; of a reply: from its webhook's 2xx to its chat message being present.
 * One poller thread looks at the fakes' state every {@code -Dbench.pollMillis} ms (default
 * {@value #DEFAULT_POLL_MILLIS}; a look is a copy under the fake's lock, no request to the measured server), so the
 * figures are late by up to that much plus a look's duration. As in {@link ChatBench}, the webhooks are accepted far
 * faster than the flow works them off, so the figures describe a burst of N conversations, not a lone message.
 *
 * <p>Not simulated: the vendors' echoes (Planfix's webhook for the flow's own comments, Chatra's for the flow's own
 * messages), the client leaving.
 */
final class ConversationBench implements AutoCloseable {

    static final int DEFAULT_POLL_MILLIS = 25;
    private static final String CHATRA_PUBLIC = "pubbench" + hex(9);
    private static final String CHATRA_SECRET = "secbench" + hex(24);
    private static final String PLANFIX_TOKEN = "benchplanfix" + hex(20);
    private static final long ANNA = 5;
    private static final String ANNA_NAME = "Anna Smirnova";
    private static final String ANNA_EMAIL = "anna@acme.test";
    private static final Pattern TEXT = Pattern.compile("Bench (\\w+) chat (\\d+) (message|reply) (\\d+)");
    /** How long a sender waits for the previous step of its conversation (or for its task) before it gives up. */
    private static final long WAIT_NANOS = Duration.ofSeconds(Long.getLong("bench.orderWaitSeconds", 120)).toNanos();

    private final int pollMillis = Integer.getInteger("bench.pollMillis", DEFAULT_POLL_MILLIS);
    private final ChatraFake chatra = new ChatraFake(CHATRA_PUBLIC, CHATRA_SECRET);
    private final String annaAgent = chatra.addAgent(ANNA_NAME, ANNA_EMAIL);
    private final PlanfixFake planfix = new PlanfixFake(PLANFIX_TOKEN, 1);
    private final ChatraWebhooks chatHooks = new ChatraWebhooks();
    private final PlanfixWebhooks taskHooks = new PlanfixWebhooks();
    private final AtomicLong commentIds = new AtomicLong(700_000);
    private final String chatraConnection;
    private final String planfixConnection;
    private final String chatraUrl;
    private final String planfixUrl;
    private final ProcessHandle platform;

    /** A round's outcome. */
    record Result(String label, int conversations, double seconds, double conversationsPerSecond, boolean valid) {
    }

    /**
     * Starts the fakes and makes the Chatra and Planfix connections and the conversation-to-task flow of the tenant.
     *
     * @param platform the launcher's process, whose tree's CPU time is reported per round (or {@code null})
     */
    ConversationBench(ApiClient admin, ProcessHandle platform) throws Exception {
        this.platform = platform;
        chatra.addAgent("Switchboard", "bot@acme.test");
        planfix.addTaskTemplate(41, "Chat from the website").addContactTemplate(3, "Client")
                .addUser(ANNA, "Anna", "Smirnova", ANNA_EMAIL, true);
        admin.put("/api/v1/catalogue/chatra");
        admin.put("/api/v1/catalogue/planfix");
        JsonNode chat = admin.post("/api/v1/connections", CrashTest.object().put("connector", "chatra")
                .put("name", "Chats").set("settings", CrashTest.object().put("public_key", CHATRA_PUBLIC)
                        .put("secret_key", CHATRA_SECRET).put("api_url", chatra.baseUrl() + "/")
                        .put("own_agents", ANNA_EMAIL).put("default_agent", "bot@acme.test")));
        JsonNode tasks = admin.post("/api/v1/connections", CrashTest.object().put("connector", "planfix")
                .put("name", "Tasks").set("settings", CrashTest.object().put("account", planfix.baseUrl())
                        .put("api_token", PLANFIX_TOKEN).put("task_template", 41).put("contact_template", 3)));
        admin.post("/api/v1/flows", CrashTest.object().put("type", "conversation-to-task")
                .put("name", "Chats to tasks").put("source", chat.path("id").asText())
                .put("target", tasks.path("id").asText()).set("options", CrashTest.object()));
        chatraConnection = chat.path("id").asText();
        planfixConnection = tasks.path("id").asText();
        chatraUrl = chat.path("inboundUrl").asText();
        planfixUrl = tasks.path("inboundUrl").asText();
    }

    /**
     * One round: {@code n} conversations of new visitors, each with {@code k} client messages after the first and
     * {@code m} employee replies; waits for every effect (or for the platform to have nothing open), checks and prints.
     */
    Result round(String label, int n, int k, int m, int concurrency, int replyConcurrency, ApiClient admin,
                 PrintStream out) throws Exception {
        int steps = k + 1;
        ChatraVisitor[] visitors = new ChatraVisitor[n];
        Map<String, Integer> byChat = new HashMap<>();
        String[] chatBodies = new String[n * steps];
        for (int i = 0; i < n; i++) {
            String id = "v" + hex(32);
            visitors[i] = ChatraVisitor.anonymous(id, "c" + hex(17));
            chatra.addVisitor(visitors[i]);
            byChat.put(visitors[i].chatId(), i);
        }
        // The webhooks of a chat are made in its order (the generator keeps each chat's history).
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < n; i++) {
                String text = text(label, i, "message", s)
                        + (s == 0 ? ": hello, I have a question about my order" : ": and one more detail");
                chatBodies[s * n + i] = (s == 0 ? chatHooks.chatStarted(visitors[i], text)
                        : chatHooks.clientMessage(visitors[i], text)).body();
            }
        }
        Set<Long> tasksBefore = new HashSet<>();
        planfix.tasks().forEach(t -> tasksBefore.add(t.id()));
        int contactsBefore = planfix.contacts().size();
        int planfixCallsBefore = planfix.calls().size();
        int chatraRequestsBefore = chatra.requests().size();
        int sentBefore = chatra.sentMessages().size();
        long lastChatEvent = newestEvent(admin, chatraConnection);
        long lastTaskEvent = newestEvent(admin, planfixConnection);

        AtomicLongArray chatAccepted = new AtomicLongArray(n * steps);
        AtomicLongArray replyAccepted = new AtomicLongArray(n * m);
        AtomicLongArray taskIds = new AtomicLongArray(n);
        long[] taskAt = new long[n];
        long[] commentAt = new long[n * steps];
        long[] replyAt = new long[n * m];
        AtomicInteger orderWaits = new AtomicInteger();
        AtomicInteger orderGaveUp = new AtomicInteger();
        AtomicInteger taskWaits = new AtomicInteger();
        AtomicInteger repliesWithoutTask = new AtomicInteger();
        AtomicLong firstReplySent = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean giveUp = new java.util.concurrent.atomic.AtomicBoolean();

        WebhookLoad.Source chatSource = new WebhookLoad.Source() {
            @Override
            public Payloads.Request request(URI url, long r) {
                int at = (int) r;
                if (at >= n) {
                    awaitPrevious(chatAccepted, at - n, orderWaits, orderGaveUp);
                }
                return Payloads.Request.json(url, chatBodies[at]);
            }

            @Override
            public void accepted(long r, long nanoTime) {
                chatAccepted.set((int) r, nanoTime);
            }

            @Override
            public String describe() {
                return n + " Chatra chats of new visitors: chatStarted + " + k + " chatFragment each, a chat's in order";
            }
        };
        WebhookLoad.Source replySource = new WebhookLoad.Source() {
            @Override
            public Payloads.Request request(URI url, long r) {
                int at = (int) r;
                int i = at % n;
                long task = taskIds.get(i);
                if (task == 0) {
                    taskWaits.incrementAndGet();
                    long deadline = System.nanoTime() + WAIT_NANOS;
                    while ((task = taskIds.get(i)) == 0 && !giveUp.get() && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(2_000_000);
                    }
                }
                if (task == 0) {
                    // No task for this conversation: sent to a task that is no conversation's (the flow skips it).
                    repliesWithoutTask.incrementAndGet();
                    task = 1;
                }
                if (at >= n) {
                    awaitPrevious(replyAccepted, at - n, orderWaits, orderGaveUp);
                }
                firstReplySent.compareAndSet(0, System.nanoTime());
                return Payloads.Request.json(url, taskHooks.commentAdded(task, commentIds.incrementAndGet(),
                        "<p>" + text(label, i, "reply", at / n) + "</p>", ANNA, ANNA_NAME, ANNA_EMAIL));
            }

            @Override
            public void accepted(long r, long nanoTime) {
                replyAccepted.set((int) r, nanoTime);
            }

            @Override
            public String describe() {
                return n * m + " Planfix comment webhooks by an employee, " + m + " per conversation once its task "
                        + "exists, a task's in order";
            }
        };

        out.println();
        out.println("=== (d) conversations ↔ tasks (" + label + "): " + n + " Chatra chats × (chatStarted + " + k
                + " messages) → conversation-to-task → task + comments at the Planfix fake; " + m
                + " Planfix comments each → messages at the Chatra fake ===");
        Map<String, Long> cpuBefore = cpu(platform);
        CpuSample boxBefore = CpuSample.now();
        Instant wallStart = Instant.now();
        long start = System.nanoTime();
        Poller poller = new Poller(label, n, steps, m, byChat, visitors, tasksBefore, sentBefore, taskIds, taskAt,
                commentAt, replyAt);
        poller.start();
        AtomicReference<WebhookLoad.Report> chatReport = new AtomicReference<>();
        AtomicReference<WebhookLoad.Report> replyReport = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        ByteArrayOutputStream replyLog = new ByteArrayOutputStream();
        PrintStream replyOut = new PrintStream(replyLog, true, StandardCharsets.UTF_8);
        Thread chatLoad = new Thread(() -> {
            try {
                chatReport.set(new WebhookLoad(Options.parse("--target=" + chatraUrl,
                        "--concurrency=" + concurrency, "--duration=900", "--warmup=0", "--rounds=1",
                        "--run=conv" + label, "--requests=" + n * steps), out, chatSource).run());
            } catch (Throwable e) {
                failed.compareAndSet(null, e);
            }
        }, "conv-chat-load");
        Thread replyLoad = new Thread(() -> {
            try {
                replyReport.set(new WebhookLoad(Options.parse("--target=" + planfixUrl,
                        "--concurrency=" + replyConcurrency, "--duration=900", "--warmup=0", "--rounds=1",
                        "--run=reply" + label, "--requests=" + n * m), replyOut, replySource).run());
            } catch (Throwable e) {
                failed.compareAndSet(null, e);
            }
        }, "conv-reply-load");
        chatLoad.start();
        replyLoad.start();
        chatLoad.join();
        long chatSentEnd = System.nanoTime();
        // The replies wait for their tasks: once the chat side is sent and the platform has nothing open, a task not
        // there now will not come, and its replies are sent to no task.
        while (replyLoad.isAlive()) {
            replyLoad.join(1000);
            if (replyLoad.isAlive() && poller.tasksKnown() < n && PipelineBench.drainedNow(admin)) {
                giveUp.set(true);
            }
        }
        long replySentEnd = System.nanoTime();
        out.println("--- the Planfix side's load (ran at the same time) ---");
        out.print(replyLog.toString(StandardCharsets.UTF_8));
        if (failed.get() != null) {
            throw new IllegalStateException("a load thread failed", failed.get());
        }
        // Every effect seen, or nothing open any more (then one last look, and what is missing stays missing).
        while (poller.isAlive()) {
            if (PipelineBench.drainedNow(admin)) {
                poller.finish();
            }
            poller.join(500);
        }
        Instant drained = PipelineBench.awaitDrained(admin);
        CpuSample boxAfter = CpuSample.now();
        Map<String, Long> cpuAfter = cpu(platform);
        long commentsDone = Arrays.stream(commentAt).max().orElse(0);
        long repliesDone = Arrays.stream(replyAt).max().orElse(0);
        boolean allSeen = Arrays.stream(commentAt).allMatch(t -> t != 0) && Arrays.stream(replyAt).allMatch(t -> t != 0);
        long end = Math.max(commentsDone, repliesDone);
        if (!allSeen) {
            end = System.nanoTime() - Duration.between(drained, Instant.now()).toNanos();
        }
        double seconds = (end - start) / 1e9;

        // ---- exactly once, in order
        List<PlanfixFake.Task> roundTasks = planfix.tasks().stream().filter(t -> !tasksBefore.contains(t.id()))
                .toList();
        int[] tasksOf = new int[n];
        int unmatchedTasks = 0;
        for (PlanfixFake.Task t : roundTasks) {
            Integer i = poller.conversationOf(t);
            if (i == null) {
                unmatchedTasks++;
            } else {
                tasksOf[i]++;
            }
        }
        Check comments = new Check();
        Check replies = new Check();
        int otherComments = 0;
        List<String> problems = new ArrayList<>();
        Map<String, List<Integer>> repliesByClient = new HashMap<>();
        int notAsAnna = 0;
        List<ChatraFake.SentMessage> sent = chatra.sentMessages();
        for (ChatraFake.SentMessage msg : sent.subList(Math.min(sentBefore, sent.size()), sent.size())) {
            Matcher x = TEXT.matcher(msg.text());
            if (x.find() && x.group(1).equals(label) && x.group(3).equals("reply")) {
                repliesByClient.computeIfAbsent(msg.clientId(), c -> new ArrayList<>()).add(Integer.parseInt(x.group(4)));
                notAsAnna += annaAgent.equals(msg.agentId()) ? 0 : 1;
            }
        }
        for (int i = 0; i < n; i++) {
            long task = taskIds.get(i);
            List<Integer> seen = new ArrayList<>();
            if (task != 0) {
                for (PlanfixFake.Comment c : planfix.comments(task)) {
                    Matcher x = TEXT.matcher(c.description());
                    if (x.find() && x.group(1).equals(label) && Integer.parseInt(x.group(2)) == i
                            && x.group(3).equals("message")) {
                        seen.add(Integer.parseInt(x.group(4)));
                    } else {
                        otherComments++;
                    }
                }
            }
            String c = comments.add(seen, steps);
            if (c != null && problems.size() < 20) {
                problems.add("conversation " + i + " (chat " + visitors[i].chatId() + ", task " + task + "): comments "
                        + seen + " — " + c);
            }
            List<Integer> got = repliesByClient.getOrDefault(visitors[i].id(), List.of());
            String r = replies.add(got, m);
            if (r != null && problems.size() < 20) {
                problems.add("conversation " + i + " (visitor " + visitors[i].id() + ", task " + task + "): replies "
                        + got + " — " + r);
            }
        }
        int oneTask = (int) Arrays.stream(tasksOf).filter(t -> t == 1).count();
        int contacts = planfix.contacts().size() - contactsBefore;

        // ---- vendor requests
        List<String> planfixCalls = planfix.calls();
        planfixCalls = planfixCalls.subList(planfixCallsBefore, planfixCalls.size());
        List<String> chatraRequests = chatra.requests();
        chatraRequests = chatraRequests.subList(chatraRequestsBefore, chatraRequests.size());
        Map<String, Integer> byKind = new TreeMap<>();
        planfixCalls.forEach(c -> byKind.merge("Planfix " + c.replaceAll("/\\d+", "/{id}"), 1, Integer::sum));
        chatraRequests.forEach(c -> byKind.merge("Chatra " + c.replaceAll("/[A-Za-z0-9]{10,}", "/{id}")
                .replaceAll(" \\[.*$", ""), 1, Integer::sum));

        // ---- latencies
        long[] firstLat = latencies(chatAccepted, commentAt, 0, n);
        long[] laterLat = latencies(chatAccepted, commentAt, n, n * steps);
        long[] allChatLat = latencies(chatAccepted, commentAt, 0, n * steps);
        long[] replyLat = latencies(replyAccepted, replyAt, 0, n * m);
        long[] taskLat = new long[n];
        int tl = 0;
        for (int i = 0; i < n; i++) {
            if (taskAt[i] != 0 && chatAccepted.get(i) != 0) {
                taskLat[tl++] = Math.max(0, taskAt[i] - chatAccepted.get(i));
            }
        }
        taskLat = Arrays.copyOf(taskLat, tl);
        Arrays.sort(taskLat);
        Server chatServer = serverSide(admin, chatraConnection, lastChatEvent);
        Server taskServer = serverSide(admin, planfixConnection, lastTaskEvent);
        List<String> openOrDead = unusual(admin);

        long chatOk = ok(chatReport.get());
        long replyOk = ok(replyReport.get());
        boolean valid = chatReport.get().valid() && replyReport.get().valid() && chatOk == (long) n * steps
                && replyOk == (long) n * m && oneTask == n && unmatchedTasks == 0 && comments.exact == n
                && replies.exact == n && notAsAnna == 0 && repliesWithoutTask.get() == 0 && allSeen;
        int effects = n * steps + n * m;

        out.printf(Locale.ROOT, "conversations both ways: %d conversations, %d chat webhooks and %d Planfix webhooks "
                        + "accepted (chat side sent in %.1f s, Planfix side in %.1f s); every comment and reply present "
                        + "%.1f s after the first send: %.2f conversations/s (%.1f messages+replies/s); drained at "
                        + "+%.1f s%n", n, chatOk, replyOk, (chatSentEnd - start) / 1e9, (replySentEnd - start) / 1e9,
                seconds, n / seconds, effects / seconds, Duration.between(wallStart, drained).toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  chat side complete (all %d comments) at +%.1f s; Planfix side complete (all %d "
                        + "replies) at +%.1f s; first reply sent at +%.1f s%n", n * steps,
                commentsDone == 0 ? Double.NaN : (commentsDone - start) / 1e9, n * m,
                repliesDone == 0 ? Double.NaN : (repliesDone - start) / 1e9,
                firstReplySent.get() == 0 ? Double.NaN : (firstReplySent.get() - start) / 1e9);
        out.printf(Locale.ROOT, "  exactly once: tasks per conversation: %d exactly one, %d none, %d more; tasks of "
                        + "no conversation %d; contacts created %d%n", oneTask,
                (int) Arrays.stream(tasksOf).filter(t -> t == 0).count(),
                (int) Arrays.stream(tasksOf).filter(t -> t > 1).count(), unmatchedTasks, contacts);
        out.printf(Locale.ROOT, "    messages → comments (%d per conversation): %s; other comments on the tasks %d%n",
                steps, comments, otherComments);
        out.printf(Locale.ROOT, "    replies → chat messages (%d per conversation): %s; not sent as Anna %d; replies "
                + "sent to no task (task missing) %d%n", m, replies, notAsAnna, repliesWithoutTask.get());
        problems.forEach(p -> out.println("    ! " + p));
        out.printf(Locale.ROOT, "  senders: %d waits for a conversation's previous step to be answered (%d gave up "
                + "after %d s), %d replies waited for their task%n", orderWaits.get(), orderGaveUp.get(),
                WAIT_NANOS / 1_000_000_000L, taskWaits.get());
        printLatency(out, "chatStarted answered → task present", taskLat);
        printLatency(out, "chatStarted answered → its comment present", firstLat);
        printLatency(out, "later message answered → its comment present", laterLat);
        printLatency(out, "any chat message answered → its comment present", allChatLat);
        printLatency(out, "Planfix comment answered → chat message present", replyLat);
        out.printf(Locale.ROOT, "  (polled every %d ms from one thread)%n", pollMillis);
        printServer(out, "Chatra events", chatServer);
        printServer(out, "Planfix events", taskServer);
        out.printf(Locale.ROOT, "  vendor requests: %d at Planfix, %d at Chatra = %.2f per conversation:%n",
                planfixCalls.size(), chatraRequests.size(),
                (planfixCalls.size() + chatraRequests.size()) / (double) Math.max(1, n));
        byKind.forEach((kind, c) -> out.printf(Locale.ROOT, "    %-46s %7d  %.2f per conversation%n", kind, c,
                c / (double) Math.max(1, n)));
        JsonNode planfixVendor = admin.get("/api/v1/connections/" + planfixConnection).path("vendor");
        JsonNode chatraVendor = admin.get("/api/v1/connections/" + chatraConnection).path("vendor");
        double chatSide = commentsDone == 0 ? Double.NaN : (commentsDone - start) / 1e9;
        long planfixByChat = planfixCalls.stream().filter(c -> !c.contains("/comments/list")).count();
        out.printf(Locale.ROOT, "  rate limits in force (requests a minute): Planfix connection %s (declared %s), "
                        + "Chatra connection %s (declared %s); Planfix requests until the chat side was complete: "
                        + "%.0f/s on average (%d in %.1f s)%n", planfixVendor.path("requestsPerMinute").asText("none"),
                planfixVendor.path("connectorLimitPerMinute").asText("none"),
                chatraVendor.path("requestsPerMinute").asText("none"),
                chatraVendor.path("connectorLimitPerMinute").asText("none"), planfixByChat / chatSide, planfixByChat,
                chatSide);
        double wall = (boxAfter.wallNanos() - boxBefore.wallNanos()) / 1e9;
        out.printf(Locale.ROOT, "  CPU over the round (%.1f s): machine %.2f cores; this bench JVM (generators, fakes, "
                + "poller) %.2f cores", wall, boxAfter.boxCoresSince(boxBefore), boxAfter.processCoresSince(boxBefore));
        Map<String, Double> platformCores = new TreeMap<>();
        cpuAfter.forEach((name, ms) -> platformCores.put(name, (ms - cpuBefore.getOrDefault(name, 0L)) / 1000.0 / wall));
        platformCores.forEach((name, cores) -> out.printf(Locale.ROOT, "; %s %.2f cores", name, cores));
        out.println();
        if (!openOrDead.isEmpty()) {
            out.println("  unusual events (retrying, dead, or notes about doubles):");
            openOrDead.forEach(l -> out.println("    " + l));
        }
        if (!valid) {
            out.println("  INVALID conversation round: a webhook was not answered 2xx, or a conversation has no or more "
                    + "than one task, or a message or reply is missing, double or out of order (see above)");
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("round", label);
        json.put("conversations", n);
        json.put("messagesPerConversation", steps);
        json.put("repliesPerConversation", m);
        json.put("concurrency", concurrency);
        json.put("replyConcurrency", replyConcurrency);
        json.put("seconds", seconds);
        json.put("conversationsPerSecond", n / seconds);
        json.put("effectsPerSecond", effects / seconds);
        json.put("chatSendSeconds", (chatSentEnd - start) / 1e9);
        json.put("commentsCompleteSeconds", commentsDone == 0 ? null : (commentsDone - start) / 1e9);
        json.put("repliesCompleteSeconds", repliesDone == 0 ? null : (repliesDone - start) / 1e9);
        json.put("tasksExactlyOne", oneTask);
        json.put("commentsExact", comments.exact);
        json.put("commentsMissing", comments.missing);
        json.put("commentsDouble", comments.doubled);
        json.put("commentsOutOfOrder", comments.reordered);
        json.put("repliesExact", replies.exact);
        json.put("repliesMissing", replies.missing);
        json.put("repliesDouble", replies.doubled);
        json.put("repliesOutOfOrder", replies.reordered);
        json.put("contacts", contacts);
        json.put("taskP50Ms", pct(taskLat, 50));
        json.put("chatP50Ms", pct(allChatLat, 50));
        json.put("chatP95Ms", pct(allChatLat, 95));
        json.put("chatP99Ms", pct(allChatLat, 99));
        json.put("chatMaxMs", pct(allChatLat, 100));
        json.put("replyP50Ms", pct(replyLat, 50));
        json.put("replyP95Ms", pct(replyLat, 95));
        json.put("replyP99Ms", pct(replyLat, 99));
        json.put("replyMaxMs", pct(replyLat, 100));
        json.put("planfixRequests", planfixCalls.size());
        json.put("chatraRequests", chatraRequests.size());
        json.put("requestsByKind", new LinkedHashMap<>(byKind));
        json.put("planfixLimitPerMinute", planfixVendor.path("requestsPerMinute").isNumber()
                ? planfixVendor.path("requestsPerMinute").asDouble() : null);
        json.put("planfixRequestsPerSecondChatSide", planfixByChat / chatSide);
        json.put("chatWebhookP99Ms", chatReport.get().json().get("targetP99Ms"));
        json.put("replyWebhookP99Ms", replyReport.get().json().get("targetP99Ms"));
        json.put("machineCores", boxAfter.boxCoresSince(boxBefore));
        json.put("platformCores", new LinkedHashMap<>(platformCores));
        json.put("valid", valid);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        out.println("RESULT-CONV " + Json.write(json));
        return new Result(label, n, seconds, n / seconds, valid);
    }

    private static void awaitPrevious(AtomicLongArray accepted, int previous, AtomicInteger waits,
                                      AtomicInteger gaveUp) {
        if (accepted.get(previous) != 0) {
            return;
        }
        waits.incrementAndGet();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (accepted.get(previous) == 0) {
            if (System.nanoTime() > deadline) {
                gaveUp.incrementAndGet();
                return;
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private static long ok(WebhookLoad.Report report) {
        return report.phases().stream().mapToLong(WebhookLoad.Phase::ok).sum();
    }

    /** @return {@code effectAt − acceptedAt} of the requests {@code from} to {@code to} where both are known, sorted */
    private static long[] latencies(AtomicLongArray acceptedAt, long[] effectAt, int from, int to) {
        long[] out = new long[to - from];
        int k = 0;
        for (int r = from; r < to; r++) {
            if (acceptedAt.get(r) != 0 && effectAt[r] != 0) {
                // The poller may see the effect before the sender thread took the answer's time: 0 then.
                out[k++] = Math.max(0, effectAt[r] - acceptedAt.get(r));
            }
        }
        out = Arrays.copyOf(out, k);
        Arrays.sort(out);
        return out;
    }

    private static void printLatency(PrintStream out, String what, long[] sorted) {
        out.printf(Locale.ROOT, "  latency, %-48s (%5d): p50 %6s  p95 %6s  p99 %6s  max %6s ms%n", what,
                sorted.length, ms(sorted, 50), ms(sorted, 95), ms(sorted, 99), ms(sorted, 100));
    }

    private static void printServer(PrintStream out, String what, Server s) {
        out.printf(Locale.ROOT, "  platform's own finishedAt − receivedAt, newest %d %s of the round: p50 %s  p95 %s  "
                        + "p99 %s  max %s ms; %d of them attempted more than once%n", s.nanos.length, what,
                ms(s.nanos, 50), ms(s.nanos, 95), ms(s.nanos, 99), ms(s.nanos, 100), s.retried);
    }

    private record Server(long[] nanos, long retried) {
    }

    private static long newestEvent(ApiClient admin, String connection) throws Exception {
        JsonNode newest = admin.get("/api/v1/activity?connection=" + connection + "&limit=1");
        return newest.isEmpty() ? 0 : newest.get(0).path("id").asLong();
    }

    /** The newest ≤ 500 events of a connection in this round (ids above {@code after}). */
    private static Server serverSide(ApiClient admin, String connection, long after) throws Exception {
        List<Long> nanos = new ArrayList<>();
        long retried = 0;
        for (JsonNode e : admin.get("/api/v1/activity?connection=" + connection + "&limit=500")) {
            if (e.path("id").asLong() <= after) {
                continue;
            }
            if (e.path("finishedAt").isTextual() && e.path("receivedAt").isTextual()) {
                nanos.add(Duration.between(Instant.parse(e.path("receivedAt").asText()),
                        Instant.parse(e.path("finishedAt").asText())).toNanos());
            }
            retried += e.path("attempts").asInt() > 1 ? 1 : 0;
        }
        return new Server(nanos.stream().mapToLong(Long::longValue).sorted().toArray(), retried);
    }

    /**
     * @return one line per event that is retrying or dead, or whose notes speak of something that may appear twice
     *         (from the newest ≤ 500 of each connection and every retrying or dead one), at most 30
     */
    private List<String> unusual(ApiClient admin) throws Exception {
        Map<Long, String> lines = new TreeMap<>();
        List<JsonNode> entries = new ArrayList<>();
        for (String q : List.of("state=RETRYING", "state=DEAD", "connection=" + chatraConnection,
                "connection=" + planfixConnection)) {
            admin.get("/api/v1/activity?limit=500&" + q).forEach(entries::add);
        }
        for (JsonNode e : entries) {
            String notes = e.path("notes").toString();
            String state = e.path("state").asText();
            if (!state.equals("DONE") || notes.contains("twice") || notes.contains("already")
                    || e.path("attempts").asInt() > 1) {
                lines.putIfAbsent(e.path("id").asLong(), "event " + e.path("id").asLong() + " " + state + " key "
                        + e.path("orderingKey").asText() + " attempts " + e.path("attempts").asInt() + " summary '"
                        + e.path("summary").asText() + "' error '" + e.path("error").asText() + "' notes " + notes);
            }
        }
        return lines.values().stream().limit(30).toList();
    }

    /**
     * @return CPU milliseconds of the launcher's process tree, by command name (java: the platform; mariadbd…: the
     *         database), or empty when unknown
     */
    private static Map<String, Long> cpu(ProcessHandle root) {
        Map<String, Long> byName = new TreeMap<>();
        if (root == null) {
            return byName;
        }
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        for (ProcessHandle p : all) {
            ProcessHandle.Info info = p.info();
            if (info.totalCpuDuration().isEmpty()) {
                continue;
            }
            String command = info.command().orElse("?");
            String name = command.substring(command.lastIndexOf('/') + 1) + (p.equals(root) ? "(launcher)" : "");
            byName.merge(name, info.totalCpuDuration().get().toMillis(), Long::sum);
        }
        return byName;
    }

    private static double pct(long[] sorted, double p) {
        long v = Latencies.percentile(sorted, p);
        return v < 0 ? Double.NaN : v / 1e6;
    }

    private static String ms(long[] sorted, double p) {
        double v = pct(sorted, p);
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String text(String label, int conversation, String kind, int step) {
        return "Bench " + label + " chat " + conversation + " " + kind + " " + step;
    }

    private static String hex(int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            sb.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return sb.substring(0, length);
    }

    /** Per conversation: its sequence exactly 0..n−1, or what is wrong with it. */
    private static final class Check {
        int exact;
        int missing;
        int doubled;
        int reordered;

        /** @return {@code null} when {@code seen} is exactly 0, 1, …, {@code expected − 1}; else what is wrong */
        String add(List<Integer> seen, int expected) {
            int[] counts = new int[expected];
            int foreign = 0;
            for (int s : seen) {
                if (s >= 0 && s < expected) {
                    counts[s]++;
                } else {
                    foreign++;
                }
            }
            boolean missingOne = Arrays.stream(counts).anyMatch(c -> c == 0);
            boolean doubleOne = Arrays.stream(counts).anyMatch(c -> c > 1) || foreign > 0;
            boolean inOrder = true;
            for (int j = 1; j < seen.size(); j++) {
                inOrder &= seen.get(j) >= seen.get(j - 1);
            }
            if (!missingOne && !doubleOne && inOrder) {
                exact++;
                return null;
            }
            List<String> what = new ArrayList<>();
            if (missingOne) {
                missing++;
                what.add("missing");
            }
            if (doubleOne) {
                doubled++;
                what.add("double");
            }
            if (!inOrder) {
                reordered++;
                what.add("out of order");
            }
            return String.join(", ", what);
        }

        @Override
        public String toString() {
            return exact + " exactly once in order, " + missing + " with one missing, " + doubled + " with a double, "
                    + reordered + " out of order";
        }
    }

    /**
     * Looks at the fakes every {@code pollMillis} ms and stamps each task, comment and chat message when first seen;
     * ends when all are there, or after one more look once {@link #finish} was called.
     */
    private final class Poller extends Thread {
        private final String label;
        private final int n;
        private final int steps;
        private final int m;
        private final Map<String, Integer> byChat;
        private final ChatraVisitor[] visitors;
        private final Map<String, Integer> byVisitor = new HashMap<>();
        private final Set<Long> seenTasks;
        private final AtomicLongArray taskIds;
        private final long[] taskAt;
        private final long[] commentAt;
        private final long[] replyAt;
        private final int[] commentsSeen;
        private final AtomicInteger tasksKnown = new AtomicInteger();
        private int sentScanned;
        private volatile boolean finish;

        Poller(String label, int n, int steps, int m, Map<String, Integer> byChat, ChatraVisitor[] visitors,
               Set<Long> tasksBefore, int sentBefore, AtomicLongArray taskIds, long[] taskAt, long[] commentAt,
               long[] replyAt) {
            super("conv-effects-poller");
            setDaemon(true);
            this.label = label;
            this.n = n;
            this.steps = steps;
            this.m = m;
            this.byChat = byChat;
            this.visitors = visitors;
            for (int i = 0; i < n; i++) {
                byVisitor.put(visitors[i].id(), i);
            }
            this.seenTasks = new HashSet<>(tasksBefore);
            this.sentScanned = sentBefore;
            this.taskIds = taskIds;
            this.taskAt = taskAt;
            this.commentAt = commentAt;
            this.replyAt = replyAt;
            this.commentsSeen = new int[n];
        }

        void finish() {
            finish = true;
        }

        int tasksKnown() {
            return tasksKnown.get();
        }

        /** @return the conversation whose task this is: by its external id, else by the chat id in its text */
        Integer conversationOf(PlanfixFake.Task t) {
            String external = t.sourceObjectId();
            if (external != null) {
                Integer i = byChat.get(external.substring(external.lastIndexOf(':') + 1));
                if (i != null) {
                    return i;
                }
            }
            if (t.description() != null) {
                for (Map.Entry<String, Integer> e : byChat.entrySet()) {
                    if (t.description().contains(e.getKey())) {
                        return e.getValue();
                    }
                }
            }
            return null;
        }

        @Override
        public void run() {
            int repliesLeft = n * m;
            int commentsLeft = n * steps;
            while (true) {
                boolean last = finish;
                if (tasksKnown.get() < n) {
                    for (PlanfixFake.Task t : planfix.tasks()) {
                        if (seenTasks.add(t.id())) {
                            Integer i = conversationOf(t);
                            if (i != null && taskIds.get(i) == 0) {
                                taskAt[i] = System.nanoTime();
                                taskIds.set(i, t.id());
                                tasksKnown.incrementAndGet();
                            }
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    long task = taskIds.get(i);
                    if (task == 0 || commentsSeen[i] == steps) {
                        continue;
                    }
                    for (PlanfixFake.Comment c : planfix.comments(task)) {
                        Matcher x = TEXT.matcher(c.description());
                        if (x.find() && x.group(1).equals(label) && x.group(3).equals("message")
                                && Integer.parseInt(x.group(2)) == i) {
                            int s = Integer.parseInt(x.group(4));
                            if (s < steps && commentAt[s * n + i] == 0) {
                                commentAt[s * n + i] = System.nanoTime();
                                commentsSeen[i]++;
                                commentsLeft--;
                            }
                        }
                    }
                }
                List<ChatraFake.SentMessage> sent = chatra.sentMessages();
                for (int j = sentScanned; j < sent.size(); j++) {
                    ChatraFake.SentMessage msg = sent.get(j);
                    Matcher x = TEXT.matcher(msg.text());
                    Integer i = byVisitor.get(msg.clientId());
                    if (i != null && x.find() && x.group(1).equals(label) && x.group(3).equals("reply")) {
                        int r = Integer.parseInt(x.group(4));
                        if (r < m && replyAt[r * n + i] == 0) {
                            replyAt[r * n + i] = System.nanoTime();
                            repliesLeft--;
                        }
                    }
                }
                sentScanned = sent.size();
                if (last || commentsLeft == 0 && repliesLeft == 0) {
                    return;
                }
                LockSupport.parkNanos(pollMillis * 1_000_000L);
            }
        }
    }

    @Override
    public void close() {
        chatra.close();
        planfix.close();
    }
}
