package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.plugins.ringostat.fake.RingostatEvents;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Routing latency (issue #7): Ringostat asks where to send a ringing call and waits only briefly. Starts the
 * distribution with a Ringostat → Usedesk call-to-ticket flow, makes {@code callers} clients with an open ticket
 * assigned to the agent of extension 202 (one answered call each, through the pipeline), asks once per caller (which
 * fills the cache), then sends routing requests at a fixed rate — open loop: each request's latency counts from the
 * moment it was due, so a slow answer cannot hide the ones queued behind it — and reports p50/p90/p99/max and wrong
 * answers. Usage: {@code bench/routing-bench.sh [rate=200] [seconds=30] [callers=200]}.
 */
public final class RoutingBench {

    private static final String SECRET = "bench-ringostat-secret";
    private static final String USEDESK_TOKEN = "bench-usedesk-token";

    private RoutingBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dist = Path.of(System.getProperty("bench.dist", "launcher/target/switchboard")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of("target/routing-bench").toAbsolutePath()
                .resolve("run-" + System.currentTimeMillis()));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Process launcher = PipelineBench.start(dist, work, port, true, "platform.log");
        try (UsedeskFake usedesk = new UsedeskFake(USEDESK_TOKEN).addAgent(2, "Boris Sales", "boris@bench.test")) {
            PipelineBench.awaitUp(launcher, work.resolve("platform.log"));
            URI base = URI.create("http://127.0.0.1:" + port);
            ApiClient operator = ApiClient.signIn(http, base, "admin@switchboard.local", PipelineBench.PASSWORD);
            operator.post("/api/v1/tenants", CrashTest.object().put("slug", "routing").put("name", "Routing")
                    .put("adminEmail", "admin@routing.test").put("adminPassword", PipelineBench.PASSWORD));
            ApiClient admin = ApiClient.signIn(http, base, "admin@routing.test", PipelineBench.PASSWORD);
            admin.put("/api/v1/catalogue/ringostat");
            admin.put("/api/v1/catalogue/usedesk");
            JsonNode pbx = admin.post("/api/v1/connections", CrashTest.object().put("connector", "ringostat")
                    .put("name", "Ringostat").set("settings", CrashTest.object().put("webhook_secret", SECRET)
                            .put("default_destination", "100")));
            JsonNode desk = admin.post("/api/v1/connections", CrashTest.object().put("connector", "usedesk")
                    .put("name", "Desk").set("settings", CrashTest.object().put("api_token", USEDESK_TOKEN)
                            .put("region", "custom").put("base_url", usedesk.baseUrl())));
            var options = CrashTest.object();
            options.putArray("agents").addObject().put("agent", "2").put("extension", "202");
            admin.post("/api/v1/flows", CrashTest.object().put("type", "call-to-ticket").put("name", "Calls")
                    .put("source", pbx.path("id").asText()).put("target", desk.path("id").asText()).set("options", options));
            String inbound = pbx.path("inboundUrl").asText() + "?secret=" + SECRET;

            RingostatEvents ringostat = RingostatEvents.forLine("380441234567");
            List<String> phones = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String phone = "38067" + (1_000_000 + i);
                phones.add(phone);
                for (RingostatEvents.Hook hook : ringostat.incomingAnswered("bench-call-" + i,
                        LocalDateTime.of(2026, 3, 24, 10, 0).plusMinutes(i), phone,
                        RingostatEvents.Agent.of("202", "17", "Boris Sales"), RingostatEvents.Utm.none())) {
                    post(http, inbound + query(hook), hook.jsonBody());
                }
            }
            PipelineBench.awaitDrained(admin);
            System.out.printf(Locale.ROOT, "%d callers with an open ticket (%d tickets at the fake)%n", callers,
                    usedesk.tickets().size());

            long missStart = System.nanoTime();
            int wrongWarm = 0;
            for (int i = 0; i < phones.size(); i++) {
                RingostatEvents.Hook question = ringostat.routingRequest("warm-" + i, LocalDateTime.now(), phones.get(i));
                if (!post(http, inbound + query(question), question.jsonBody()).contains("\"202\"")) {
                    wrongWarm++;
                }
            }
            System.out.printf(Locale.ROOT, "first question per caller (cache miss, live lookup at the helpdesk): "
                    + "%.1f ms on average, %d not routed to 202%n",
                    (System.nanoTime() - missStart) / 1e6 / phones.size(), wrongWarm);

            String noop = base.resolve("/hooks-noop").toString();
            openLoop(http, rate, 10, phones, ringostat, inbound); // warm-up (JIT), not reported
            Phase floor = openLoop(http, rate, seconds, phones, ringostat, noop + "?x=1");
            Phase routing = openLoop(http, rate, seconds, phones, ringostat, inbound);
            System.out.printf(Locale.ROOT, "no-op endpoint, same requests, open loop %d/s for %d s: %s%n", rate, seconds,
                    floor);
            System.out.printf(Locale.ROOT, "routing, cached callers, open loop %d/s for %d s: %s; %d not routed to 202 "
                    + "(%d cores, generator on the same machine)%n", rate, seconds, routing, routing.wrong(),
                    Runtime.getRuntime().availableProcessors());
            System.out.println("RESULT-ROUTING {\"rate\":" + rate + ",\"seconds\":" + seconds + ",\"requests\":"
                    + routing.requests() + ",\"failed\":" + routing.failed() + ",\"wrong\":" + routing.wrong()
                    + ",\"p50Ms\":" + routing.p50() + ",\"p99Ms\":" + routing.p99() + ",\"maxMs\":" + routing.max()
                    + ",\"noopP50Ms\":" + floor.p50() + ",\"noopP99Ms\":" + floor.p99() + "}");
        } finally {
            launcher.destroy();
            launcher.waitFor();
        }
    }

    /** One open-loop phase: latencies from each request's due time. */
    record Phase(int requests, int failed, int wrong, double p50, double p90, double p99, double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d requests, %d failed, latency p50 %.2f ms, p90 %.2f, p99 %.2f, max %.2f",
                    requests, failed, p50, p90, p99, max);
        }
    }

    private static Phase openLoop(HttpClient http, int rate, int seconds, List<String> phones, RingostatEvents ringostat,
                                  String url) {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        boolean routing = url.contains("/hooks/");
        List<CompletableFuture<Void>> pending = new ArrayList<>(total);
        long start = System.nanoTime() + Duration.ofMillis(200).toNanos();
        for (int i = 0; i < total; i++) {
            long due = start + (long) i * 1_000_000_000L / rate;
            LockSupport.parkNanos(due - System.nanoTime());
            RingostatEvents.Hook question = ringostat.routingRequest("q-" + i, LocalDateTime.now(),
                    phones.get(i % phones.size()));
            int n = i;
            pending.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + query(question)))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(question.jsonBody())).build(),
                    HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                        latencies[n] = System.nanoTime() - due;
                        if (error != null || response.statusCode() != 200) {
                            failed.incrementAndGet();
                        } else if (routing && !response.body().contains("\"202\"")) {
                            wrong.incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Phase(total, failed.get(), wrong.get(), ms(sorted, 0.5), ms(sorted, 0.9), ms(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** @return the hook's static URL parameters (moment, request) after the secret already in the URL */
    private static String query(RingostatEvents.Hook hook) {
        StringBuilder query = new StringBuilder();
        hook.urlParams(null).forEach((k, v) -> query.append('&').append(k).append('=')
                .append(URLEncoder.encode(v.get(0), StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static String post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
