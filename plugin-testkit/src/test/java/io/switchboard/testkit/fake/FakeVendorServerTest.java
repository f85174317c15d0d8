package io.switchboard.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeVendorServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger handled = new AtomicInteger();
    private final FakeVendorServer server = FakeVendorServer.start("Acme", request -> {
        handled.incrementAndGet();
        if (!"Bearer T0K3N".equals(request.header("authorization"))) {
            return FakeResponse.json(401, "{\"error\":\"invalid token\"}");
        }
        return FakeResponse.json(200, "{\"echo\":\"" + request.query().get("q") + "\"}");
    });

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersOnLoopbackWithTheHandlersJsonAndRecordsEveryRequest() throws Exception {
        assertThat(server.baseUrl()).startsWith("http://localhost:").endsWith("/");

        HttpResponse<String> ok = get("api/echo?q=caf%C3%A9", "T0K3N");
        HttpResponse<String> refused = get("api/echo", "wrong");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"echo\":\"café\"}");
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(server.requests()).extracting(FakeRequest::path).containsExactly("/api/echo", "/api/echo");
        assertThat(server.requests().get(0).rawQuery()).isEqualTo("q=caf%C3%A9");
        assertThat(server.requests().get(1).header("AUTHORIZATION")).isEqualTo("Bearer wrong");
        assertThat(server.requestCount("/api/echo")).isEqualTo(2);
    }

    @Test
    void recordsTheBodyAndDecodesFormFields() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "form"))
                .header("Authorization", "Bearer T0K3N")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=1&b=%D0%B4%D0%B0&a=2")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        FakeRequest recorded = server.requests().get(0);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.bodyText()).isEqualTo("a=1&b=%D0%B4%D0%B0&a=2");
        assertThat(recorded.formFields()).containsExactly(
                java.util.Map.entry("a", "1"), java.util.Map.entry("b", "да"));
    }

    @Test
    void scriptedFailuresComeFirstInOrderAndNeverReachTheVendor() throws Exception {
        server.failNext(1, 429, 7).failNext(1, 500).answerNext(1, FakeResponse.text(502, "<html>gateway</html>"));

        HttpResponse<String> limited = get("x", "T0K3N");
        HttpResponse<String> broken = get("x", "T0K3N");
        HttpResponse<String> page = get("x", "T0K3N");
        HttpResponse<String> normal = get("x", "T0K3N");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).isEmpty();
        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body()).isEqualTo("<html>gateway</html>");
        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(handled).hasValue(1);
        assertThat(server.requestCount()).isEqualTo(4);
        assertThat(server.scriptedLeft()).isZero();
    }

    @Test
    void aDelayedRequestStillGetsTheHandlersAnswerButLate() throws Exception {
        server.delayNext(1, Duration.ofMillis(400));

        long started = System.nanoTime();
        HttpResponse<String> late = get("x", "T0K3N");
        long lateMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(lateMillis).isGreaterThanOrEqualTo(400);
        assertThat(handled).hasValue(1);
    }

    @Test
    void aHandlerThatThrowsAnswers500AndTheServerKeepsServing() throws Exception {
        try (FakeVendorServer failing = FakeVendorServer.start("Broken", request -> {
            throw new IllegalStateException("bug in the fake");
        })) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(failing.baseUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).contains("Broken fake failed", "bug in the fake");
            assertThat(failing.requestCount()).isEqualTo(1);
        }
    }
}
