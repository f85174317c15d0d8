package io.switchboard.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code --client=jdk}: the JDK's {@link HttpClient} (HTTP/1.1, keep-alive pool shared by all virtual users,
 * synchronous {@code send}). Any http or https URL; costs the generator noticeably more CPU per request than
 * {@link RawSender}.
 */
final class JdkSender implements Sender {

    private final HttpClient client;
    private final Duration timeout;

    JdkSender(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static HttpRequest toHttpRequest(Payloads.Request request, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        if (request.form() == null) {
            return b.GET().build();
        }
        return b.header("Content-Type", request.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(request.form(), StandardCharsets.UTF_8)).build();
    }

    @Override
    public Answer send(Payloads.Request request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(toHttpRequest(request, timeout),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        // the shared client goes with the run
    }
}
