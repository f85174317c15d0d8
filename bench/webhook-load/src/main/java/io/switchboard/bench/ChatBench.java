package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.testkit.fakes.dashly.DashlyFake;
import io.switchboard.testkit.fakes.dashly.DashlyWebhooks;
import io.switchboard.testkit.fakes.usedesk.UsedeskFake;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chat scenario of the pipeline benchmark (issue #16): operators' {@code /usedesk} commands in Dashly chats →
 * the chat-command-to-ticket flow → a ticket at the Usedesk fake, a bot reply and a lead note at the Dashly fake.
 * Interleaved in one run with the call scenario (Sipuni webhooks → CallToTicket → the same Usedesk fake), so the
 * chat/call ratio is measured on the same machine at the same moment: call, chat, call, chat.
 *
 * <p>A chat round sends one command per conversation (distinct leads with e-mails, seeded in the Dashly fake) at a
 * fixed concurrency, then waits until every command's effects are at the fakes: one ticket, one bot reply, one lead
 * note each (a missing or doubled effect is reported). Commands per second run from the first send to the last
 * effect; latency per command is the platform's own (activity log: finished − received).
 *
 * <p>{@code bench/pipeline-bench.sh [seconds=15] [concurrency=32] chat [commands per round=400]}
 */
public final class ChatBench {

    private static final String SIPUNI_SECRET = "bench-sipuni-secret";
    private static final String USEDESK_TOKEN = "bench-usedesk-token";
    private static final String DASHLY_KEY = "app.58213.benchbenchbenchbenchbenchbench";

    private ChatBench() {
    }

    static void run(int seconds, int concurrency, int commands) throws Exception {
        PrintStream out = System.out;
        Path dist = Path.of(System.getProperty("bench.dist", "launcher/target/switchboard")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of("target/pipeline-bench").toAbsolutePath()
                .resolve("chat-" + System.currentTimeMillis()));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Process launcher = PipelineBench.start(dist, work, port, true, "worker.log");
        try (UsedeskFake usedesk = new UsedeskFake(USEDESK_TOKEN); DashlyFake dashly = new DashlyFake(DASHLY_KEY)) {
            usedesk.addTicketField(51, "Dialog ID in CQ").addTicketField(52, "Profile ID in CQ");
            String bot = dashly.addAdmin("Bench bot");
            PipelineBench.awaitUp(launcher, work.resolve("worker.log"));
            URI base = URI.create("http://127.0.0.1:" + port);
            ApiClient operator = ApiClient.signIn(http, base, "admin@switchboard.local", PipelineBench.PASSWORD);
            operator.post("/api/v1/tenants", CrashTest.object().put("slug", "bench").put("name", "Bench")
                    .put("adminEmail", "admin@bench.test").put("adminPassword", PipelineBench.PASSWORD));
            ApiClient admin = ApiClient.signIn(http, base, "admin@bench.test", PipelineBench.PASSWORD);
            for (String plugin : List.of("sipuni", "usedesk", "dashly")) {
                admin.put("/api/v1/catalogue/" + plugin);
            }
            JsonNode desk = admin.post("/api/v1/connections", CrashTest.object().put("connector", "usedesk")
                    .put("name", "Desk").set("settings", CrashTest.object().put("api_token", USEDESK_TOKEN)
                            .put("region", "custom").put("base_url", usedesk.baseUrl())));
            JsonNode pbx = admin.post("/api/v1/connections", CrashTest.object().put("connector", "sipuni")
                    .put("name", "PBX").set("settings", CrashTest.object().put("webhook_secret", SIPUNI_SECRET)));
            JsonNode chat = admin.post("/api/v1/connections", CrashTest.object().put("connector", "dashly")
                    .put("name", "Chat").set("settings", CrashTest.object().put("api_token", DASHLY_KEY)
                            .put("api_host", "custom").put("api_url", dashly.baseUrl()).put("site", "bench.test")));
            admin.post("/api/v1/flows", CrashTest.object().put("type", "call-to-ticket").put("name", "Calls")
                    .put("source", pbx.path("id").asText()).put("target", desk.path("id").asText())
                    .set("options", CrashTest.object()));
            admin.post("/api/v1/flows", CrashTest.object().put("type", "chat-command-to-ticket").put("name", "Chats")
                    .put("source", chat.path("id").asText()).put("target", desk.path("id").asText())
                    .set("options", CrashTest.object()));

            DashlyWebhooks webhooks = new DashlyWebhooks("unused").withoutToken();
            for (int round = 1; round <= 2; round++) {
                out.println();
                out.println("=== call round " + round + ": whole calls, webhook → CallToTicket → ticket at the Usedesk fake ===");
                int ticketsBefore = usedesk.tickets().size();
                Instant start = Instant.now();
                WebhookLoad.Report calls = new WebhookLoad(Options.parse("--target=" + pbx.path("inboundUrl").asText(),
                        "--token=" + SIPUNI_SECRET, "--concurrency=" + concurrency, "--duration=" + seconds,
                        "--warmup=0", "--rounds=1", "--run=call" + round, "--calls=whole",
                        "--numbers-from=" + PipelineBench.numbersFrom(round + 2)), out).run();
                long accepted = calls.phases().stream().mapToLong(p -> p.ok()).sum();
                long stored = accepted - ((Number) calls.json().get("repeats")).longValue();
                double callSeconds = Duration.between(start, PipelineBench.awaitDrained(admin)).toMillis() / 1000.0;
                int callTickets = usedesk.tickets().size() - ticketsBefore;
                out.printf(Locale.ROOT, "calls: %d events stored, processed in %.1f s: %.0f events/s, %d tickets%n",
                        stored, callSeconds, stored / callSeconds, callTickets);

                out.println();
                out.println("=== chat round " + round + ": " + commands + " commands, webhook → chat-command flow → "
                        + "ticket, bot reply, lead note ===");
                chatRound(round, commands, concurrency, http, URI.create(chat.path("inboundUrl").asText()), usedesk,
                        dashly, bot, webhooks, admin, chat.path("id").asText(), stored / callSeconds, out);
            }
        } finally {
            launcher.destroy();
            launcher.waitFor();
            if (!Boolean.getBoolean("bench.keep")) {
                try (java.util.stream.Stream<Path> files = Files.walk(work)) {
                    for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    private static void chatRound(int round, int commands, int concurrency, HttpClient http, URI inbound,
                                  UsedeskFake usedesk, DashlyFake dashly, String bot, DashlyWebhooks webhooks,
                                  ApiClient admin, String chatId, double callEventsPerSecond, PrintStream out)
            throws Exception {
        List<String[]> talks = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            String lead = dashly.addLead("Lead " + round + "-" + i, "lead-" + round + "-" + i + "@bench.test");
            talks.add(new String[] {lead, dashly.addConversation(lead)});
        }
        int usedeskBefore = usedesk.requests().size();
        int dashlyBefore = dashly.requests().size();
        int ticketsBefore = usedesk.tickets().size();
        AtomicInteger refused = new AtomicInteger();
        Instant start = Instant.now();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (String[] talk : talks) {
                sent.add(senders.submit(() -> {
                    DashlyWebhooks.Webhook hook = webhooks.operatorNote(talk[1], talk[0], bot,
                            "/usedesk Bench request in " + talk[1]);
                    HttpRequest.Builder request = HttpRequest.newBuilder(inbound)
                            .POST(HttpRequest.BodyPublishers.ofString(hook.body()));
                    hook.headers().forEach(request::header);
                    if (http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        } finally {
            senders.shutdown();
        }
        double sendSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Instant drained = PipelineBench.awaitDrained(admin);
        double seconds = Duration.between(start, drained).toMillis() / 1000.0;

        int tickets = usedesk.tickets().size() - ticketsBefore;
        int replies = 0;
        int notes = 0;
        int odd = 0;
        for (String[] talk : talks) {
            long ours = dashly.parts(talk[1]).stream().filter(p -> bot.equals(p.fromAdmin())).count();
            int leadNotes = dashly.leadEvents(talk[0]).size();
            replies += (int) ours;
            notes += leadNotes;
            if (ours != 1 || leadNotes != 1) {
                odd++;
            }
        }
        List<Long> latencies = new ArrayList<>();
        for (JsonNode entry : admin.get("/api/v1/activity?connection=" + chatId + "&limit=" + (commands * 3))) {
            if (!entry.path("finishedAt").isMissingNode() && !entry.path("finishedAt").isNull()) {
                latencies.add(Duration.between(Instant.parse(entry.path("receivedAt").asText()),
                        Instant.parse(entry.path("finishedAt").asText())).toMillis());
            }
        }
        Collections.sort(latencies);
        double usedeskPerCommand = (usedesk.requests().size() - usedeskBefore) / (double) commands;
        double dashlyPerCommand = (dashly.requests().size() - dashlyBefore) / (double) commands;
        out.printf(Locale.ROOT, "chat: %d commands sent in %.1f s (%d refused), all effects in %.1f s: %.0f "
                        + "commands/s (%.0f vendor writes/s); %d tickets, %d bot replies, %d lead notes, %d commands "
                        + "without exactly one of each; latency received→finished p50 %d ms, p99 %d ms; vendor "
                        + "requests per command: Usedesk %.1f, Dashly %.1f; chat commands/s ÷ call events/s = %.2f%n",
                commands, sendSeconds, refused.get(), seconds, commands / seconds, 3 * commands / seconds, tickets,
                replies, notes, odd, percentile(latencies, 50), percentile(latencies, 99), usedeskPerCommand,
                dashlyPerCommand, commands / seconds / callEventsPerSecond);
        out.println("RESULT-CHAT {\"round\":" + round + ",\"commands\":" + commands + ",\"seconds\":" + seconds
                + ",\"commandsPerSecond\":" + Math.round(commands / seconds) + ",\"tickets\":" + tickets
                + ",\"replies\":" + replies + ",\"notes\":" + notes + ",\"odd\":" + odd + ",\"p50\":"
                + percentile(latencies, 50) + ",\"p99\":" + percentile(latencies, 99) + ",\"usedeskPerCommand\":"
                + usedeskPerCommand + ",\"dashlyPerCommand\":" + dashlyPerCommand + "}");
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
