package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleProcessTest {

    @TempDir
    Path dir;

    @Test
    void stopsALiveProcessWhoseCommandLineIsOurs() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        Path pidFile = dir.resolve("x.pid");
        Files.writeString(pidFile, String.valueOf(sleeper.pid()));

        assertThat(StaleProcess.stop(pidFile, cmd -> cmd.startsWith("sleep 300"), Duration.ofSeconds(5))).isTrue();
        assertThat(sleeper.isAlive()).isFalse();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void leavesAProcessAloneWhenItsCommandLineIsNotOurs() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "300").start();
        try {
            Path pidFile = dir.resolve("x.pid");
            Files.writeString(pidFile, String.valueOf(stranger.pid()));
            assertThat(StaleProcess.stop(pidFile, cmd -> cmd.contains("mariadbd"), Duration.ofSeconds(5))).isFalse();
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    @Test
    void missingOrGarbledPidFilesMeanNothingToStop() throws Exception {
        assertThat(StaleProcess.stop(dir.resolve("none.pid"), cmd -> true, Duration.ofSeconds(1))).isFalse();
        Path garbled = Files.writeString(dir.resolve("bad.pid"), "not a pid");
        assertThat(StaleProcess.stop(garbled, cmd -> true, Duration.ofSeconds(1))).isFalse();
    }
}
