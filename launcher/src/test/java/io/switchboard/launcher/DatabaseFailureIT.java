package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built distribution with its embedded MariaDB misbehaving (issue #20 part 3), on one start to keep the suite
 * short: the database frozen with SIGSTOP (webhooks answered 503 with {@code Retry-After} within 10 s, also many at
 * once, {@code /health} DOWN within 5 s and every health request answered within 5 s; all well again after SIGCONT),
 * then {@code mariadbd} killed (restarted by the launcher on the same data, a row written before is there, webhooks
 * stored again), then killed again with the restart allowance ({@code max-restarts=1}) spent: the launcher stops the
 * platform and exits 1. Measured times are printed.
 */
class DatabaseFailureIT {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Duration WEBHOOK_BOUND = Duration.ofSeconds(10);
    private static final Duration HEALTH_BOUND = Duration.ofSeconds(5);
    private static final String OPERATOR_PASSWORD = "operator-pass-123";
    private static final String ADMIN_PASSWORD = "tenant-admin-pass-123";
    private static final String SIPUNI_SECRET = "sipuni-secret-123";
    private static final Pattern JSON_STRING = Pattern.compile("\"(token|inboundUrl)\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SipuniEvents sipuni = SipuniEvents.forAccount("070196");
    private final AtomicInteger calls = new AtomicInteger();
    private Path work;
    private Path dataDir;
    private Process launcher;
    private int port;

    @BeforeEach
    void dataFolderUnderTarget() throws IOException {
        work = Files.createDirectories(Path.of(System.getProperty("it.work.dir")));
        dataDir = Files.createTempDirectory(work, "dbfail");
    }

    @AfterEach
    void nothingLeftBehind() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            // A stopped database would hold up the launcher's orderly stop: let it run first.
            mariadbd().ifPresent(p -> signal("CONT", p.pid()));
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        }
    }

    @Test
    void stalledThenKilledThenKilledTooOften() throws Exception {
        port = freePort();
        Path log = work.resolve(dataDir.getFileName() + ".log");
        launcher = start(log);
        await(STARTUP, () -> !launcher.isAlive() || read(log).contains("Switchboard is up"));
        assertThat(read(log)).as("launcher log").contains("Switchboard is up");
        String hook = setUpSipuniConnection();
        assertThat(webhook(hook).status).as("a webhook while all is well").isEqualTo(200);
        try (Connection db = embeddedDatabase(); Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE dbfail_probe (note VARCHAR(50))");
            statement.execute("INSERT INTO dbfail_probe VALUES ('written before the kill')");
        }

        // 1. Frozen: the process lives but answers nothing.
        long frozenPid = mariadbd().orElseThrow().pid();
        signal("STOP", frozenPid);
        Instant frozenAt = Instant.now();
        List<CompletableFuture<Answer>> first = sendMany(hook, 8);
        Duration healthDown = awaitHealth(false, frozenAt);
        for (CompletableFuture<Answer> answer : first) {
            assertRefusedInTime(answer.get(30, TimeUnit.SECONDS));
        }
        // Once known to be away: refused at once, however many.
        List<CompletableFuture<Answer>> second = sendMany(hook, 16);
        Duration slowestLater = Duration.ZERO;
        for (CompletableFuture<Answer> answer : second) {
            Answer a = answer.get(30, TimeUnit.SECONDS);
            assertRefusedInTime(a);
            slowestLater = a.took.compareTo(slowestLater) > 0 ? a.took : slowestLater;
        }
        Duration slowestFirst = first.stream().map(CompletableFuture::join).map(a -> a.took).max(Duration::compareTo)
                .orElseThrow();
        assertThat(read(log)).as("a frozen database is not restarted").doesNotContain("restarting it");

        signal("CONT", frozenPid);
        Instant thawedAt = Instant.now();
        Duration healthUp = awaitHealth(true, thawedAt);
        Duration storedAgain = awaitStored(hook, thawedAt);
        report("frozen: first webhooks 503 after at most %s, later ones after at most %s; /health DOWN after %s;"
                + " after SIGCONT /health UP after %s, webhook stored after %s", slowestFirst, slowestLater,
                healthDown, healthUp, storedAgain);

        // 2. Killed: restarted on the same data.
        int storedBefore = countInbox();
        Instant killedAt = Instant.now();
        kill9(frozenPid);
        await(Duration.ofSeconds(60), () -> read(log).contains("is running again"));
        Duration restarted = Duration.between(killedAt, Instant.now());
        assertThat(read(log)).contains("The embedded MariaDB (pid " + frozenPid + ") exited unexpectedly; restarting "
                + "it on the same data folder (restart 1 of at most 1 within 10 min)");
        long restartedPid = mariadbd().orElseThrow().pid();
        assertThat(restartedPid).isNotEqualTo(frozenPid);
        Duration healthyAgain = awaitHealth(true, killedAt);
        Duration storedAfterRestart = awaitStored(hook, killedAt);
        try (Connection db = embeddedDatabase(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT note FROM dbfail_probe")) {
            assertThat(rs.next()).as("the row written before the kill").isTrue();
            assertThat(rs.getString(1)).isEqualTo("written before the kill");
        }
        assertThat(countInbox()).as("events stored before the kill, and the one after").isGreaterThan(storedBefore);
        Matcher launcherSays = Pattern.compile("restarted in ([0-9.]+ s)").matcher(read(log));
        assertThat(launcherSays.find()).isTrue();
        report("killed: restart logged after %s (launcher: mariadbd " + launcherSays.group(1) + "), /health UP after "
                + "%s, webhook stored after %s", restarted, healthyAgain, storedAfterRestart);

        // 3. Killed again with the allowance spent: everything stops, exit 1.
        kill9(restartedPid);
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("launcher gave up").isTrue();
        assertThat(launcher.exitValue()).isEqualTo(1);
        assertThat(read(log)).contains("after 1 restart within 10 min", "giving up: stopping Switchboard",
                "Switchboard stopped.");
        assertThat(launcher.toHandle().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    private void assertRefusedInTime(Answer answer) {
        assertThat(answer.status).as("webhook while the database is frozen").isEqualTo(503);
        assertThat(answer.retryAfter).as("Retry-After").isNotNull();
        assertThat(answer.took).as("time to the 503").isLessThanOrEqualTo(WEBHOOK_BOUND);
    }

    /** Polls /health (each request must be answered within 5 s) until it says UP or DOWN; returns the time since. */
    private Duration awaitHealth(boolean up, Instant since) throws Exception {
        Instant deadline = Instant.now().plus(up ? Duration.ofSeconds(60) : HEALTH_BOUND.plusSeconds(1));
        while (true) {
            Instant asked = Instant.now();
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(base("/health")).timeout(HEALTH_BOUND).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                throw new AssertionError("/health gave no answer within " + HEALTH_BOUND, e);
            }
            assertThat(Duration.between(asked, Instant.now())).as("/health answer time").isLessThan(HEALTH_BOUND);
            boolean isUp = response.statusCode() == 200 && response.body().contains("\"UP\"");
            if (isUp == up) {
                Duration took = Duration.between(since, Instant.now());
                if (!up) {
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(took).as("time to /health DOWN").isLessThanOrEqualTo(HEALTH_BOUND);
                }
                return took;
            }
            assertThat(Instant.now()).as("/health " + (up ? "UP" : "DOWN") + " in time").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** Sends webhooks until one is stored (200); returns the time since {@code since}. */
    private Duration awaitStored(String hook, Instant since) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (webhook(hook).status != 200) {
            assertThat(Instant.now()).as("a webhook stored again in time").isBefore(deadline);
            Thread.sleep(100);
        }
        return Duration.between(since, Instant.now());
    }

    private record Answer(int status, String retryAfter, Duration took) {
    }

    private List<CompletableFuture<Answer>> sendMany(String hook, int n) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return webhook(hook);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        return answers;
    }

    /** One Sipuni call-event webhook of a new call; no answer within 30 s counts as status -1. */
    private Answer webhook(String hook) throws Exception {
        SipuniEvents.Hook event = sipuni.incomingAnswered("dbfail-" + calls.incrementAndGet(), 1774373436L,
                "79161234567", "201").get(0);
        Instant sent = Instant.now();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hook + "?token=" + SIPUNI_SECRET))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(event.formBody())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    Duration.between(sent, Instant.now()));
        } catch (HttpTimeoutException e) {
            return new Answer(-1, null, Duration.between(sent, Instant.now()));
        }
    }

    private String setUpSipuniConnection() throws Exception {
        String operator = token("admin@switchboard.local", OPERATOR_PASSWORD);
        call("POST", "/api/v1/tenants", operator, "{\"slug\":\"dbfail\",\"name\":\"DB failure\","
                + "\"adminEmail\":\"admin@dbfail.test\",\"adminPassword\":\"" + ADMIN_PASSWORD + "\"}");
        String admin = token("admin@dbfail.test", ADMIN_PASSWORD);
        call("PUT", "/api/v1/catalogue/sipuni", admin, null);
        String connection = call("POST", "/api/v1/connections", admin, "{\"connector\":\"sipuni\",\"name\":\"PBX\","
                + "\"settings\":{\"webhook_secret\":\"" + SIPUNI_SECRET + "\"}}");
        return field(connection, "inboundUrl");
    }

    private String token(String email, String password) throws Exception {
        return field(call("POST", "/api/v1/tokens", null, "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"name\":\"it\"}"), "token");
    }

    private String call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode() / 100).as(method + " " + path + ": " + response.body()).isEqualTo(2);
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = JSON_STRING.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no " + name + " in " + json);
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Process start(Path log) throws IOException {
        Path dist = Path.of(System.getProperty("it.dist.dir"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-Dswitchboard.data.dir=" + dataDir,
                "-Dswitchboard.http.port=" + port, "-Dswitchboard.admin.password=" + OPERATOR_PASSWORD,
                "-Dswitchboard.db.embedded.max-restarts=1",
                "-jar", dist.resolve("switchboard-launcher.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The launcher's mariadbd child, found among its descendants (not through the pid file). */
    private java.util.Optional<ProcessHandle> mariadbd() {
        return launcher.toHandle().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> StaleProcess.commandLine(p).contains("mariadbd")).findFirst();
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void kill9(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
    }

    private int countInbox() throws Exception {
        try (Connection db = embeddedDatabase(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM inbox_event")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Connection embeddedDatabase() throws IOException, SQLException {
        String dbPort = Files.readString(dataDir.resolve("mariadb.port")).trim();
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + dbPort + "/switchboard?connectTimeout=5000"
                + "&socketTimeout=10000", "root", "");
    }

    private static void report(String format, Object... durations) {
        Object[] seconds = new Object[durations.length];
        for (int i = 0; i < durations.length; i++) {
            seconds[i] = String.format(Locale.ROOT, "%.2f s", ((Duration) durations[i]).toMillis() / 1000.0);
        }
        System.out.println("DatabaseFailureIT " + String.format(Locale.ROOT, format, seconds));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
