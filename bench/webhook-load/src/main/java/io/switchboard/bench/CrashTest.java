package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import io.switchboard.plugins.usedesk.fake.UsedeskFake;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The pipeline's crash test (issue #5): the built distribution is started with its embedded MariaDB, a tenant with
 * a Sipuni connection, a Usedesk connection (this program's {@link UsedeskFake}) and a CallToTicket flow is set up,
 * and a stream of call webhooks is sent from several threads; meanwhile the platform process is killed with
 * {@code kill -9} and the distribution started again. When everything is processed, every call whose webhook got a
 * 2xx must have exactly one ticket at the fake, and no ticket may exist twice. Exit 0 when so, 1 when not.
 *
 * <p>Run with {@code bench/crash-test.sh [seconds-before-kill] [senders]}.
 */
public final class CrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "crash-test-password";
    private static final String OPERATOR_PASSWORD = "crash-test-operator-password";
    private static final String SIPUNI_SECRET = "crash-test-sipuni-secret";
    private static final String USEDESK_TOKEN = "crash-test-usedesk-token";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path dist;
    private final Path work;
    private final int port;

    private CrashTest(Path dist, Path work, int port) {
        this.dist = dist;
        this.work = work;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        long killAfterSeconds = args.length > 0 ? Long.parseLong(args[0]) : 8;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dist = Path.of(System.getProperty("crash.dist", "launcher/target/switchboard")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(System.getProperty("crash.work", "target/crash-test"))
                .toAbsolutePath().resolve("run-" + System.currentTimeMillis()));
        int exit;
        try (UsedeskFake usedesk = new UsedeskFake(USEDESK_TOKEN)) {
            exit = new CrashTest(dist, work, freePort()).run(usedesk, killAfterSeconds, senders);
        }
        System.exit(exit);
    }

    private int run(UsedeskFake usedesk, long killAfterSeconds, int senders) throws Exception {
        Process launcher = startLauncher("first.log");
        awaitUp(launcher, "first.log");
        String hookUrl = setUp(usedesk);
        log("set up; inbound URL ready; sending with " + senders + " senders, kill -9 after " + killAfterSeconds + " s");

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong refused = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Thread thread = new Thread(() -> send(hookUrl, sender, sending, acknowledged, refused), "sender-" + s);
            thread.start();
            threads.add(thread);
        }
        LockSupport.parkNanos(Duration.ofSeconds(killAfterSeconds).toNanos());
        long platformPid = Long.parseLong(Files.readString(work.resolve("data/payara.pid")).strip());
        int before = acknowledged.size();
        ProcessHandle.of(platformPid).ifPresent(ProcessHandle::destroyForcibly);
        log("kill -9 of the platform (pid " + platformPid + ") after " + before + " acknowledged calls");
        launcher.waitFor();

        Process second = startLauncher("second.log");
        awaitUp(second, "second.log");
        log("restarted; sending on for 3 s");
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
        sending.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        log(acknowledged.size() + " calls acknowledged in all, " + refused.get() + " sends refused or failed");

        ApiClient admin = ApiClient.signIn(http, base(), "admin@crash.test", PASSWORD);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode counts = admin.get("/api/v1/activity/counts");
            long open = counts.path("RECEIVED").asLong() + counts.path("PROCESSING").asLong()
                    + counts.path("RETRYING").asLong();
            if (open == 0) {
                log("all events finished: " + counts + " (done events are counted up to 1,000)");
                break;
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }

        Map<String, Integer> tickets = new HashMap<>();
        usedesk.tickets().forEach(t -> {
            if (t.additionalId() != null) {
                tickets.merge(t.additionalId(), 1, Integer::sum);
            }
        });
        List<String> missing = acknowledged.stream().filter(c -> !tickets.containsKey("sb-call-" + c)).sorted().toList();
        List<String> doubled = tickets.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        log("tickets at the fake: " + tickets.size() + "; acknowledged calls without a ticket: " + missing.size()
                + "; tickets created twice: " + doubled.size());
        second.destroy();
        second.waitFor();
        if (!missing.isEmpty() || !doubled.isEmpty()) {
            log("FAILED. missing: " + missing.stream().limit(10).toList() + " doubled: " + doubled);
            return 1;
        }
        log("PASSED: every acknowledged call has exactly one ticket (" + acknowledged.size() + " calls)");
        return 0;
    }

    /**
     * Sends the events of one call after another. A call counts as acknowledged when every one of its events got a
     * 2xx; a call cut in two by the crash (some events refused) must still not have two tickets, which is checked
     * for all tickets.
     */
    private void send(String hookUrl, int sender, AtomicBoolean sending, Set<String> acknowledged, AtomicLong refused) {
        SipuniEvents sipuni = SipuniEvents.forAccount("070196");
        long n = 0;
        while (sending.get()) {
            String callId = "crash-" + sender + "-" + n++;
            String phone = "7916" + String.format("%07d", (sender * 1_000_000L + n) % 10_000_000L);
            boolean all = true;
            for (SipuniEvents.Hook hook : sipuni.incomingAnswered(callId, 1774373436L + n, phone, "201")) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(hookUrl + "?token=" + SIPUNI_SECRET)).timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(hook.formBody())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 != 2) {
                        all = false;
                        refused.incrementAndGet();
                    }
                } catch (IOException e) {
                    all = false;
                    refused.incrementAndGet();
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // the platform is down: try the next
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (all) {
                acknowledged.add(callId);
            }
        }
    }

    private String setUp(UsedeskFake usedesk) throws Exception {
        usedesk.addAgent(1, "Anna Duty", "anna@crash.test");
        // A configured operator password: a generated one-time password opens only the password change.
        ApiClient operator = ApiClient.signIn(http, base(), "admin@switchboard.local", OPERATOR_PASSWORD);
        operator.post("/api/v1/tenants", object().put("slug", "crash").put("name", "Crash test")
                .put("adminEmail", "admin@crash.test").put("adminPassword", PASSWORD));
        ApiClient admin = ApiClient.signIn(http, base(), "admin@crash.test", PASSWORD);
        admin.put("/api/v1/catalogue/sipuni");
        admin.put("/api/v1/catalogue/usedesk");
        JsonNode sipuni = admin.post("/api/v1/connections", object().put("connector", "sipuni").put("name", "PBX")
                .set("settings", object().put("webhook_secret", SIPUNI_SECRET)));
        JsonNode desk = admin.post("/api/v1/connections", object().put("connector", "usedesk").put("name", "Desk")
                .set("settings", object().put("api_token", USEDESK_TOKEN).put("region", "custom")
                        .put("base_url", usedesk.baseUrl())));
        admin.post("/api/v1/flows", object().put("type", "call-to-ticket").put("name", "Calls")
                .put("source", sipuni.path("id").asText()).put("target", desk.path("id").asText()).set("options", object()));
        return sipuni.path("inboundUrl").asText();
    }

    private Process startLauncher(String logName) throws IOException {
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-Dswitchboard.data.dir=" + work.resolve("data"),
                "-Dswitchboard.http.port=" + port, "-Dswitchboard.http.allowed-internal-hosts=localhost",
                "-Dswitchboard.http.rate-limits=usedesk=0,zendesk=0", // fakes: no vendor limit (ADR 0009)
                "-Dswitchboard.admin.password=" + OPERATOR_PASSWORD,
                "-Dswitchboard.pipeline.lease-seconds=15",
                "-Dswitchboard.pipeline.first-backoff-ms=200", "-jar",
                dist.resolve("switchboard-launcher.jar").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve(logName).toFile()).start();
    }

    private void awaitUp(Process launcher, String logName) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && launcher.isAlive()) {
            if (Files.readString(work.resolve(logName)).contains("Switchboard is up")) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException("the platform did not come up; see " + work.resolve(logName));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String line) {
        System.out.println("[crash-test " + Instant.now() + "] " + line);
    }
}
