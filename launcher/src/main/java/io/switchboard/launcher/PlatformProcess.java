package io.switchboard.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro running the platform WAR as a child process. Database settings go to it as environment variables
 * (MicroProfile Config reads them), so no password appears on a command line.
 */
final class PlatformProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final Process process;
    private final Path pidFile;
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PlatformProcess(Process process, Path pidFile, URI health) {
        this.process = process;
        this.pidFile = pidFile;
        this.health = health;
    }

    /** Stops a platform left running by a previous launcher; see {@link StaleProcess}. */
    static boolean stopStale(Path dataDir) {
        return StaleProcess.stop(pidFile(dataDir), cmd -> cmd.contains("payara-micro.jar")
                && cmd.contains(dataDirMarker(dataDir)), Duration.ofSeconds(30));
    }

    /** On the command line so that our platform process of this data folder can be recognised, and only it. */
    private static String dataDirMarker(Path dataDir) {
        return "-Dswitchboard.data.dir=" + dataDir;
    }

    static PlatformProcess start(Settings settings, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.javaOpts());
        command.add(dataDirMarker(settings.dataDir()));
        command.addAll(List.of("-jar", settings.distDir().resolve("payara-micro.jar").toString(),
                "--deploy", settings.distDir().resolve("switchboard-platform.war").toString(),
                "--contextroot", "/", "--port", String.valueOf(settings.httpPort()), "--nohazelcast"));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO()
                .directory(settings.dataDir().toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Path pidFile = pidFile(settings.dataDir());
        Files.writeString(pidFile, String.valueOf(process.pid()));
        return new PlatformProcess(process, pidFile,
                URI.create("http://127.0.0.1:" + settings.httpPort() + "/health"));
    }

    private static Path pidFile(Path dataDir) {
        return dataDir.resolve("payara.pid");
    }

    /**
     * Polls {@code /health} until it answers 200 (all checks UP), the process dies, or the deadline passes.
     *
     * @return true when healthy
     */
    boolean awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return false;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end and returns its exit code. */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Asks Payara to stop (SIGTERM), forces it after {@code grace}, and removes the pid file. */
    void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a leftover pid file is harmless: the next start checks the command line before acting on it
        }
    }
}
