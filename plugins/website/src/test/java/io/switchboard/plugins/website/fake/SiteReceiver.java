package io.switchboard.plugins.website.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A customer's website that receives Switchboard's webhooks, on loopback: what a site's webhook endpoint does,
 * written from the Standard Webhooks specification 1.0 (https://www.standardwebhooks.com/,
 * {@code spec/standard-webhooks.md} of {@code standard-webhooks/standard-webhooks}) — never from the website plugin —
 * so that a plugin's signing is checked by an independent reading.
 *
 * <h2>What it checks, as the spec asks a consumer to</h2>
 * <ul>
 *   <li>{@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} are all present; the id holds no
 *       {@code .}; the timestamp is an integer of Unix seconds within {@link #TOLERANCE} (5 minutes, either way) of
 *       the receiver's clock (replays are refused).</li>
 *   <li>The signature header is a space-separated list of {@code <version>,<base64>}; one {@code v1} entry must equal
 *       base64(HMAC-SHA256(key, {@code id.timestamp.body})) over the raw body bytes, compared in constant time. The
 *       key is the base64-decoded rest of a {@code whsec_} secret (the spec's serialization), else — a plain secret
 *       — its UTF-8 bytes.</li>
 *   <li>Anything else is answered 401 {@code {"error": …}} and recorded in {@link #refusals()}.</li>
 *   <li>A verified webhook whose id was delivered before is answered 200 and not recorded again (the id is the
 *       idempotency key; counted in {@link #repeats()}).</li>
 * </ul>
 * Deliveries are recorded in arrival order ({@link #deliveries()}); a body that is not JSON is still recorded (its
 * {@link Delivery#json()} is then {@code null}).
 *
 * <h2>Faults</h2>
 * {@link #failNext(int, int, Integer)} answers the next verified webhooks with a status (and {@code Retry-After})
 * without recording them; {@link #downFor(Duration)} closes the port for a while of real time (connections are
 * refused), then listens on the same port again; {@link #up()} ends that at once. It answers only on loopback and
 * never opens a connection itself.
 */
public final class SiteReceiver implements AutoCloseable {

    /** How far a webhook's timestamp may be from the receiver's clock. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** The path the receiver listens on. */
    public static final String PATH = "/switchboard/webhook";

    /**
     * A webhook the receiver accepted.
     *
     * @param id        its {@code webhook-id}
     * @param timestamp its {@code webhook-timestamp}
     * @param body      the body as received
     * @param json      the body parsed, or {@code null} when it is not JSON
     */
    public record Delivery(String id, long timestamp, String body, JsonNode json) {

        /** @return the {@code type} of the body ({@code message.created}, {@code ping}), or {@code null} */
        public String type() {
            return json == null ? null : json.path("type").asText(null);
        }

        /** @return the {@code thread} of a message, or {@code null} */
        public String thread() {
            return json == null ? null : json.path("thread").asText(null);
        }

        /** @return {@code message.text}, or {@code null} */
        public String text() {
            return json == null ? null : json.path("message").path("text").asText(null);
        }

        /** @return {@code message.author.type} ({@code agent} or {@code customer}), or {@code null} */
        public String authorType() {
            return json == null ? null : json.path("message").path("author").path("type").asText(null);
        }
    }

    /**
     * A request the receiver refused with 401.
     *
     * @param id     its {@code webhook-id}, or {@code null} when absent
     * @param reason why, in plain words
     */
    public record Refusal(String id, String reason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] key;
    private final Clock clock;
    private final Object lock = new Object();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final AtomicInteger repeats = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Integer failureRetryAfter;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "site-receiver-restart");
        t.setDaemon(true);
        return t;
    });
    private final int port;
    private HttpServer server;

    /** Starts a receiver checking timestamps against the system clock. */
    public SiteReceiver(String signingSecret) {
        this(signingSecret, Clock.systemUTC());
    }

    /**
     * Starts a receiver on a free loopback port.
     *
     * @param signingSecret the secret the site shares with the connection ({@code whsec_…} or plain)
     * @param clock         the site's clock, for the timestamp window (a test's clock when the sender uses one)
     */
    public SiteReceiver(String signingSecret, Clock clock) {
        Objects.requireNonNull(signingSecret, "signingSecret");
        this.key = signingSecret.startsWith("whsec_")
                ? Base64.getDecoder().decode(signingSecret.substring("whsec_".length()))
                : signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.server = start(0);
        this.port = server.getAddress().getPort();
    }

    /** @return the webhook URL, {@code http://localhost:<port>/switchboard/webhook} */
    public String url() {
        return "http://localhost:" + port + PATH;
    }

    // ---------------------------------------------------------------- reading

    /** @return the accepted webhooks, in the order they arrived, each once */
    public List<Delivery> deliveries() {
        synchronized (lock) {
            return List.copyOf(deliveries);
        }
    }

    /** @return the accepted {@code message.created} webhooks, in order */
    public List<Delivery> messages() {
        return deliveries().stream().filter(d -> "message.created".equals(d.type())).toList();
    }

    /** @return the requests refused for their signature, timestamp or headers, in order */
    public List<Refusal> refusals() {
        synchronized (lock) {
            return List.copyOf(refusals);
        }
    }

    /** @return how many verified webhooks repeated an id already delivered (answered 200, not recorded) */
    public int repeats() {
        return repeats.get();
    }

    /** @return how many requests reached the receiver, whatever their answer */
    public int attempts() {
        return attempts.get();
    }

    // ---------------------------------------------------------------- faults

    /** Answers the next {@code times} verified webhooks with {@code status}, without recording them. */
    public void failNext(int status, int times, Integer retryAfterSeconds) {
        failureStatus = status;
        failureRetryAfter = retryAfterSeconds;
        failuresLeft.set(times);
    }

    /** Answers the next verified webhook with {@code status}. */
    public void failNext(int status) {
        failNext(status, 1, null);
    }

    /**
     * Closes the port now (connections are refused) and listens on it again after {@code duration} of real time.
     */
    public void downFor(Duration duration) {
        synchronized (lock) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        scheduler.schedule(this::up, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Listens again at once if the receiver is down. */
    public void up() {
        synchronized (lock) {
            if (server == null) {
                server = start(port);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        synchronized (lock) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- serving

    private HttpServer start(int onPort) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            created.createContext("/", this::handle);
            created.setExecutor(executor);
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the site receiver on port " + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            attempts.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                answer(exchange, 404, "{\"error\":\"no such endpoint\"}");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answer(exchange, 405, "{\"error\":\"webhooks are POSTed\"}");
                return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            String why = refusal(id, timestamp, signatures, body);
            if (why != null) {
                synchronized (lock) {
                    refusals.add(new Refusal(id, why));
                }
                answer(exchange, 401, JSON.createObjectNode().put("error", why).toString());
                return;
            }
            if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                if (failureRetryAfter != null) {
                    exchange.getResponseHeaders().set("Retry-After", failureRetryAfter.toString());
                }
                answer(exchange, failureStatus, "{\"error\":\"failing on purpose\"}");
                return;
            }
            synchronized (lock) {
                if (!seen.add(id)) {
                    repeats.incrementAndGet();
                    answer(exchange, 200, "{\"duplicate\":true}");
                    return;
                }
                deliveries.add(new Delivery(id, Long.parseLong(timestamp), new String(body, StandardCharsets.UTF_8),
                        parse(body)));
            }
            answer(exchange, 200, JSON.createObjectNode().put("received", id).toString());
        } finally {
            exchange.close();
        }
    }

    /** @return why the webhook is not authentic, or {@code null} when it is */
    private String refusal(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || id.isEmpty() || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        if (id.contains(".")) {
            return "webhook-id must not contain '.'";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not an integer";
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > TOLERANCE.toSeconds()) {
            return "webhook-timestamp " + Instant.ofEpochSecond(seconds) + " is more than 5 minutes from now";
        }
        byte[] expected = hmac((id + "." + timestamp.strip() + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String entry : signatures.strip().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !"v1".equals(entry.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return null;
            }
        }
        return "no v1 signature matches";
    }

    private byte[] hmac(byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
