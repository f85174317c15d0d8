package io.switchboard.platform.inbound;

import io.switchboard.platform.connection.PublicUrl;
import io.switchboard.platform.persistence.DatabaseMonitor;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.plugin.PluginMalfunctionException;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST|GET /hooks/{connectionPublicId}/{token}}: the inbound URL of a connection. In order: find the
 * connection and compare the token (unknown, wrong or disabled → 404, the same answer for each, so URLs cannot be
 * probed), limit the body (→ 413), let the connector {@code verify} the request (→ 401 with its reason), extract
 * dedup and ordering keys (→ 400 when malformed), store the event durably (database down → 503, the vendor retries;
 * at once while the database is known to be away, else within {@code switchboard.inbound.store-timeout-ms}),
 * and only then acknowledge with the connector's answer. A repeated delivery is acknowledged and not stored again.
 * Nothing is processed here: workers do that, in order per ordering key. The exception: a PBX's routing or
 * caller-card question (after {@code verify}) is answered at once by one of the {@link InboundQuestions} beans and
 * not stored.
 */
@WebServlet(urlPatterns = "/hooks/*", loadOnStartup = 1)
public class HookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HookServlet.class.getName());
    /** Largest body accepted; webhooks are small, and a big one is more likely abuse than an event. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Up to this much of an oversized body is read and dropped, so the client can read its 413. */
    static final int MAX_DRAIN_BYTES = 8 * 1024 * 1024;

    @Inject
    private transient InboundRoutes routes;
    @Inject
    private transient InboxWriter inbox;
    @Inject
    private transient PluginHost plugins;
    @Inject
    private transient PublicUrl publicUrl;
    @Inject
    private transient DatabaseMonitor database;
    @Inject
    @Any
    private transient Instance<InboundQuestions> questionBeans;
    /** {@link #questionBeans}, resolved once: the beans are application-scoped and the list is on every request. */
    private transient List<InboundQuestions> questions;

    @Override
    public void init() {
        questions = questionBeans.stream().toList();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant receivedAt = Instant.now();
        String method = request.getMethod();
        if (!"POST".equals(method) && !"GET".equals(method)) {
            response.setHeader("Allow", "GET, POST");
            answer(response, 405, "Inbound URLs take POST or GET");
            return;
        }
        String[] parts = request.getPathInfo() == null ? new String[0] : request.getPathInfo().split("/");
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            answer(response, 404, "No such inbound URL");
            return;
        }
        if (!database.available()) {
            // Known to be away (the monitor probes it): refused at once, before anything waits on it.
            unavailable(response, new InboxWriter.DatabaseAwayException());
            return;
        }
        Optional<InboundRoute> found;
        try {
            // The base only when the route is loaded (10 % of the servlet); a cached route is shared, so never from
            // this request's Host.
            found = routes.find(parts[1], publicUrl::fixedBase);
        } catch (RuntimeException e) {
            unavailable(response, e);
            return;
        }
        if (found.isEmpty() || !found.get().active() || !sameToken(found.get().token(), parts[2])) {
            answer(response, 404, "No such inbound URL");
            return;
        }
        InboundRoute route = found.get();
        Optional<LoadedConnector> connector = plugins.connector(route.connectorId());
        if (connector.isEmpty()) {
            response.setHeader("Retry-After", "60");
            answer(response, 503, "The connector of this URL is not running; try again later");
            return;
        }
        byte[] body = readBody(request, response);
        if (body == null) {
            answer(response, 413, "The body is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        InboundRequest inbound = new InboundRequest(method, headers(request), QueryStrings.parse(request.getQueryString()), body,
                receivedAt);
        ConnectorContext context = new VerifyContext(route);
        InboundKeys keys;
        InboundRequest stored;
        try {
            connector.get().call(c -> {
                c.verify(inbound, context);
                return null;
            });
            for (InboundQuestions question : questions) {
                Optional<InboundResponse> immediate = question.answer(route.tenantId(), route.connectionId(),
                        connector.get(), inbound, context);
                if (immediate.isPresent()) {
                    write(response, immediate.get());
                    return;
                }
            }
            keys = connector.get().call(c -> c.keys(inbound, context));
            // What proved the request authentic (a shared secret in the URL or body) is not stored with it.
            stored = connector.get().call(c -> c.withoutProof(inbound));
        } catch (WebhookRejectedException e) {
            answer(response, e.status() >= 400 && e.status() < 500 ? e.status() : 401,
                    e.getMessage() == null ? "Rejected" : e.getMessage());
            return;
        } catch (io.switchboard.spi.error.ConnectorException e) {
            // The connector refused what the vendor sent, in its own words: the client's mistake, one short line.
            LOG.fine(() -> "connector " + route.connectorId() + " could not read an inbound request: "
                    + e.getMessage());
            answer(response, 400, "The request could not be read: " + e.getMessage());
            return;
        } catch (PluginMalfunctionException e) {
            // A bug in the plugin: its stack is for the operator's log, never for the sender (no class names).
            LOG.log(Level.WARNING, "connector " + route.connectorId() + " failed on an inbound request", e);
            answer(response, 400, "The request could not be read by the connector");
            return;
        }
        try {
            String query = stored == inbound || stored.query().equals(inbound.query()) ? request.getQueryString()
                    : QueryStrings.restrictedTo(request.getQueryString(), stored.query());
            inbox.store(route, stored, query, keys == null ? InboundKeys.none() : keys);
        } catch (SQLException | RuntimeException e) {
            unavailable(response, e);
            return;
        }
        write(response, connector.get().call(c -> c.acknowledge(inbound)));
    }

    private static void write(HttpServletResponse response, InboundResponse answer) throws IOException {
        answer.headers().forEach(response::setHeader);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.getWriter().write(answer.body());
    }

    private void unavailable(HttpServletResponse response, Exception e) throws IOException {
        if (e instanceof InboxWriter.DatabaseAwayException) {
            LOG.fine("inbound request refused with 503: the database is not answering");
        } else {
            database.troubleSeen(e);
            LOG.log(Level.WARNING, "inbound request could not be stored; answered 503", e);
        }
        response.setHeader("Retry-After", "30");
        answer(response, 503, "The event could not be stored right now; try again later");
    }

    /** Constant-time comparison: the token is a secret. */
    private static boolean sameToken(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the body, or {@code null} when it exceeds {@link #MAX_BODY_BYTES}. An oversized body is still read
     *         and dropped up to {@link #MAX_DRAIN_BYTES}, so the client gets its 413 instead of a reset connection;
     *         beyond that the connection is closed.
     */
    private static byte[] readBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_DRAIN_BYTES) {
            response.setHeader("Connection", "close");
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(256, declared), MAX_BODY_BYTES));
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > MAX_DRAIN_BYTES) {
                    response.setHeader("Connection", "close");
                    return null;
                }
                if (total <= MAX_BODY_BYTES) {
                    out.write(buffer, 0, read);
                }
            }
        }
        return total > MAX_BODY_BYTES ? null : out.toByteArray();
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static void answer(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        StringBuilder json = new StringBuilder("{\"status\":").append(status).append(",\"message\":\"");
        for (char c : message.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(' ');
            } else {
                json.append(c);
            }
        }
        response.getWriter().write(json.append("\"}").toString());
    }
}
