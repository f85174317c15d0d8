package io.switchboard.platform.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform's outbound client against a real HTTP server on loopback. */
class PooledVendorHttpClientTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private PooledVendorHttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            calls.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Cookie") + " " + new String(body, StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("X-Request-Id", "r-1");
            exchange.getResponseHeaders().add("Set-Cookie", "session=tenant-a; Path=/");
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/busy", exchange -> {
            calls.incrementAndGet();
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        client = new PooledVendorHttpClient(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(10),
                1 << 20, VendorDestinations.allowing(Set.of("127.0.0.1")));
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void sendsMethodHeadersAndBodyAndReturnsStatusHeadersAndBody() {
        VendorResponse response = client.send(VendorRequest.json("POST", uri("/echo?x=1"), "{\"a\":\"é\"}")
                .withHeader("Authorization", "Bearer t"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(response.headers()).containsEntry("x-request-id", List.of("r-1"));
        assertThat(seen).containsExactly("POST /echo?x=1 application/json; charset=utf-8 Bearer t null {\"a\":\"é\"}");
    }

    @Test
    void keepsNoCookieFromOneRequestForTheNext() {
        client.send(VendorRequest.get(uri("/echo")));
        client.send(VendorRequest.get(uri("/echo")));

        assertThat(seen).hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain("session=tenant-a"));
    }

    @Test
    void returnsA429AsItCameWithoutRetryingIt() {
        VendorResponse response = client.send(new VendorRequest("GET", uri("/busy"), Map.of(), null));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(calls).hasValue(1);
    }

    @Test
    void aVendorThatDoesNotAnswerInTimeIsTransient() {
        assertThatThrownBy(() -> client.send(VendorRequest.get(uri("/slow"))))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("127.0.0.1");
    }

    @Test
    void aVendorThatCannotBeReachedIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client.send(VendorRequest.get(URI.create("http://127.0.0.1:" + closedPort + "/x"))))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("Could not reach 127.0.0.1");
    }
}
