package io.switchboard.testkit.fakes.sipuni;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Sipuni HTTP API on loopback (Sipuni's article "Получение статистики по звонкам, записей разговоров и статусов
 * сотрудников" and public clients), for now only {@code statistic/operators}: POST
 * with {@code user} and {@code hash} in the query, hash = MD5 of {@code user + "+" + secret} (the method has no
 * parameters). Answers a UTF-8 CSV with BOM, {@code ;}-separated, header {@code Login;Name;Status;Call state} and
 * one row per employee. A wrong account or hash gets HTTP 200 with the short text {@code Error: Неправильный хеш}
 * ([inf]: the real text and status are not documented; public clients test for a short non-CSV body).
 * {@link #failNext} / {@link #answerNext} make the next requests fail with a status (and body). Other paths
 * answer 404.
 *
 * <p>Base URL for the connector's {@code api_url}: {@link #baseUrl()} (ends in {@code /api/}).
 */
public final class SipuniApiFake implements AutoCloseable {

    private final String account;
    private final String secret;
    private final List<String> employees = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failStatus;
    private volatile String failBody = "";
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    /** Starts the fake for one account and its integration secret key. */
    public SipuniApiFake(String account, String secret) {
        this.account = account;
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Sipuni fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Adds an employee row (extension and name) to {@code statistic/operators}. */
    public SipuniApiFake addEmployee(String extension, String name) {
        employees.add(extension + ";" + name + ";Свободен;Нет звонка");
        return this;
    }

    /** The next {@code times} requests fail with {@code status} and an empty body. */
    public void failNext(int times, int status) {
        answerNext(times, status, "");
    }

    /** The next {@code times} requests get {@code status} and {@code body} whatever they ask (e.g. a web page). */
    public void answerNext(int times, int status, String body) {
        failStatus = status;
        failBody = body;
        failures.set(times);
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:1234/api/} */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/api/";
    }

    /** @return the paths requested so far, in order (no query: it holds the hash) */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** @return the MD5 hash Sipuni expects for a method without parameters */
    public static String hash(String account, String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((account + "+" + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            exchange.getRequestBody().readAllBytes();
            if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                send(exchange, failStatus, failBody);
                return;
            }
            if (!"/api/statistic/operators".equals(path) || !"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 404, "Not found");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!account.equals(query.get("user")) || !hash(account, secret).equals(query.get("hash"))) {
                send(exchange, 200, "Error: Неправильный хеш");
                return;
            }
            List<String> lines = new ArrayList<>();
            lines.add("Login;Name;Status;Call state");
            lines.addAll(employees);
            send(exchange, 200, "\uFEFF" + String.join("\n", lines) + "\n");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            result.putIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return result;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
