package io.switchboard.plugins.website.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.TestConnectorContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The requests a customer's website sends to its Switchboard connection's inbound URL (the website plugin's API,
 * issue #18): a customer's message as JSON
 * {@code {"type":"message","thread","message_id","subject"?,"customer"?:{"id","email","name","phone"},"text"}} with
 * {@code Authorization: Bearer <api key>}, and {@code GET ?thread=…} to list a thread.
 *
 * <pre>{@code
 * SiteRequests site = new SiteRequests(API_KEY);
 * InboundRequest first = site.firstMessage("T-1001", "m-1", "Order 5521 not delivered", SiteRequests.ANNA,
 *         "Hello, my parcel has not arrived").inbound();
 * int status = site.message("T-1001", "m-2", SiteRequests.ANNA, "Any news?").send(inboundUrl).statusCode();
 * }</pre>
 *
 * Instances are immutable; {@link #withApiKey} and {@link #withoutApiKey} return copies. {@link Request#send} goes
 * to loopback only.
 */
public final class SiteRequests {

    /**
     * The customer as the site sends them; parts may be {@code null} (left out of the JSON).
     *
     * @param id    the site's id of the customer
     * @param email e-mail
     * @param name  name
     * @param phone phone
     */
    public record Customer(String id, String email, String name, String phone) {
    }

    /** A customer with every part. */
    public static final Customer ANNA = new Customer("42", "anna@example.com", "Anna Petrova", "+7 912 345-67-89");

    /**
     * One request to the inbound URL.
     *
     * @param method  {@code POST} or {@code GET}
     * @param headers headers
     * @param query   query parameters (for a listing)
     * @param body    the body, empty for GET
     */
    public record Request(String method, Map<String, String> headers, Map<String, String> query, String body) {

        public Request {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
            body = body == null ? "" : body;
        }

        /** @return the request as the platform hands it to a connector, received at {@code receivedAt} */
        public InboundRequest inbound(Instant receivedAt) {
            Map<String, List<String>> h = new LinkedHashMap<>();
            headers.forEach((k, v) -> h.put(k, List.of(v)));
            Map<String, List<String>> q = new LinkedHashMap<>();
            query.forEach((k, v) -> q.put(k, List.of(v)));
            return new InboundRequest(method, h, q, body.getBytes(StandardCharsets.UTF_8), receivedAt);
        }

        /** @return the request as received at {@link TestConnectorContext#DEFAULT_NOW} */
        public InboundRequest inbound() {
            return inbound(TestConnectorContext.DEFAULT_NOW);
        }

        /** @return a copy with one more (or another) header */
        public Request withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Request(method, copy, query, body);
        }

        /**
         * Sends the request to a connection's inbound URL ({@code http://localhost:…/hooks/{id}/{token}}).
         *
         * @throws IllegalArgumentException when the URL's host is not a loopback address
         */
        public HttpResponse<String> send(URI inboundUrl) throws IOException, InterruptedException {
            requireLoopback(inboundUrl);
            URI target = inboundUrl;
            if (!query.isEmpty()) {
                StringBuilder q = new StringBuilder();
                query.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&")
                        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
                target = URI.create(inboundUrl + (inboundUrl.getRawQuery() == null ? "?" : "&") + q);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(builder::header);
            return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Prints the method and size only: the headers hold the API key. */
        @Override
        public String toString() {
            return "SiteRequests.Request[" + method + " " + query + " " + body.length() + " chars]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;

    /** Requests carrying {@code Authorization: Bearer <apiKey>}. */
    public SiteRequests(String apiKey) {
        this.apiKey = apiKey;
    }

    /** @return requests with another key */
    public SiteRequests withApiKey(String key) {
        return new SiteRequests(key);
    }

    /** @return requests without an {@code Authorization} header */
    public SiteRequests withoutApiKey() {
        return new SiteRequests(null);
    }

    /** @return the first message of a thread: with its subject and the customer */
    public Request firstMessage(String thread, String messageId, String subject, Customer customer, String text) {
        return post(body(thread, messageId, subject, customer, text));
    }

    /** @return a later message of a thread (no subject) */
    public Request message(String thread, String messageId, Customer customer, String text) {
        return post(body(thread, messageId, null, customer, text));
    }

    /**
     * @return the JSON object of a message, to be changed by a test and sent with {@link #raw}; {@code null} parts
     *         are left out
     */
    public ObjectNode body(String thread, String messageId, String subject, Customer customer, String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "message");
        putIfPresent(root, "thread", thread);
        putIfPresent(root, "message_id", messageId);
        putIfPresent(root, "subject", subject);
        if (customer != null) {
            ObjectNode c = root.putObject("customer");
            putIfPresent(c, "id", customer.id());
            putIfPresent(c, "email", customer.email());
            putIfPresent(c, "name", customer.name());
            putIfPresent(c, "phone", customer.phone());
        }
        putIfPresent(root, "text", text);
        return root;
    }

    /** @return a POST with exactly this body (JSON or not), for malformed-request tests */
    public Request raw(String body) {
        return post(body);
    }

    /** @return a POST of this JSON object */
    public Request raw(ObjectNode body) {
        return post(body.toString());
    }

    /** @return {@code GET ?thread=<thread>}: list a thread */
    public Request list(String thread) {
        Map<String, String> query = new LinkedHashMap<>();
        if (thread != null) {
            query.put("thread", thread);
        }
        return new Request("GET", auth(new LinkedHashMap<>(Map.of("Accept", "application/json"))), query, "");
    }

    private Request post(ObjectNode body) {
        return post(body.toString());
    }

    private Request post(String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Accept", "application/json");
        return new Request("POST", auth(headers), Map.of(), body);
    }

    private Map<String, String> auth(Map<String, String> headers) {
        if (apiKey != null) {
            headers.put("Authorization", "Bearer " + apiKey);
        }
        return headers;
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void requireLoopback(URI url) throws IOException {
        String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        String host = url.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipLiteral = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") || literal.contains(":");
        if (!"localhost".equalsIgnoreCase(literal)
                && !(ipLiteral && InetAddress.getByName(literal).isLoopbackAddress())) {
            throw new IllegalArgumentException("refusing to send a site request off loopback: " + url);
        }
    }
}
