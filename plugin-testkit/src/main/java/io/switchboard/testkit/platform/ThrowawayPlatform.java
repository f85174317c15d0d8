package io.switchboard.testkit.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Switchboard started for a test from a distribution folder by its launcher, as a separate process: its own HTTP
 * port, data folder (embedded MariaDB) and plugins folder, and a platform operator with a password made for the
 * test, signed in through the API. {@link #close()} stops it (SIGTERM: the launcher stops Payara and MariaDB).
 *
 * <p>The plugin API used ({@code docs/plugin-guide.md}): {@code POST /api/v1/plugins} with the jar
 * ({@code application/java-archive}) answers 201 with {@code {id, version, sha256, state}} or 422 with
 * {@code {"message"}}; {@code POST /api/v1/plugins/{id}/disable|enable}; {@code DELETE /api/v1/plugins/{id}}.
 */
public final class ThrowawayPlatform implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(240);
    private static final String OPERATOR = "operator@platform-test.local";

    private final Process launcher;
    private final Path log;
    private final Path pluginsDir;
    private final int port;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ThrowawayPlatform(Process launcher, Path log, Path pluginsDir, int port, String password)
            throws IOException, InterruptedException {
        this.launcher = launcher;
        this.log = log;
        this.pluginsDir = pluginsDir;
        this.port = port;
        this.token = signIn(password);
    }

    /**
     * Starts a platform and waits until it is up.
     *
     * @param dist   the distribution folder (with {@code switchboard-launcher.jar})
     * @param work   a folder for the data, plugins and log of this platform (under {@code target/}: the launcher
     *               refuses data under the temporary folder)
     * @param dropIn a plugin jar to put into the plugins folder before the start, if any
     */
    public static ThrowawayPlatform start(Path dist, Path work, Optional<Path> dropIn)
            throws IOException, InterruptedException {
        Path run = Files.createTempDirectory(Files.createDirectories(work), "platform");
        Path data = Files.createDirectories(run.resolve("data"));
        Path plugins = Files.createDirectories(run.resolve("plugins"));
        Path tmp = Files.createDirectories(run.resolve("tmp"));
        if (dropIn.isPresent()) {
            Files.copy(dropIn.get(), plugins.resolve(dropIn.get().getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = freePort();
        String password = "Pt-" + random() + "-" + random();
        Path log = run.resolve("launcher.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-Dswitchboard.data.dir=" + data, "-Dswitchboard.plugins.dir=" + plugins,
                "-jar", dist.resolve("switchboard-launcher.jar").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // As environment variables (MicroProfile Config names): a password on a command line shows in `ps`.
        builder.environment().put("SWITCHBOARD_HTTP_PORT", String.valueOf(port));
        builder.environment().put("SWITCHBOARD_ADMIN_EMAIL", OPERATOR);
        builder.environment().put("SWITCHBOARD_ADMIN_PASSWORD", password);
        Process launcher = builder.start();
        Instant deadline = Instant.now().plus(STARTUP);
        while (launcher.isAlive() && !read(log).contains("Switchboard is up") && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        if (!launcher.isAlive() || !read(log).contains("Switchboard is up")) {
            launcher.destroy();
            throw new IllegalStateException("the platform did not start within " + STARTUP + "; its log, " + log
                    + ":\n" + read(log));
        }
        return new ThrowawayPlatform(launcher, log, plugins, port, password);
    }

    /** @return the platform's address, e.g. {@code http://localhost:41234} */
    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    /** @return the plugins folder of this platform */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /** @return the launcher's log (platform included) so far */
    public String log() {
        return read(log);
    }

    /** @return the platform operator's API token */
    public String operatorToken() {
        return token;
    }

    /** Uploads a plugin jar as the operator; fails unless the platform answers 201. */
    public HttpResponse<String> upload(Path jar) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUri().resolve("/api/v1/plugins"))
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofFile(jar)));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("uploading " + jar.getFileName() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response;
    }

    /** GET as the operator. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baseUri().resolve(path)).GET());
    }

    /** POST a JSON body (or none) as the operator. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baseUri().resolve(path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** DELETE as the operator. */
    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baseUri().resolve(path)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String signIn(String password) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUri().resolve("/api/v1/tokens"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + OPERATOR + "\",\"password\":\"" + password
                        + "\",\"name\":\"platform test\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 201 || !token.find()) {
            throw new IllegalStateException("signing in as the operator answered " + response.statusCode());
        }
        return token.group(1);
    }

    /** Stops the launcher with SIGTERM (it stops Payara and MariaDB), forcibly after a minute. */
    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String random() {
        byte[] bytes = new byte[9];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
