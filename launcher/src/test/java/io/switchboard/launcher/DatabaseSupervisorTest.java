package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's policy against stand-in processes ({@code sleep}): a dead database is restarted, one that keeps
 * dying is given up on, a database stopped on purpose is left alone. The real MariaDB: {@link DatabaseFailureIT}.
 */
class DatabaseSupervisorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> gaveUp = new CompletableFuture<>();
    private volatile Process current;
    private volatile boolean restartFails;

    private final DatabaseSupervisor.Supervised database = new DatabaseSupervisor.Supervised() {
        @Override
        public Optional<ProcessHandle> process() {
            Process p = current;
            return p == null || !p.isAlive() ? Optional.empty() : Optional.of(p.toHandle());
        }

        @Override
        public void restart() throws IOException {
            if (restartFails) {
                throw new IOException("port taken");
            }
            current = stand_in();
        }
    };

    private Process stand_in() throws IOException {
        Process process = new ProcessBuilder("sleep", "60").start();
        started.add(process);
        return process;
    }

    @AfterEach
    void killStandIns() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aDeadDatabaseIsRestartedUntilItDiesTooOftenWithinTheWindow() throws Exception {
        current = stand_in();
        DatabaseSupervisor supervisor = new DatabaseSupervisor(database, 2, Duration.ofMinutes(10), out,
                gaveUp::complete, Clock.systemUTC());
        supervisor.start();

        for (int restart = 1; restart <= 2; restart++) {
            Process before = current;
            before.destroyForcibly().waitFor();
            await(() -> current != before && current.isAlive());
            int n = restart;
            await(() -> console().contains("is running again") && console().split("is running again").length > n);
            // "(pid N) exited unexpectedly" when the watcher was already waiting on it, "is not running" when the
            // kill came before it looked again: both are restarts.
            assertThat(console()).contains("restarting it on the same data folder (restart " + restart
                    + " of at most 2 within 10 min)");
        }
        current.destroyForcibly().waitFor();
        String reason = gaveUp.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(reason).contains("after 2 restarts within 10 min", "giving up", "exit code 1");
        assertThat(started).hasSize(3);
        supervisor.stop();
    }

    @Test
    void restartsOutsideTheWindowDoNotCount() throws Exception {
        current = stand_in();
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        DatabaseSupervisor supervisor = new DatabaseSupervisor(database, 1, Duration.ofMinutes(10), out,
                gaveUp::complete, clock);
        supervisor.start();
        for (int death = 1; death <= 3; death++) {
            Process before = current;
            before.destroyForcibly().waitFor();
            await(() -> current != before && current.isAlive());
            now[0] = now[0].plus(Duration.ofMinutes(11));
        }
        assertThat(gaveUp).isNotDone();
        supervisor.stop();
    }

    @Test
    void aRestartThatFailsIsGivenUpOnAtOnce() throws Exception {
        current = stand_in();
        restartFails = true;
        new DatabaseSupervisor(database, 3, Duration.ofMinutes(10), out, gaveUp::complete, Clock.systemUTC()).start();
        current.destroyForcibly().waitFor();
        assertThat(gaveUp.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .contains("could not be restarted (port taken)", "exit code 1");
    }

    @Test
    void aDatabaseStoppedOnPurposeIsNotRestarted() throws Exception {
        current = stand_in();
        DatabaseSupervisor supervisor = new DatabaseSupervisor(database, 3, Duration.ofMinutes(10), out,
                gaveUp::complete, Clock.systemUTC());
        supervisor.start();
        supervisor.stop();
        Process stopped = current;
        stopped.destroy();
        stopped.waitFor();
        // Whatever the watcher does now happens at once; give it a moment's chance by waiting for something it
        // would print — and find nothing.
        assertThat(stopped.onExit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(current).isSameAs(stopped);
        assertThat(console()).doesNotContain("restarting");
        assertThat(gaveUp).isNotDone();
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within %s", DEADLINE).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
