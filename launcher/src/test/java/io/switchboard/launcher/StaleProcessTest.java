package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleProcessTest {

    private static final Instant PID_FILE_WRITTEN = Instant.parse("2026-01-01T10:00:00Z");
    private static final Predicate<StaleProcess.Facts> MARIADBD_OF_OUR_DATA =
            facts -> facts.commandLine().contains("mariadbd") && facts.commandLine().contains("--datadir=/srv/data/db");

    @TempDir
    Path dir;

    private static StaleProcess.Facts facts(String commandLine, Instant start) {
        return new StaleProcess.Facts(42, commandLine, Optional.ofNullable(start), Optional.empty());
    }

    @Test
    void aMatchingProcessStartedBeforeThePidFileIsOurs() {
        assertThat(StaleProcess.isOurs(facts("/srv/data/mariadb/bin/mariadbd --datadir=/srv/data/db --port=1",
                PID_FILE_WRITTEN.minusSeconds(30)), PID_FILE_WRITTEN, MARIADBD_OF_OUR_DATA)).isTrue();
    }

    @Test
    void anotherDataFolderOrProgramIsNotOurs() {
        assertThat(StaleProcess.isOurs(facts("mariadbd --datadir=/elsewhere/db", PID_FILE_WRITTEN.minusSeconds(30)),
                PID_FILE_WRITTEN, MARIADBD_OF_OUR_DATA)).isFalse();
        assertThat(StaleProcess.isOurs(facts("vim --datadir=/srv/data/db", PID_FILE_WRITTEN.minusSeconds(30)),
                PID_FILE_WRITTEN, MARIADBD_OF_OUR_DATA)).isFalse();
    }

    @Test
    void aProcessThatStartedAfterThePidFileWasWrittenReusedThePid() {
        assertThat(StaleProcess.isOurs(facts("mariadbd --datadir=/srv/data/db", PID_FILE_WRITTEN.plusSeconds(60)),
                PID_FILE_WRITTEN, MARIADBD_OF_OUR_DATA)).isFalse();
        assertThat(StaleProcess.isOurs(facts("mariadbd --datadir=/srv/data/db", PID_FILE_WRITTEN.plusMillis(1500)),
                PID_FILE_WRITTEN, MARIADBD_OF_OUR_DATA)).as("within the clock tolerance").isTrue();
    }

    @Test
    void anUnknownStartTimeLeavesTheDecisionToTheCommandLine() {
        assertThat(StaleProcess.isOurs(facts("mariadbd --datadir=/srv/data/db", null), PID_FILE_WRITTEN,
                MARIADBD_OF_OUR_DATA)).isTrue();
    }

    @Test
    void stopsALiveProcessWhoseCommandLineIsOurs() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        awaitExec(sleeper, "sleep 300");
        Path pidFile = Files.writeString(dir.resolve("x.pid"), String.valueOf(sleeper.pid()));

        assertThat(StaleProcess.stop(pidFile, f -> f.commandLine().equals("sleep 300"), Duration.ofSeconds(5)))
                .contains(sleeper.pid());
        assertThat(sleeper.isAlive()).isFalse();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void forcesAProcessThatIgnoresSigterm() throws Exception {
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; exec sleep 300").start();
        try {
            assertThat(new String(stubborn.getInputStream().readNBytes(6))).isEqualTo("ready\n");
            awaitExec(stubborn, "sleep 300");
            Path pidFile = Files.writeString(dir.resolve("x.pid"), String.valueOf(stubborn.pid()));
            assertThat(StaleProcess.stop(pidFile, f -> f.commandLine().contains("sleep 300"),
                    Duration.ofMillis(500))).contains(stubborn.pid());
            assertThat(stubborn.isAlive()).isFalse();
        } finally {
            stubborn.destroyForcibly();
        }
    }

    @Test
    void leavesAProcessAloneWhenItIsNotOurs() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "300").start();
        try {
            Path pidFile = Files.writeString(dir.resolve("x.pid"), String.valueOf(stranger.pid()));
            assertThat(StaleProcess.stop(pidFile, f -> f.commandLine().contains("mariadbd"), Duration.ofSeconds(5)))
                    .isEmpty();
            assertThat(stranger.isAlive()).isTrue();

            // Same command line, but the pid file is older than the process: the pid was reused.
            Files.writeString(pidFile, String.valueOf(stranger.pid()));
            Files.setLastModifiedTime(pidFile, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            assertThat(StaleProcess.stop(pidFile, f -> f.commandLine().equals("sleep 300"), Duration.ofSeconds(5)))
                    .isEmpty();
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    @Test
    void missingOrGarbledPidFilesOrDeadProcessesMeanNothingToStop() throws Exception {
        assertThat(StaleProcess.stop(dir.resolve("none.pid"), f -> true, Duration.ofSeconds(1))).isEmpty();
        Path garbled = Files.writeString(dir.resolve("bad.pid"), "not a pid");
        assertThat(StaleProcess.stop(garbled, f -> true, Duration.ofSeconds(1))).isEmpty();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = Files.writeString(dir.resolve("dead.pid"), String.valueOf(gone.pid()));
        assertThat(StaleProcess.stop(dead, f -> true, Duration.ofSeconds(1))).isEmpty();
        assertThat(dead).as("a pid file of a dead process is cleaned up").doesNotExist();
    }

    @Test
    void seesTheWorkingDirectoryOfAProcess() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "300").directory(dir.toFile()).start();
        try {
            awaitExec(sleeper, "sleep 300");
            StaleProcess.Facts facts = StaleProcess.Facts.of(sleeper.toHandle());
            assertThat(facts.commandLine()).isEqualTo("sleep 300");
            assertThat(facts.start()).isPresent();
            if (Files.isDirectory(Path.of("/proc/self"))) {
                assertThat(facts.workingDir()).contains(dir.toRealPath());
            }
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    /**
     * Waits until the child runs the expected program: right after start() (and between "echo ready" and an
     * exec) /proc/<pid>/cmdline may still show the JDK's spawn helper or the shell, or be empty mid-exec.
     */
    private static void awaitExec(Process process, String commandLine) {
        Instant deadline = Instant.now().plusSeconds(5);
        while (!StaleProcess.commandLine(process.toHandle()).equals(commandLine) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertThat(StaleProcess.commandLine(process.toHandle())).isEqualTo(commandLine);
    }
}
