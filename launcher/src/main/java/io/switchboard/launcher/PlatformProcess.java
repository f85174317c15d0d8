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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Payara Micro running the platform WAR as a child process. Its settings go to it as environment variables
 * (MicroProfile Config reads them), so no password appears on a command line; its working directory is the data
 * folder, which is also how a stale one is recognised after a {@code kill -9} of the launcher.
 */
final class PlatformProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration STALE_GRACE = Duration.ofSeconds(10);
    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

    private final Process process;
    private final Path pidFile;
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PlatformProcess(Process process, Path pidFile, URI health) {
        this.process = process;
        this.pidFile = pidFile;
        this.health = health;
    }

    static Path pidFile(Path dataDir) {
        return dataDir.resolve("payara.pid");
    }

    /**
     * Stops the Payara Micro of this data folder that a killed launcher left running, if any: a
     * {@code payara-micro.jar} process whose working directory is the data folder (where /proc tells; elsewhere the
     * command line and the pid file's age decide).
     *
     * @return its pid when there was one
     */
    static Optional<Long> stopStale(Path dataDir) {
        Path ourDir = realPath(dataDir);
        return StaleProcess.stop(pidFile(dataDir), facts -> facts.commandLine().contains("payara-micro.jar")
                && facts.workingDir().map(ourDir::equals).orElse(true), STALE_GRACE);
    }

    /**
     * Starts {@code java <opts> -jar payara-micro.jar --deploy switchboard-platform.war} with the console inherited
     * and writes the pid file.
     */
    static PlatformProcess start(Settings settings, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.javaOpts());
        command.addAll(List.of("-jar", settings.distDir().resolve("payara-micro.jar").toString(),
                "--deploy", settings.distDir().resolve("switchboard-platform.war").toString(),
                "--contextroot", "/", "--port", String.valueOf(settings.httpPort()),
                // Hazelcast (clustering) costs ≈ 4 s and ≈ 85 MB; a single instance does not need it.
                "--nohazelcast"));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO().directory(settings.dataDir().toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Path pidFile = pidFile(settings.dataDir());
        Files.writeString(pidFile, String.valueOf(process.pid()));
        return new PlatformProcess(process, pidFile,
                URI.create("http://127.0.0.1:" + settings.httpPort() + "/health"));
    }

    /**
     * Polls {@code /health} until it answers 200 with {@code "status":"UP"}, the process dies, or the deadline
     * passes.
     *
     * @return true when healthy
     */
    boolean awaitHealthy(Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (healthy()) {
                return true;
            }
            process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return false;
    }

    private boolean healthy() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find();
        } catch (IOException notYetListening) {
            return false;
        }
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
        StaleProcess.terminate(process.toHandle(), grace);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a leftover pid file is harmless: the next start checks the process before acting on it
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException notThereYet) {
            return path;
        }
    }
}
