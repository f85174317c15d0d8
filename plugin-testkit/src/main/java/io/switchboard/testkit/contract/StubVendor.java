package io.switchboard.testkit.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A vendor that answers every request alike (say, {@code 503} with {@code Retry-After: 7}) and records what it was
 * sent. The contract suites point connectors at it to see how they take failures; it knows no vendor's API, so any
 * connector whose base URL is a setting can be tested against it. Listens on loopback, port chosen by the system.
 */
public final class StubVendor implements AutoCloseable {

    /**
     * One request as received.
     *
     * @param method  HTTP method
     * @param uri     path and query as sent
     * @param headers header names (lower case) and values
     * @param body    the body as UTF-8 text
     */
    public record Received(String method, String uri, Map<String, List<String>> headers, String body) {

        /** @return everything the request carried, for "does it contain this secret?" */
        public String everything() {
            return method + " " + uri + "\n" + headers + "\n" + body;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile Map<String, String> headers;
    private volatile String body;

    private StubVendor(int status, Map<String, String> headers, String body) {
        answer(status, headers, body);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return a started stub answering every request with this status, headers and JSON body */
    public static StubVendor answering(int status, Map<String, String> headers, String body) {
        return new StubVendor(status, headers, body);
    }

    /** @return a started stub answering every request with this status and an empty JSON object */
    public static StubVendor answering(int status) {
        return answering(status, Map.of(), "{}");
    }

    /** Changes the answer for the requests that follow. */
    public void answer(int newStatus, Map<String, String> newHeaders, String newBody) {
        status = newStatus;
        headers = Map.copyOf(newHeaders);
        body = newBody;
    }

    /** @return the base URL, ending in {@code /}: {@code http://127.0.0.1:<port>/} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** @return the requests received so far, oldest first */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> requestHeaders = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    requestHeaders.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    requestHeaders, requestBody));
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
