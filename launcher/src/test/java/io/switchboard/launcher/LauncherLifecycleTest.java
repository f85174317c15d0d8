package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's lifecycle against {@link FakePayara} and an "external" database (so no MariaDB starts): exit codes,
 * the startup deadline, and what reaches the platform process by environment rather than command line.
 */
class LauncherLifecycleTest {

    @TempDir
    Path dist;
    @TempDir
    Path data;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void fakeDistribution() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakePayara.class.getName());
        String entry = FakePayara.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dist.resolve("payara-micro.jar")), manifest);
             InputStream fakeClass = FakePayara.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            fakeClass.transferTo(jar);
        }
        Files.writeString(dist.resolve("switchboard-platform.war"), "not a real WAR");
    }

    private int run(String mode, Duration startupTimeout) throws Exception {
        // The "external" database is fictitious here: its check passes.
        return run(mode, startupTimeout, "jdbc:mariadb://db.example:3306/switchboard", (url, user, pw) -> Optional.empty());
    }

    private int run(String mode, Duration startupTimeout, String dbUrl, Launcher.DatabaseCheck check) throws Exception {
        Settings settings = new Settings(freePort(), data, dist.resolve("plugins"), dist, Optional.of(dbUrl), "sb",
                "pa55word", 0, List.of("-Xmx32m", "-Dfake.mode=" + mode), startupTimeout);
        return new Launcher(settings, new PrintStream(console, true, StandardCharsets.UTF_8), check).run();
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPlatformThatExitsAfterStartingPassesOnItsExitCode() throws Exception {
        assertThat(run("up-then-exit3", Duration.ofSeconds(30))).isEqualTo(3);
        assertThat(console()).contains("Switchboard is up in", "Database: external (jdbc:mariadb://db.example:3306/",
                "The platform exited by itself (exit code 3)", "Switchboard stopped.");
        assertThat(data.resolve("payara.pid")).doesNotExist();
    }

    @Test
    void aPlatformThatExitsWithZeroDuringStartupIsAFailure() throws Exception {
        assertThat(run("exit0", Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(console()).contains("The platform failed to start (exit code 0").doesNotContain("is up");
    }

    @Test
    void aPlatformThatNeverBecomesHealthyIsStoppedAtTheDeadline() throws Exception {
        assertThat(run("never-up", Duration.ofSeconds(2))).isEqualTo(1);
        assertThat(console()).contains("did not report healthy within 2 s");
        long pid = Long.parseLong(Files.readString(data.resolve("fake-pid.txt")).trim());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void settingsReachThePlatformAsEnvironmentVariablesNotAsArguments() throws Exception {
        run("up-then-exit3", Duration.ofSeconds(30));
        String environment = Files.readString(data.resolve("fake-environment.txt"));
        assertThat(environment).contains("SWITCHBOARD_DB_URL=jdbc:mariadb://db.example:3306/switchboard",
                "SWITCHBOARD_DB_USER=sb", "SWITCHBOARD_DB_PASSWORD=pa55word", "SWITCHBOARD_PLUGINS_DIR=" + dist.resolve("plugins"),
                "SWITCHBOARD_DATA_DIR=" + data);
        String arguments = Files.readString(data.resolve("fake-arguments.txt"));
        assertThat(arguments).startsWith("--deploy " + dist.resolve("switchboard-platform.war"))
                .contains("--contextroot / --port ", "--nohazelcast").doesNotContain("pa55word");
        assertThat(console()).doesNotContain("pa55word");
    }

    @Test
    void anUnreachableExternalDatabaseIsReportedAtOnceAndThePlatformNeverStarts() throws Exception {
        int closed = freePort();
        assertThat(run("up-then-exit3", Duration.ofSeconds(30), "jdbc:mariadb://127.0.0.1:" + closed + "/switchboard",
                ExternalDatabaseProbe::problem)).isEqualTo(1);
        assertThat(console()).contains("Switchboard cannot start: cannot connect to the database at jdbc:mariadb://127.0.0.1:"
                + closed + "/switchboard as 'sb'").doesNotContain("pa55word").doesNotContain("is up");
        assertThat(data.resolve("fake-arguments.txt")).doesNotExist();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
