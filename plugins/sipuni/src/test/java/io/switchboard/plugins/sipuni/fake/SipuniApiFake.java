package io.switchboard.plugins.sipuni.fake;

import io.switchboard.testkit.fake.FakeRequest;
import io.switchboard.testkit.fake.FakeResponse;
import io.switchboard.testkit.fake.FakeVendorServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
    private final FakeVendorServer server;

    /** Starts the fake for one account and its integration secret key. */
    public SipuniApiFake(String account, String secret) {
        this.account = account;
        this.secret = secret;
        this.server = FakeVendorServer.start("Sipuni", this::handle, 1);
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
        server.answerNext(times, plain(status, body));
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:1234/api/} */
    public String baseUrl() {
        return server.baseUrl() + "api/";
    }

    /** @return the paths requested so far, in order (no query: it holds the hash) */
    public List<String> requests() {
        return server.requests().stream().map(FakeRequest::path).toList();
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

    private FakeResponse handle(FakeRequest request) {
        if (!"/api/statistic/operators".equals(request.path()) || !"POST".equals(request.method())) {
            return plain(404, "Not found");
        }
        Map<String, String> query = request.query();
        if (!account.equals(query.get("user")) || !hash(account, secret).equals(query.get("hash"))) {
            return plain(200, "Error: Неправильный хеш");
        }
        List<String> lines = new ArrayList<>();
        lines.add("Login;Name;Status;Call state");
        lines.addAll(employees);
        return plain(200, "\uFEFF" + String.join("\n", lines) + "\n");
    }

    private static FakeResponse plain(int status, String body) {
        return FakeResponse.text(status, body == null ? "" : body);
    }

    @Override
    public void close() {
        server.close();
    }
}
