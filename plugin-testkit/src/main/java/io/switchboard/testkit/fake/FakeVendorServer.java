package io.switchboard.testkit.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bookkeeping every vendor fake repeats, so a fake is only its vendor's wire format: an HTTP server on a free
 * loopback port, every request recorded (method, path, query, headers, body), and scripted trouble for the next
 * requests — an error status (429 with {@code Retry-After}, 500…), any answer, or a delay before the real answer.
 * The fake itself is a {@link Handler}: it gets each request with its body read and returns a {@link FakeResponse}.
 *
 * <pre>{@code
 * final class AcmeFake implements AutoCloseable {
 *     private final FakeVendorServer server = FakeVendorServer.start("Acme", this::handle);
 *
 *     String baseUrl() { return server.baseUrl() + "api/"; }
 *
 *     private FakeResponse handle(FakeRequest request) {
 *         if (!"Bearer T0K3N".equals(request.header("Authorization"))) {
 *             return FakeResponse.json(401, "{\"error\":\"invalid token\"}");
 *         }
 *         return FakeResponse.json(200, "{\"ok\":true}");
 *     }
 *
 *     public void close() { server.close(); }
 * }
 *
 * fake.server().failNext(2, 429, 1);   // the next two requests get 429 with Retry-After: 1, unprocessed
 * }</pre>
 *
 * <p>Scripted answers apply in the order they were added and take precedence over the handler; a request that
 * gets one is recorded but never reaches the handler (so it changes nothing). Thread-safe: the server answers on a
 * small pool of its own threads.
 */
public final class FakeVendorServer implements AutoCloseable {

    /** The fake's wire format: one request in, one answer out. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param request the request, body read
         * @return the answer to send
         * @throws IOException to answer 500 (the message is not sent)
         */
        FakeResponse handle(FakeRequest request) throws IOException;
    }

    /** A scripted step: either a fixed answer or a delay before the handler's answer. */
    private record Step(FakeResponse answer, Duration delay) {
    }

    private final String name;
    private final Handler handler;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Step> script = new ArrayDeque<>();

    private FakeVendorServer(String name, Handler handler, int threads) {
        this.name = Objects.requireNonNull(name, "name");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-fake");
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new IllegalStateException("cannot start the " + name + " fake", e);
        }
        server.createContext("/", this::exchange);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a server on a free loopback port answering with {@code handler}, on two threads.
     *
     * @param name the vendor's name, for thread names and messages (e.g. {@code "Acme"})
     */
    public static FakeVendorServer start(String name, Handler handler) {
        return new FakeVendorServer(name, handler, 2);
    }

    /** Like {@link #start(String, Handler)} with {@code threads} answering threads (one keeps answers in order). */
    public static FakeVendorServer start(String name, Handler handler, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        return new FakeVendorServer(name, handler, threads);
    }

    /** @return the port the server listens on (loopback) */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * @return {@code http://localhost:<port>/}; a fake appends its vendor's API prefix. {@code localhost}, not
     *         {@code 127.0.0.1}: the platform's tests call loopback fakes by that name.
     */
    public String baseUrl() {
        return "http://localhost:" + port() + "/";
    }

    /** @return every request received so far, in arrival order, scripted ones included */
    public List<FakeRequest> requests() {
        return List.copyOf(requests);
    }

    /** @return how many requests were received so far */
    public int requestCount() {
        return requests.size();
    }

    /** @return how many requests were sent to exactly this path (no query), e.g. {@code /api/ping} */
    public long requestCount(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    /** Forgets the recorded requests (the vendor state of the fake is the fake's own business). */
    public void clearRequests() {
        requests.clear();
    }

    /** The next {@code times} requests get {@code status} with an empty body, whatever they ask. */
    public FakeVendorServer failNext(int times, int status) {
        return answerNext(times, FakeResponse.empty(status));
    }

    /**
     * The next {@code times} requests get {@code status} with an empty body and, when not {@code null}, a
     * {@code Retry-After} header of that many seconds: how vendors say "too many requests" (429) or "down for a
     * while" (503).
     */
    public FakeVendorServer failNext(int times, int status, Integer retryAfterSeconds) {
        FakeResponse answer = FakeResponse.empty(status);
        return answerNext(times, retryAfterSeconds == null ? answer
                : answer.withHeader("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** The next {@code times} requests get {@code answer}, whatever they ask. */
    public FakeVendorServer answerNext(int times, FakeResponse answer) {
        Objects.requireNonNull(answer, "answer");
        synchronized (script) {
            for (int i = 0; i < times; i++) {
                script.addLast(new Step(answer, null));
            }
        }
        return this;
    }

    /**
     * The next {@code times} requests are answered by the handler as usual, but only after {@code delay}: for
     * clients' timeouts and for requests that overlap.
     */
    public FakeVendorServer delayNext(int times, Duration delay) {
        Objects.requireNonNull(delay, "delay");
        synchronized (script) {
            for (int i = 0; i < times; i++) {
                script.addLast(new Step(null, delay));
            }
        }
        return this;
    }

    /** @return how many scripted answers and delays are still waiting for a request */
    public int scriptedLeft() {
        synchronized (script) {
            return script.size();
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            FakeRequest request = new FakeRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Step step;
            synchronized (script) {
                step = script.pollFirst();
            }
            FakeResponse answer;
            if (step != null && step.answer() != null) {
                answer = step.answer();
            } else {
                if (step != null) {
                    pause(step.delay());
                }
                answer = answer(request);
            }
            send(exchange, answer);
        }
    }

    private FakeResponse answer(FakeRequest request) {
        try {
            FakeResponse answer = handler.handle(request);
            return answer == null ? FakeResponse.empty(500) : answer;
        } catch (IOException | RuntimeException e) {
            return FakeResponse.text(500, name + " fake failed: " + e);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, FakeResponse answer) throws IOException {
        byte[] body = answer.body();
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        answer.headers().forEach((key, value) -> exchange.getResponseHeaders().add(key, value));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Stops the server at once and its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return name + " fake on " + baseUrl();
    }
}
