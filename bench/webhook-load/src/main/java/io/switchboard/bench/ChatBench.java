package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.plugins.dashly.fake.DashlyFake;
import io.switchboard.plugins.dashly.fake.DashlyWebhooks;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The chat scenario of the pipeline benchmark (issue #16): operators' {@code /usedesk <text>} notes in Dashly chats
 * become Usedesk tickets through the {@code chat-command-to-ticket} flow. Per round, {@code commands} conversations of
 * distinct leads (each with an e-mail of its own, so each command finds no client and creates one) are seeded in an
 * in-process {@link DashlyFake}; each gets one operator-note webhook, sent by {@link WebhookLoad} at the run's
 * concurrency ({@code --requests} = the number of commands). Measured from the first send to the last command's
 * effects being present — its ticket at the chat's own {@link UsedeskFake}, the bot's reply in the conversation and
 * the note on the lead at the Dashly fake — and every command is checked for exactly one of each.
 *
 * <p>Latency of a command: from its webhook's 2xx answer to its lead note being present at the Dashly fake (the flow's
 * last effect, after the ticket and the reply). A poller thread looks at the pending leads every
 * {@value #POLL_MILLIS} ms (a look is a map lookup under the fake's lock: no request to the measured server), so the
 * figures are late by up to that much plus a look's duration. The commands are accepted far faster than they are
 * processed, so most of a command's latency is its wait in the inbox behind the earlier ones: the figures describe a
 * burst of N commands, not the latency of a lone command. For comparison the platform's own
 * {@code finishedAt − receivedAt} of the newest ≤ 500 events of the round are read from {@code GET /api/v1/activity}
 * once, after the round.
 *
 * <p>The vendor requests of a round are counted from the two fakes' request logs (method and path pattern); the
 * chat has a Usedesk fake of its own, so the call rounds' requests do not mix in.
 */
final class ChatBench implements AutoCloseable {

    static final int POLL_MILLIS = 50;
    private static final String DASHLY_KEY = "app.58213.benchdashlyapikey0000000000000000";
    private static final String DASHLY_WEBHOOK_TOKEN = "bench-dashly-webhook-token";
    private static final String USEDESK_TOKEN = "bench-usedesk-chat-token";
    private static final String APP_URL = "https://app.dashly.test/project/58213";
    private static final long DIALOG_FIELD = 51;
    private static final long PROFILE_FIELD = 52;

    private final DashlyFake dashly = new DashlyFake(DASHLY_KEY);
    private final UsedeskFake desk = new UsedeskFake(USEDESK_TOKEN);
    private final DashlyWebhooks hooks = new DashlyWebhooks(DASHLY_WEBHOOK_TOKEN);
    /** The first admin added is Dashly's {@code default_admin}: the one the platform replies as. */
    private final String bot = dashly.addAdmin("Support bot");
    private final String operator = dashly.addAdmin("Bench Operator");
    private final String dashlyConnection;
    private final String inboundUrl;

    /** A round's outcome, for the chat/call ratio. */
    record Result(String label, int commands, double seconds, double commandsPerSecond, int tickets, boolean valid) {
    }

    /** Starts the fakes and makes the Dashly and Usedesk connections and the chat-command flow of the tenant. */
    ChatBench(ApiClient admin) throws Exception {
        desk.addTicketField(DIALOG_FIELD, "Dialog ID in CQ");
        desk.addTicketField(PROFILE_FIELD, "Profile ID in CQ");
        admin.put("/api/v1/catalogue/dashly");
        JsonNode chat = admin.post("/api/v1/connections", CrashTest.object().put("connector", "dashly")
                .put("name", "Chats").set("settings", CrashTest.object().put("api_token", DASHLY_KEY)
                        .put("api_host", "custom").put("api_url", dashly.baseUrl())
                        .put("webhook_token", DASHLY_WEBHOOK_TOKEN).put("site", "shop.example.com")
                        .put("app_url", APP_URL)));
        JsonNode chatDesk = admin.post("/api/v1/connections", CrashTest.object().put("connector", "usedesk")
                .put("name", "Desk for chats").set("settings", CrashTest.object().put("api_token", USEDESK_TOKEN)
                        .put("region", "custom").put("base_url", desk.baseUrl())));
        admin.post("/api/v1/flows", CrashTest.object().put("type", "chat-command-to-ticket").put("name", "Chat tickets")
                .put("source", chat.path("id").asText()).put("target", chatDesk.path("id").asText())
                .set("options", CrashTest.object()));
        this.dashlyConnection = chat.path("id").asText();
        this.inboundUrl = chat.path("inboundUrl").asText();
    }

    /**
     * One round: seeds {@code commands} leads and conversations, sends one command per conversation, waits for every
     * effect (or for the platform to have nothing open), checks and prints.
     */
    Result round(String label, int commands, int concurrency, ApiClient admin, PrintStream out) throws Exception {
        String[] leads = new String[commands];
        String[] conversations = new String[commands];
        String[] bodies = new String[commands];
        Map<String, Integer> byConversationUrl = new HashMap<>();
        for (int i = 0; i < commands; i++) {
            leads[i] = dashly.addLead("Lead " + label + " " + i, "lead-" + label + "-" + i + "@bench.test");
            conversations[i] = dashly.addConversation(leads[i], "Hello, I need help with order " + i);
            bodies[i] = hooks.operatorNote(conversations[i], leads[i], operator,
                    "/usedesk Bench command " + label + " " + i + ": the client cannot pay by card").body();
            byConversationUrl.put(APP_URL + "/conversations/" + conversations[i], i);
        }
        int dashlyRequestsBefore = dashly.requests().size();
        int deskRequestsBefore = desk.requests().size();
        int ticketsBefore = desk.tickets().size();
        int clientsBefore = desk.clients().size();
        JsonNode newest = admin.get("/api/v1/activity?connection=" + dashlyConnection + "&limit=1");
        long lastEventBefore = newest.isEmpty() ? 0 : newest.get(0).path("id").asLong();

        long[] acceptedAt = new long[commands];
        long[] effectsAt = new long[commands];
        Poller poller = new Poller(leads, effectsAt);
        WebhookLoad.Source source = new WebhookLoad.Source() {
            @Override
            public Payloads.Request request(URI url, long n) {
                return new Payloads.Request(url, bodies[(int) n]);
            }

            @Override
            public void accepted(long n, long nanoTime) {
                acceptedAt[(int) n] = nanoTime;
            }

            @Override
            public String describe() {
                return commands + " Dashly operator notes '/usedesk …', one per conversation of a lead of its own";
            }
        };
        out.println();
        out.println("=== (c) chat commands (" + label + "): Dashly note '/usedesk …' → stored → ChatCommandToTicket → "
                + "lead read, client and ticket at the Usedesk fake, reply and lead note at the Dashly fake ===");
        Instant wallStart = Instant.now();
        long start = System.nanoTime();
        poller.start();
        WebhookLoad.Report report = new WebhookLoad(Options.parse("--target=" + inboundUrl,
                "--concurrency=" + concurrency, "--duration=600", "--warmup=0", "--rounds=1", "--run=chat" + label,
                "--requests=" + commands), out, source).run();
        long sentEnd = System.nanoTime();
        // Every effect seen, or nothing open any more (then one last look, and what is missing stays missing).
        while (poller.isAlive()) {
            if (PipelineBench.drainedNow(admin)) {
                poller.finish();
            }
            poller.join(500);
        }
        long end = Arrays.stream(effectsAt).max().orElse(0);
        Instant drained = PipelineBench.awaitDrained(admin);
        int done = (int) Arrays.stream(effectsAt).filter(t -> t != 0).count();
        if (done < commands) {
            end = System.nanoTime() - java.time.Duration.between(drained, Instant.now()).toNanos();
        }
        double seconds = (end - start) / 1e9;

        // Exactly one of each per command.
        List<UsedeskFake.Ticket> tickets = desk.tickets();
        tickets = tickets.subList(ticketsBefore, tickets.size());
        int[] ticketsOf = new int[commands];
        int unmatched = 0;
        int withoutProfile = 0;
        for (UsedeskFake.Ticket t : tickets) {
            Integer i = byConversationUrl.get(t.customFields().get(DIALOG_FIELD));
            if (i == null) {
                unmatched++;
            } else {
                ticketsOf[i]++;
                withoutProfile += t.customFields().containsKey(PROFILE_FIELD) ? 0 : 1;
            }
        }
        int clients = desk.clients().size() - clientsBefore;
        Tally ticket = new Tally();
        Tally reply = new Tally();
        Tally note = new Tally();
        for (int i = 0; i < commands; i++) {
            ticket.add(ticketsOf[i]);
            reply.add((int) dashly.parts(conversations[i]).stream().filter(p -> bot.equals(p.fromAdmin())).count());
            note.add(dashly.leadEvents(leads[i]).size());
        }
        List<String> dashlyRequests = dashly.requests();
        dashlyRequests = dashlyRequests.subList(dashlyRequestsBefore, dashlyRequests.size());
        List<String> deskRequests = desk.requests();
        deskRequests = deskRequests.subList(deskRequestsBefore, deskRequests.size());
        Map<String, Integer> byKind = new TreeMap<>();
        dashlyRequests.forEach(r -> byKind.merge("Dashly " + r.replaceAll("/\\d+", "/{id}")
                .replaceAll(" \\[.*$", ""), 1, Integer::sum));
        deskRequests.forEach(r -> byKind.merge("Usedesk POST " + r.replaceAll("/\\d+", "/{id}"), 1, Integer::sum));

        long[] latencies = new long[commands];
        int measured = 0;
        for (int i = 0; i < commands; i++) {
            if (acceptedAt[i] != 0 && effectsAt[i] != 0) {
                latencies[measured++] = effectsAt[i] - acceptedAt[i];
            }
        }
        latencies = Arrays.copyOf(latencies, measured);
        Arrays.sort(latencies);
        long[] server = serverSide(admin, lastEventBefore);

        long accepted = report.phases().stream().mapToLong(WebhookLoad.Phase::ok).sum();
        boolean valid = report.valid() && accepted == commands && ticket.exactlyOne(commands)
                && reply.exactlyOne(commands) && note.exactlyOne(commands) && unmatched == 0;
        out.printf(Locale.ROOT, "chat end to end: %d commands accepted (all sent in %.1f s), every effect present "
                        + "%.1f s after the first was sent: %.1f commands/s; drained at +%.1f s%n", accepted,
                (sentEnd - start) / 1e9, seconds, done / seconds,
                java.time.Duration.between(wallStart, drained).toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  effects per command: tickets %s; bot replies %s; lead notes %s; tickets without "
                + "the conversation field %d, without the lead field %d; clients created %d%n", ticket, reply, note,
                unmatched, withoutProfile, clients);
        out.printf(Locale.ROOT, "  latency, webhook answered → lead note present (polled every %d ms, %d commands): "
                        + "p50 %s  p90 %s  p99 %s  max %s ms%n", POLL_MILLIS, measured, ms(latencies, 50),
                ms(latencies, 90), ms(latencies, 99), ms(latencies, 100));
        out.printf(Locale.ROOT, "  platform's own finishedAt − receivedAt, newest %d events of the round: p50 %s  "
                        + "p90 %s  p99 %s  max %s ms; %d of them retried%n", server.length - 1, ms(body(server), 50),
                ms(body(server), 90), ms(body(server), 99), ms(body(server), 100), server[0]);
        out.printf(Locale.ROOT, "  vendor requests: %d at Dashly, %d at Usedesk = %.2f per command:%n",
                dashlyRequests.size(), deskRequests.size(),
                (dashlyRequests.size() + deskRequests.size()) / (double) Math.max(1, commands));
        byKind.forEach((kind, n) -> out.printf(Locale.ROOT, "    %-46s %7d  %.2f per command%n", kind, n,
                n / (double) Math.max(1, commands)));
        if (!valid) {
            out.println("  INVALID chat round: a webhook was not answered 2xx, or a command has no or more than one "
                    + "ticket, reply or lead note (see above)");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("round", label);
        json.put("commands", commands);
        json.put("accepted", accepted);
        json.put("seconds", seconds);
        json.put("commandsPerSecond", done / seconds);
        json.put("sendSeconds", (sentEnd - start) / 1e9);
        json.put("tickets", tickets.size());
        json.put("missingTickets", ticket.zero);
        json.put("doubleTickets", ticket.more);
        json.put("missingReplies", reply.zero);
        json.put("doubleReplies", reply.more);
        json.put("missingLeadNotes", note.zero);
        json.put("doubleLeadNotes", note.more);
        json.put("clients", clients);
        json.put("p50Ms", pct(latencies, 50));
        json.put("p99Ms", pct(latencies, 99));
        json.put("serverP50Ms", pct(body(server), 50));
        json.put("serverP99Ms", pct(body(server), 99));
        json.put("dashlyRequests", dashlyRequests.size());
        json.put("usedeskRequests", deskRequests.size());
        json.put("requestsByKind", new LinkedHashMap<>(byKind));
        json.put("webhookP99Ms", report.json().get("targetP99Ms"));
        json.put("valid", valid);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        out.println("RESULT-CHAT " + Json.write(json));
        return new Result(label, commands, seconds, done / seconds, tickets.size(), valid);
    }

    /**
     * @param after the last event id before the round
     * @return element 0: how many of the newest ≤ 500 events of the round (of the chat connection, ids above
     *     {@code after}) were attempted more than once; then their {@code finishedAt − receivedAt} in nanoseconds, sorted
     */
    private long[] serverSide(ApiClient admin, long after) throws Exception {
        JsonNode entries = admin.get("/api/v1/activity?connection=" + dashlyConnection + "&limit=500");
        List<Long> nanos = new ArrayList<>();
        long retried = 0;
        for (JsonNode e : entries) {
            if (e.path("id").asLong() <= after) {
                continue;
            }
            if (e.path("finishedAt").isTextual() && e.path("receivedAt").isTextual()) {
                nanos.add(java.time.Duration.between(Instant.parse(e.path("receivedAt").asText()),
                        Instant.parse(e.path("finishedAt").asText())).toNanos());
            }
            retried += e.path("attempts").asInt() > 1 ? 1 : 0;
        }
        long[] result = new long[nanos.size() + 1];
        result[0] = retried;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.arraycopy(sorted, 0, result, 1, sorted.length);
        return result;
    }

    private static long[] body(long[] withCount) {
        return Arrays.copyOfRange(withCount, 1, withCount.length);
    }

    private static double pct(long[] sorted, double p) {
        long v = Latencies.percentile(sorted, p);
        return v < 0 ? Double.NaN : v / 1e6;
    }

    private static String ms(long[] sorted, double p) {
        double v = pct(sorted, p);
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** How many commands had none, one, or more than one of an effect. */
    private static final class Tally {
        int zero;
        int one;
        int more;

        void add(int n) {
            if (n == 0) {
                zero++;
            } else if (n == 1) {
                one++;
            } else {
                more++;
            }
        }

        boolean exactlyOne(int commands) {
            return one == commands;
        }

        @Override
        public String toString() {
            return one + " exactly one, " + zero + " missing, " + more + " double";
        }
    }

    /**
     * Looks at the pending leads' notes every {@value #POLL_MILLIS} ms and stamps each command when its note is there;
     * ends when all are there, or after one more look once {@link #finish} was called.
     */
    private final class Poller extends Thread {
        private final String[] leads;
        private final long[] effectsAt;
        private volatile boolean finish;

        Poller(String[] leads, long[] effectsAt) {
            super("chat-effects-poller");
            setDaemon(true);
            this.leads = leads;
            this.effectsAt = effectsAt;
        }

        void finish() {
            finish = true;
        }

        @Override
        public void run() {
            int[] pending = new int[leads.length];
            for (int i = 0; i < pending.length; i++) {
                pending[i] = i;
            }
            int left = pending.length;
            while (left > 0) {
                boolean last = finish;
                int kept = 0;
                for (int k = 0; k < left; k++) {
                    int i = pending[k];
                    if (!dashly.leadEvents(leads[i]).isEmpty()) {
                        effectsAt[i] = System.nanoTime();
                    } else {
                        pending[kept++] = i;
                    }
                }
                left = kept;
                if (last) {
                    return;
                }
                LockSupport.parkNanos(POLL_MILLIS * 1_000_000L);
            }
        }
    }

    @Override
    public void close() {
        dashly.close();
        desk.close();
    }
}
