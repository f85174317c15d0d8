package io.switchboard.platform.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The example site's back end ({@code /examples/website/api/…}), what a real site's server does:
 * <ul>
 *   <li>{@code POST setup} {@code {inboundUrl, apiKey, signingSecret}}: how it reaches Switchboard; only the path of
 *       the inbound URL is kept, and Switchboard is called on this server itself, never on another host;</li>
 *   <li>{@code POST messages} {@code {thread, email, name, text}}: the customer's message — kept, and sent to
 *       Switchboard with the API key, which never reaches the browser;</li>
 *   <li>{@code GET thread?thread=…}: the thread as the site keeps it;</li>
 *   <li>{@code POST webhook}: Switchboard's signed webhooks (agents' replies, the customer's e-mail replies) —
 *       verified ({@link WebhookSignature}), a repeat dropped by its {@code webhook-id}, then kept.</li>
 * </ul>
 * Off (404) unless {@code switchboard.examples.enabled} is true: a hosted platform does not expose it.
 */
@WebServlet(urlPatterns = "/examples/website/api/*")
public class ExampleSiteServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern THREAD = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final int MAX_BODY = 64 * 1024;

    @Inject
    private transient ExampleSite site;
    @Inject
    @ConfigProperty(name = "switchboard.examples.enabled", defaultValue = "false")
    private transient boolean enabled;
    private final transient HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!enabled) {
            answer(response, 404, error("The examples are off (switchboard.examples.enabled)"));
            return;
        }
        String method = request.getMethod();
        if ("POST".equals(method) && path.equals("/setup")) {
            setup(request, response);
        } else if ("POST".equals(method) && path.equals("/messages")) {
            send(request, response);
        } else if ("GET".equals(method) && path.equals("/thread")) {
            thread(request, response);
        } else if ("POST".equals(method) && path.equals("/webhook")) {
            webhook(request, response);
        } else {
            answer(response, 404, error("No such example endpoint"));
        }
    }

    private void setup(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonNode body = json(request, response);
        if (body == null) {
            return;
        }
        String path = Optional.ofNullable(text(body, "inboundUrl")).map(u -> {
            try {
                return URI.create(u.strip()).getPath();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).orElse(null);
        String apiKey = text(body, "apiKey");
        String secret = text(body, "signingSecret");
        if (path == null || !ExampleSite.HOOK_PATH.matcher(path).matches() || apiKey == null || secret == null) {
            answer(response, 400, error("Give the website connection's inbound URL, an API key and the signing secret"));
            return;
        }
        site.configure(new ExampleSite.Setup(path, apiKey.strip(), secret.strip()));
        answer(response, 200, JSON.createObjectNode().put("ok", true));
    }

    private void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ExampleSite.Setup> setup = site.setup();
        if (setup.isEmpty()) {
            answer(response, 409, error("Set the example up first"));
            return;
        }
        JsonNode body = json(request, response);
        if (body == null) {
            return;
        }
        String thread = text(body, "thread");
        String text = text(body, "text");
        if (thread == null || !THREAD.matcher(thread).matches() || text == null) {
            answer(response, 400, error("Give a thread id (letters, digits, . _ : -) and a text"));
            return;
        }
        String messageId = "web-" + UUID.randomUUID();
        ObjectNode customer = JSON.createObjectNode();
        Optional.ofNullable(text(body, "email")).ifPresent(e -> customer.put("email", e));
        Optional.ofNullable(text(body, "name")).ifPresent(n -> customer.put("name", n));
        // A real site sends its own account id; the example derives a stable one from the e-mail.
        customer.put("id", Optional.ofNullable(text(body, "email"))
                .map(e -> "c-" + UUID.nameUUIDFromBytes(e.toLowerCase(java.util.Locale.ROOT)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .orElse(thread));
        ObjectNode message = JSON.createObjectNode().put("type", "message").put("thread", thread)
                .put("message_id", messageId).put("text", text);
        if (!site.knows(thread)) {
            message.put("subject", text.length() > 60 ? text.substring(0, 60) + "…" : text);
        }
        message.set("customer", customer);
        HttpResponse<String> answer;
        try {
            // This server itself: the inbound URL's path only (ExampleSite.HOOK_PATH), never another host.
            answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + request.getLocalPort()
                            + setup.get().hookPath())).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + setup.get().apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(message.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(response, 503, error("Interrupted"));
            return;
        }
        if (answer.statusCode() / 100 == 2) {
            site.add(thread, new ExampleSite.Message(messageId, "customer", text(body, "name"), text, Instant.now()));
        }
        response.setStatus(answer.statusCode());
        response.setContentType("application/json");
        response.getWriter().write(answer.body());
    }

    private void thread(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String thread = request.getParameter("thread");
        if (thread == null || !THREAD.matcher(thread).matches()) {
            answer(response, 400, error("Name the thread: ?thread=<id>"));
            return;
        }
        ObjectNode root = JSON.createObjectNode().put("thread", thread);
        ArrayNode messages = root.putArray("messages");
        for (ExampleSite.Message m : site.thread(thread)) {
            ObjectNode node = messages.addObject().put("id", m.id()).put("author", m.author()).put("text", m.text())
                    .put("at", m.at().toString());
            if (m.authorName() != null) {
                node.put("authorName", m.authorName());
            }
        }
        answer(response, 200, root);
    }

    private void webhook(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ExampleSite.Setup> setup = site.setup();
        if (setup.isEmpty()) {
            answer(response, 503, error("The example site is not set up"));
            return;
        }
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
            answer(response, 413, error("Too large"));
            return;
        }
        String id = request.getHeader("webhook-id");
        String problem = WebhookSignature.problem(setup.get().signingSecret(), id,
                request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"), raw, Instant.now());
        if (problem != null) {
            answer(response, 401, error("Webhook refused: " + problem));
            return;
        }
        if (!site.firstDelivery(id)) {
            answer(response, 200, JSON.createObjectNode().put("duplicate", true));
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            answer(response, 400, error("Not JSON"));
            return;
        }
        if ("message.created".equals(text(body, "type"))) {
            JsonNode m = body.path("message");
            String thread = text(body, "thread");
            if (thread != null) {
                site.add(thread, new ExampleSite.Message(Optional.ofNullable(text(m, "id")).orElse(id),
                        "customer".equals(m.path("author").path("type").asText()) ? "customer" : "agent",
                        text(m.path("author"), "name"), Optional.ofNullable(text(m, "text")).orElse(""),
                        Instant.now()));
            }
        }
        answer(response, 200, JSON.createObjectNode().put("ok", true));
    }

    private static JsonNode json(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // JSON only: a cross-site form cannot send it without the browser asking this server first (CORS).
        if (request.getContentType() == null || !request.getContentType().startsWith("application/json")) {
            answer(response, 415, error("Send application/json"));
            return null;
        }
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
            answer(response, 413, error("Too large"));
            return null;
        }
        try {
            JsonNode node = JSON.readTree(raw);
            if (node == null || !node.isObject()) {
                answer(response, 400, error("Send a JSON object"));
                return null;
            }
            return node;
        } catch (IOException e) {
            answer(response, 400, error("Not JSON"));
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void answer(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }
}
