package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The pipeline benchmark (issue #5), in one run against the built distribution on this machine (embedded MariaDB,
 * real plugins): (a) durable ingest — webhook-load against a Sipuni connection's inbound URL, interleaved with the
 * no-op endpoint {@code /hooks-noop} of the same server, giving throughput, p50/p99 and the ratio to the no-op;
 * (b) end to end — the same load against a Sipuni connection with a CallToTicket flow to an in-process Usedesk fake,
 * measuring events per second from the first webhook to the last processed event, and tickets created, in three
 * rounds: {@code cold} and {@code warm} with a call id per event (every event a call of its own, the worst case),
 * then {@code whol} with {@code --calls=whole} (the events of each call share its call id and client number, as a PBX
 * sends them: realistic traffic, 22 events per 6 calls, of which 2 are Sipuni's repeated event 1, stored once;
 * events per second count the stored events).
 *
 * <p>(c) chat commands (issue #16, {@link ChatBench}): Dashly operator notes {@code /usedesk <text>}, one per
 * conversation of a lead of its own, through the chat-command-to-ticket flow to tickets at a Usedesk fake of their
 * own, with the bot's reply and the lead note at an in-process Dashly fake; commands per second from the first send to
 * the last command's effects, each command checked for exactly one ticket, reply and lead note.
 * {@code -Dbench.chatCommands=N} commands per chat round (default 1500).
 *
 * <p>(d) conversations both ways (issue #17, {@link ConversationBench}): Chatra chats (chatStarted and client
 * messages) through the conversation-to-task flow to a task and its comments at an in-process Planfix fake, and
 * employees' Planfix comments back to the chat at an in-process Chatra fake, at the same time; conversations per
 * second from the first send to the last comment and reply, each checked for exactly once and in order. {@code conv}
 * runs {@code -Dbench.convRounds=N} rounds (default 2, cold and warm); see {@link #convRounds}.
 *
 * <p>{@code bench/pipeline-bench.sh [seconds per phase=15] [concurrency=32] [e2e|ingest|chat|call-chat|conv]} —
 * {@code e2e} runs (b) only, {@code ingest} (a) only, {@code chat} two rounds of (c) (cold, warm), {@code call-chat}
 * whole-call rounds of (b) and rounds of (c) in turn, call, chat, call, chat, on one instance, and prints the chat/call
 * ratios of each pair ({@code -Dbench.pairs=N} pairs, default 2). {@code -Dbench.moreRounds=N} adds N whole-call
 * rounds to (b); {@code -Dbench.ingestRounds=N} runs N no-op/target pairs in (a) instead of 2 (the JIT settles over
 * minutes).
 */
public final class PipelineBench {

    static final String PASSWORD = "bench-password-1";
    private static final String SIPUNI_SECRET = "bench-sipuni-secret";
    private static final String USEDESK_TOKEN = "bench-usedesk-token";

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        String part = args.length > 2 ? args[2] : "all";
        if (!List.of("all", "e2e", "ingest", "chat", "call-chat", "conv").contains(part)) {
            throw new IllegalArgumentException("the third argument is e2e, ingest, chat, call-chat or conv (or none "
                    + "for ingest and e2e), not " + part);
        }
        boolean endToEndOnly = !part.equals("all") && !part.equals("ingest");
        boolean ingestOnly = part.equals("ingest");
        Path dist = Path.of(System.getProperty("bench.dist", "launcher/target/switchboard")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of("target/pipeline-bench").toAbsolutePath()
                .resolve("run-" + System.currentTimeMillis()));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PrintStream out = System.out;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Process launcher = start(dist, work, port, endToEndOnly, endToEndOnly ? "worker.log" : "receiver.log");
        boolean completed = false;
        try (UsedeskFake usedesk = new UsedeskFake(USEDESK_TOKEN)) {
            awaitUp(launcher, work.resolve(endToEndOnly ? "worker.log" : "receiver.log"));
            URI base = URI.create("http://127.0.0.1:" + port);
            ApiClient operator = ApiClient.signIn(http, base, "admin@switchboard.local", PASSWORD);
            operator.post("/api/v1/tenants", CrashTest.object().put("slug", "bench").put("name", "Bench")
                    .put("adminEmail", "admin@bench.test").put("adminPassword", PASSWORD));
            ApiClient admin = ApiClient.signIn(http, base, "admin@bench.test", PASSWORD);
            admin.put("/api/v1/catalogue/sipuni");
            admin.put("/api/v1/catalogue/usedesk");
            JsonNode ingest = admin.post("/api/v1/connections", CrashTest.object().put("connector", "sipuni")
                    .put("name", "PBX ingest only").set("settings", CrashTest.object().put("webhook_secret", SIPUNI_SECRET)));
            JsonNode e2e = admin.post("/api/v1/connections", CrashTest.object().put("connector", "sipuni")
                    .put("name", "PBX with flow").set("settings", CrashTest.object().put("webhook_secret", SIPUNI_SECRET)));
            JsonNode desk = admin.post("/api/v1/connections", CrashTest.object().put("connector", "usedesk")
                    .put("name", "Desk").set("settings", CrashTest.object().put("api_token", USEDESK_TOKEN)
                            .put("region", "custom").put("base_url", usedesk.baseUrl())));
            admin.post("/api/v1/flows", CrashTest.object().put("type", "call-to-ticket").put("name", "Calls")
                    .put("source", e2e.path("id").asText()).put("target", desk.path("id").asText())
                    .set("options", CrashTest.object()));
            if (part.equals("conv")) {
                completed = convRounds(admin, launcher.toHandle(), concurrency, out);
                return;
            }
            if (part.equals("chat") || part.equals("call-chat")) {
                completed = chatParts(part, admin, usedesk, e2e.path("inboundUrl").asText(), concurrency, seconds, out);
                return;
            }

            WebhookLoad.Report ingestReport = null;
            WebhookLoad.Report mixedReport = null;
            if (!endToEndOnly) {
            out.println("=== (a) durable ingest vs the no-op endpoint, on an instance that only receives "
                    + "(switchboard.pipeline.enabled=false) ===");
            ingestReport = new WebhookLoad(Options.parse("--target=" + ingest.path("inboundUrl").asText(),
                    "--noop=" + base.resolve("/hooks-noop"), "--token=" + SIPUNI_SECRET, "--concurrency=" + concurrency,
                    "--duration=" + seconds, "--warmup=10", "--rounds=" + Integer.getInteger("bench.ingestRounds", 2),
                    "--run=ingest"), out).run();

            if (ingestOnly) {
                completed = ingestReport.valid();
                return;
            }
            launcher.destroy();
            launcher.waitFor();
            launcher = start(dist, work, port, true, "worker.log");
            awaitUp(launcher, work.resolve("worker.log"));
            admin = ApiClient.signIn(http, base, "admin@bench.test", PASSWORD);
            Instant drainStart = Instant.now();
            long stored = admin.get("/api/v1/activity/counts").path("RECEIVED").asLong();
            awaitDrained(admin);
            double drainSeconds = Duration.between(drainStart, Instant.now()).toMillis() / 1000.0;
            out.printf(Locale.ROOT, "%n=== workers alone: the %d stored events processed in %.1f s after a restart "
                    + "with the pipeline on: %.0f events/s (no flow on this connection: parse and record) ===%n",
                    stored, drainSeconds, stored / drainSeconds);

            out.println();
            out.println("=== (a') ingest while this instance's workers process what comes in ===");
            mixedReport = new WebhookLoad(Options.parse("--target=" + ingest.path("inboundUrl").asText(),
                    "--noop=" + base.resolve("/hooks-noop"), "--token=" + SIPUNI_SECRET, "--concurrency=" + concurrency,
                    "--duration=" + seconds, "--warmup=5", "--rounds=1", "--run=mixed"), out).run();
            awaitDrained(admin);
            }

            // Twice: the first round meets a cold JIT (C2 compiled for a minute of CPU in the profile), the second
            // shows the steady state. Both send every event as a call of its own; a third round sends whole calls.
            // -Dbench.moreRounds=N adds N more whole-call rounds: the platform's JIT compiler still takes a third of
            // its CPU in the third round (two busy cores, a big server), so later rounds come closer to steady state.
            java.util.List<String> rounds = new java.util.ArrayList<>(java.util.List.of(
                    "cold: first traffic of this flow", "warm: a second round",
                    "whole: a third round, the events of each call share its call id (realistic traffic)"));
            for (int more = 1; more <= Integer.getInteger("bench.moreRounds", 0); more++) {
                rounds.add("whol" + (more + 1) + ": whole calls again, round " + (3 + more));
            }
            boolean e2eValid = true;
            int roundNumber = 0;
            for (String round : rounds) {
                roundNumber++;
                String label = round.substring(0, round.indexOf(':')).replace("whole", "whol");
                String calls = label.startsWith("whol") ? "whole" : "each";
                e2eValid &= callRound(round, label, calls, numbersFrom(roundNumber), e2e.path("inboundUrl").asText(),
                        concurrency, seconds, admin, usedesk, out).valid();
            }
            if (ingestReport != null && !ingestReport.valid() || mixedReport != null && !mixedReport.valid()
                    || !e2eValid) {
                out.println("INVALID: a phase had non-2xx answers or errors; see above");
            }
            completed = true;
        } finally {
            launcher.destroy();
            launcher.waitFor();
            if (completed) {
                removeData(work, out);
            } else {
                out.println("The run failed; its data and logs are kept in " + work);
            }
        }
    }

    /** An end-to-end call round's outcome. */
    record CallRound(String label, double seconds, double eventsPerSecond, int tickets, double ticketsPerSecond,
                     boolean valid) {
    }

    /** One end-to-end call round (b): Sipuni webhooks for {@code seconds}, then until every event is processed. */
    static CallRound callRound(String round, String label, String calls, long numbersFrom, String inboundUrl,
                               int concurrency, int seconds, ApiClient admin, UsedeskFake usedesk, PrintStream out)
            throws Exception {
        out.println();
        out.println("=== (b) end to end (" + round + "): webhook → stored → CallToTicket → ticket at the "
                + "Usedesk fake ===");
        int ticketsBefore = usedesk.tickets().size();
        int requestsBefore = usedesk.requests().size();
        Instant start = Instant.now();
        WebhookLoad.Report e2eReport = new WebhookLoad(Options.parse("--target=" + inboundUrl,
                "--token=" + SIPUNI_SECRET, "--concurrency=" + concurrency, "--duration=" + seconds,
                "--warmup=0", "--rounds=1", "--run=e2e" + label, "--calls=" + calls,
                "--numbers-from=" + numbersFrom), out).run();
        long accepted = e2eReport.phases().stream().mapToLong(p -> p.ok()).sum();
        Instant drained = awaitDrained(admin);
        double elapsed = Duration.between(start, drained).toMillis() / 1000.0;
        int tickets = usedesk.tickets().size() - ticketsBefore;
        int requests = usedesk.requests().size() - requestsBefore;
        long callIds = ((Number) e2eReport.json().get("callIds")).longValue();
        // whole calls: Sipuni's repeated event 1 is acknowledged but stored once; count what was processed
        long stored = accepted - ((Number) e2eReport.json().get("repeats")).longValue();
        out.printf(Locale.ROOT, "end to end: %d events accepted (%d calls%s), all processed %.1f s after the "
                + "first was sent: %.0f events/s; %d tickets created at the fake (%.0f tickets/s); %d Usedesk "
                + "requests (%.2f per stored event, %.2f per ticket)%n", accepted,
                callIds, stored == accepted ? "" : ", " + stored + " stored: the rest repeats of an event 1",
                elapsed, stored / elapsed, tickets, tickets / elapsed, requests, requests / (double) Math.max(1, stored),
                requests / (double) Math.max(1, tickets));
        out.println("RESULT-E2E {\"round\":\"" + label + "\",\"calls\":\"" + calls + "\",\"callIds\":" + callIds
                + ",\"events\":" + accepted + ",\"stored\":" + stored
                + ",\"seconds\":" + elapsed + ",\"eventsPerSecond\":" + Math.round(stored / elapsed)
                + ",\"tickets\":" + tickets + ",\"usedeskRequests\":" + requests
                + ",\"cores\":" + Runtime.getRuntime().availableProcessors() + "}");
        return new CallRound(label, elapsed, stored / elapsed, tickets, tickets / elapsed, e2eReport.valid());
    }

    /**
     * {@code chat}: two chat rounds (cold, warm). {@code call-chat}: whole-call rounds and chat rounds in turn on the
     * same instance, then the chat/call ratio of each pair.
     *
     * @return whether every round was valid
     */
    private static boolean chatParts(String part, ApiClient admin, UsedeskFake usedesk, String callInbound,
                                     int concurrency, int seconds, PrintStream out) throws Exception {
        int commands = Integer.getInteger("bench.chatCommands", 1500);
        boolean valid = true;
        try (ChatBench chat = new ChatBench(admin)) {
            if (part.equals("chat")) {
                for (String label : List.of("cold", "warm")) {
                    valid &= chat.round(label, commands, concurrency, admin, out).valid();
                }
                return valid;
            }
            int pairs = Integer.getInteger("bench.pairs", 2);
            List<String> ratios = new java.util.ArrayList<>();
            for (int pair = 1; pair <= pairs; pair++) {
                CallRound call = callRound("call" + pair + ": whole calls, new client numbers", "call" + pair,
                        "whole", numbersFrom(2 + pair), callInbound, concurrency, seconds, admin, usedesk, out);
                ChatBench.Result chatRound = chat.round("chat" + pair, commands, concurrency, admin, out);
                valid &= call.valid() && chatRound.valid();
                ratios.add(String.format(Locale.ROOT, "pair %d: call %.0f events/s, %.1f tickets/s; chat %.1f "
                                + "commands/s (= tickets/s); chat commands/s ÷ call events/s = %.3f, chat ÷ call "
                                + "tickets/s = %.2f", pair, call.eventsPerSecond(), call.ticketsPerSecond(),
                        chatRound.commandsPerSecond(), chatRound.commandsPerSecond() / call.eventsPerSecond(),
                        chatRound.commandsPerSecond() / call.ticketsPerSecond()));
                out.println("RESULT-RATIO {\"pair\":" + pair + ",\"callEventsPerSecond\":" + call.eventsPerSecond()
                        + ",\"callTicketsPerSecond\":" + call.ticketsPerSecond() + ",\"chatCommandsPerSecond\":"
                        + chatRound.commandsPerSecond() + "}");
            }
            out.println();
            out.println("=== chat / call, pairs of this run ===");
            ratios.forEach(out::println);
        }
        if (!valid) {
            out.println("INVALID: a round had non-2xx answers, errors or missing or double effects; see above");
        }
        return valid;
    }

    /**
     * {@code conv}: rounds of conversations both ways ({@link ConversationBench}), {@code -Dbench.convRounds=N}
     * (default 2: cold, warm, then warm2, …) of {@code -Dbench.conversations=N} (300) conversations, each with
     * {@code -Dbench.messages=K} (3) client messages after the first and {@code -Dbench.replies=M} (2) employee
     * comments; the Planfix side's senders {@code -Dbench.replyConcurrency=N} (default: the run's concurrency).
     *
     * @return whether every round was valid
     */
    private static boolean convRounds(ApiClient admin, ProcessHandle platform, int concurrency, PrintStream out)
            throws Exception {
        int conversations = Integer.getInteger("bench.conversations", 300);
        int messages = Integer.getInteger("bench.messages", 3);
        int replies = Integer.getInteger("bench.replies", 2);
        int replyConcurrency = Integer.getInteger("bench.replyConcurrency", concurrency);
        int rounds = Integer.getInteger("bench.convRounds", 2);
        out.println("conversations both ways: rate limits of the run (switchboard.http.rate-limits): "
                + System.getProperty("switchboard.http.rate-limits", "(the launcher's default for the bench)"));
        boolean valid = true;
        List<ConversationBench.Result> results = new java.util.ArrayList<>();
        try (ConversationBench conv = new ConversationBench(admin, platform)) {
            for (int round = 1; round <= rounds; round++) {
                String label = round == 1 ? "cold" : round == 2 ? "warm" : "warm" + (round - 1);
                ConversationBench.Result r = conv.round(label, conversations, messages, replies, concurrency,
                        replyConcurrency, admin, out);
                results.add(r);
                valid &= r.valid();
            }
        }
        out.println();
        out.println("=== conversations both ways, rounds of this run ===");
        results.forEach(r -> out.printf(Locale.ROOT, "%-6s %d conversations in %.1f s: %.2f conversations/s%s%n",
                r.label(), r.conversations(), r.seconds(), r.conversationsPerSecond(), r.valid() ? "" : " INVALID"));
        if (!valid) {
            out.println("INVALID: a round had non-2xx answers, errors or missing, double or reordered effects; see "
                    + "above");
        }
        return valid;
    }

    /**
     * Client numbers of an end-to-end round: the cold and warm rounds share theirs (the warm round is the same traffic
     * again: known clients, comments on their open tickets), each whole-call round from the third on calls from
     * new numbers, so those rounds do the same work and differ only by how warm the platform is.
     */
    static long numbersFrom(int round) {
        return round <= 2 ? 0 : (round - 2) * 5_000_000L;
    }

    /**
     * Deletes the run's database and logs (1–2 GB per run) unless {@code -Dbench.keep=true}: a session of runs
     * filled 22 GB. A failed run keeps them, for a post-mortem.
     */
    private static void removeData(Path work, PrintStream out) throws IOException {
        if (Boolean.getBoolean("bench.keep")) {
            out.println("Data and logs of this run kept in " + work);
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(work)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
        out.println("Data and logs of this run deleted (-Dbench.keep=true keeps them in " + work + ")");
    }

    /** Starts the distribution; {@code switchboard.*} properties given to this program are passed on. */
    static Process start(Path dist, Path work, int port, boolean workers, String log) throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                "-Dswitchboard.data.dir=" + work.resolve("data"), "-Dswitchboard.http.port=" + port,
                "-Dswitchboard.http.allowed-internal-hosts=localhost",
                "-Dswitchboard.http.rate-limits=usedesk=0,zendesk=0", // fakes: no vendor limit to keep (ADR 0009)
                "-Dswitchboard.bench.noop=true", "-Dswitchboard.admin.password=" + PASSWORD,
                "-Dswitchboard.pipeline.enabled=" + workers,
                // the launcher's own wait for /health (120 s by default) as long as awaitUp's
                "-Dswitchboard.startup.timeout=" + 60 * Integer.getInteger("bench.upMinutes", 6)));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("switchboard."))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.addAll(java.util.List.of("-jar", dist.resolve("switchboard-launcher.jar").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(log).toFile()).start();
    }

    /**
     * @return when no event is waiting or in progress any more. Looks for one open event per state (newest first, a
     *         single row along the state index) and only then asks for the exact counts: the counts walk every open
     *         event, and polling them twice a second with 20,000 waiting took ≈ 7 % of MariaDB's CPU from the
     *         measured run. The counts confirm, since an event can change state between the three looks.
     */
    static Instant awaitDrained(ApiClient admin) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            if (noneOpen(admin)) {
                JsonNode counts = admin.get("/api/v1/activity/counts");
                if (counts.path("RECEIVED").asLong() + counts.path("PROCESSING").asLong()
                        + counts.path("RETRYING").asLong() == 0) {
                    return Instant.now();
                }
            }
            // Not more often: each look is a request and queries on the measured server.
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new IllegalStateException("events still open after 10 minutes");
    }

    /** @return whether no event is waiting or in progress now (one look, the same as {@link #awaitDrained}'s) */
    static boolean drainedNow(ApiClient admin) throws Exception {
        if (!noneOpen(admin)) {
            return false;
        }
        JsonNode counts = admin.get("/api/v1/activity/counts");
        return counts.path("RECEIVED").asLong() + counts.path("PROCESSING").asLong()
                + counts.path("RETRYING").asLong() == 0;
    }

    private static boolean noneOpen(ApiClient admin) throws Exception {
        for (String state : List.of("RECEIVED", "RETRYING", "PROCESSING")) {
            if (!admin.get("/api/v1/activity?limit=1&state=" + state).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for "Switchboard is up": up to 6 minutes, or {@code -Dbench.upMinutes=N} (a start took more than 3
     * minutes with the box's load average at 20 from other builds; {@link #start} gives the launcher the same limit
     * for its own wait for {@code /health}).
     */
    static void awaitUp(Process launcher, Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(Integer.getInteger("bench.upMinutes", 6)));
        while (Instant.now().isBefore(deadline) && launcher.isAlive()) {
            if (Files.readString(log).contains("Switchboard is up")) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException("the platform did not come up; see " + log);
    }
}
