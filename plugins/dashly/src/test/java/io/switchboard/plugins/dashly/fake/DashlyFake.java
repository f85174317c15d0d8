package io.switchboard.plugins.dashly.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dashly (Carrot quest) Web API on loopback, built from a vendor reference, Dashly's developer pages and
 * independent public clients — never from a Switchboard Dashly plugin. It is how a connector's reading of the vendor is
 * checked, so it is strict where the documentation is and says "[inf]" where it guesses.
 *
 * <h2>Sources</h2>
 * <ul>
 *   <li>A Dashly vendor reference compiled for the project from the pages and clients below (kept outside this
 *       repository; read in full). Every fact the fake takes from it is written in this Javadoc.</li>
 *   <li>Dashly developer pages: https://developers.dashly.io/webapi/ (envelope, "arguments can be sent as GET or POST
 *       parameters", JSON-encoded arrays/objects), https://developers.dashly.io/webapi/types (boolean parsing,
 *       {@code id_as_string}, 64-bit ids "returned as numbers by default"),
 *       https://developers.dashly.io/webapi/endpoints/conversations/reply (current reply page) and
 *       https://developers.dashly.io/endpoints/conversations/reply/ (old {@code /v1} page),
 *       https://developers.dashly.io/webapi/endpoints/users/props and https://developers.dashly.io/endpoints/users/props/,
 *       https://developers.dashly.io/webapi/endpoints/users/events/post, https://developers.dashly.io/endpoints/users/events/,
 *       https://developers.dashly.io/webapi/endpoints/users/events/get, https://developers.dashly.io/objects/user/,
 *       https://developers.dashly.io/rts/channels/conversation_reply; the Carrot quest twin
 *       https://developers.carrotquest.io/webapi.</li>
 *   <li>{@code mindesik/mds-carrotquest-client} ({@code index.js}, {@code resources/resource.js},
 *       {@code resources/users.js}): base {@code https://api.carrotquest.io/v1}; {@code auth_token} and
 *       {@code id_as_string=true} go in the query string even for POSTs; {@code params}/{@code operations} are
 *       {@code JSON.stringify}'d. So the fake reads arguments from the query of a POST too.</li>
 *   <li>{@code radisby/carrotquest-api-client-php} ({@code lib/Radis/Http/Client.php},
 *       {@code lib/Radis/Methods/V1/Users.php}): POST fields passed as a PHP array to {@code CURLOPT_POSTFIELDS},
 *       which curl sends as {@code multipart/form-data}; {@code params} is {@code json_encode}d. So the fake accepts
 *       multipart text fields too [inf: that Dashly accepts multipart is implied by this client only].</li>
 *   <li>Public pastebin snippets (https://pastebin.com/n3KXg9ZW, https://pastebin.com/4a7BNJhM): Guzzle
 *       {@code form_params} / {@code http_build_query} bodies with {@code operations=json_encode([...])} against
 *       {@code /v1/users/{id}/props}.</li>
 * </ul>
 *
 * <h2>What it implements</h2>
 * <ul>
 *   <li>Paths with and without the {@code /v1} prefix (old docs use it, current docs do not), trailing slash tolerated.</li>
 *   <li>Auth: {@code Authorization: Token <t>}, {@code Authorization: Bearer <t>}, or {@code auth_token} in the query or
 *       the form. Anything else: 401 {@code {"meta":{"status":401,"error":"Unauthorized","error_message":…},"data":{}}}
 *       [inf: the error name].</li>
 *   <li>Every answer is the envelope {@code {"meta":{"status":N,…},"data":…}} with the HTTP status equal to
 *       {@code meta.status}.</li>
 *   <li>Arguments: the query (GET and POST) plus a {@code application/x-www-form-urlencoded} (UTF-8) or
 *       {@code multipart/form-data} body; objects/arrays as JSON strings inside a field. A POST whose body is JSON
 *       ({@code Content-Type: application/json}, or an unlabelled body starting with '{' or '[') gets 400
 *       {@code BadRequest} [inf: the docs only say "GET or POST parameters"; what Dashly does with JSON is not
 *       documented]. Booleans as the types page says: absent = default; any case of "false", "0" or "" = false;
 *       anything else = true.</li>
 *   <li>Ids are 64-bit, starting at 1983951193033934722 (above 2^53, the size of the id in a real capture), and are
 *       written as JSON strings only with {@code id_as_string=true}; otherwise as JSON numbers, which a double-based
 *       JSON parser corrupts — as the types page warns. Admin ids are small (139584 and up, like real captures).</li>
 *   <li>{@code GET /users/{id}}: {@code id}, {@code app}, {@code user_id}, {@code presence}, {@code props} (system
 *       props: {@code $name}, {@code $email} — absent when the lead has none — {@code $phone}, …); custom props only in
 *       {@code props_custom} and only with {@code props_custom=true} (the User object page: "props contains system
 *       properties", "props_custom contains custom properties"); {@code props=false} drops {@code props};
 *       {@code convert_props_types=false} writes every prop value as a string. {@code by_user_id=true} looks the site's
 *       own id up and, as documented, creates the user when unknown. An unknown Dashly id: 404 {@code NotFound}
 *       [inf].</li>
 *   <li>{@code POST /users/{id}/props}: {@code operations} (required JSON array, at most 250, else 400), applied in order;
 *       {@code update_or_create}, {@code set_once}, {@code add} (missing prop starts at 0), {@code delete},
 *       {@code append}, {@code union}, {@code exclude}. Invalid operations do not fail the request: {@code meta} carries
 *       {@code affected_props}, {@code not_changed_props} and {@code ignored_operations}, each item the operation's own
 *       fields plus a {@code reason} [inf: exact shape and wording]. Ignored: unknown {@code op}, missing {@code key},
 *       empty value (old page), string longer than 255, list longer than 30, {@code add} of or onto a non-number,
 *       list ops onto a non-list, a non-string {@code $name}/{@code $email}/{@code $phone} [inf]. An
 *       {@code update_or_create} with the same value, a {@code set_once} on an existing prop, {@code delete} of a missing
 *       prop, {@code union} of a present value and {@code exclude} of an absent one go to {@code not_changed_props}
 *       (current page; the old page put the unchanged {@code update_or_create} in {@code ignored_operations}).
 *       {@code parse_custom_props_type} (default true) turns numeric strings of custom props into numbers.</li>
 *   <li>{@code POST /users/{id}/events}: {@code event} 1–255 chars (else 400), {@code params} JSON object (else 400),
 *       {@code created} unix seconds (int or float). Answers the Event object of the current page
 *       ({@code id, created, type{id,name,score,visible,active}, user, props}); the old page answered only
 *       {@code {"id":…}}. {@code GET /users/{id}/events}: newest first (by id: "pagination by Event object primary
 *       key"), {@code filter_name}, {@code props_as_string}, {@code paginate_count} (1–50, default 20 [inf]) /
 *       {@code paginate_position} with {@code meta.next_before_position} ({@code null} on the last page [inf]); an
 *       unknown user is 400 {@code LookupError} as documented.</li>
 *   <li>{@code GET /conversations/{id}}: the shape of the "Get conversation" page ({@code user} embedded with its
 *       system props, {@code channel} null [inf], {@code part_last}, {@code reply_last}, {@code important_part_last},
 *       {@code parts_count}, {@code assignee}, {@code last_admin}, {@code tags}, …); unknown: 404 [inf].</li>
 *   <li>{@code POST /conversations/{id}/reply}: {@code body} (optional on the current page, "Required" on the old one:
 *       missing = empty), {@code type} {@code reply_admin} (default) | {@code note} | {@code article} (else 400 [inf]),
 *       {@code from_admin} (an admin id added with {@link #addAdmin}, or {@code default_admin} = the first admin added;
 *       absent = {@code default_admin} [inf]; unknown admin = 400 [inf]), {@code from_user} ({@code default_user},
 *       {@code true} or the lead's id: the part becomes {@code reply_user} and {@code type} is ignored),
 *       {@code random_id} (integer, default 0; non-integer = 400 [inf]), {@code auto_assign} (adds an {@code assigned}
 *       part first, as documented), {@code bot_name} and other fields ignored. Unknown conversation: 404 [inf]. Answers
 *       the created ConversationPart: {@code id, created, conversation, body, body_json, direction, type, sent_via}
 *       ({@code api} [inf]), {@code from} (admin object {@code {id,name,avatar,type}} for admin parts — the
 *       ConversationPart page: "in some payloads" — or the lead id), {@code random_id}, {@code edited},
 *       {@code removed} [inf: the docs do not show this answer].</li>
 *   <li>Other paths: 404 {@code NotFound}; a known path with the wrong method: 405 {@code MethodNotAllowed} [inf].</li>
 * </ul>
 *
 * <h2>Seeding, reading and faults</h2>
 * Seed with {@link #addLead}, {@link #addLeadWithUserId}, {@link #addAdmin}, {@link #addConversation}; read immutable
 * snapshots with {@link #parts}, {@link #leadEvents}, {@link #props}, {@link #requests} (method, path and sorted
 * argument names — never values, so never the token). {@link #failNext} answers the next requests with an error
 * envelope (and {@code Retry-After} when given), {@link #slowNext} delays answers, {@link #loseAnswersOfNext} applies
 * the next write requests and then closes the connection without answering (a lost answer: the client cannot tell
 * whether the write happened). The fake only answers requests on loopback; it never opens a connection itself.
 */
public final class DashlyFake implements AutoCloseable {

    /** A conversation part as stored; {@code fromAdmin} is the admin id it was sent as (null for a visitor part). */
    public record Part(String id, String conversationId, String body, String type, String fromAdmin, String randomId,
                       long created) {
    }

    /** An event tracked on a lead; {@code params} values as text (JSON text for non-scalar values). */
    public record LeadEvent(String id, String event, Map<String, String> params, long created) {
        public LeadEvent {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** An admin (operator). */
    public record Admin(String id, String name) {
    }

    /** The app id the fake pretends to be. */
    public static final long APP_ID = 58213;
    /** The first 64-bit id handed out; above 2^53 so that a double-based parser corrupts it. */
    public static final long FIRST_ID = 1983951193033934722L;
    private static final long FIRST_ADMIN_ID = 139584;
    private static final int MAX_OPERATIONS = 250;
    private static final int MAX_STRING = 255;
    private static final int MAX_LIST = 30;
    private static final String AVATAR = "https://files.dashly.app/avatars/default-v2.png";
    private static final Pattern PATH = Pattern.compile(
            "^/(users|conversations)/([^/]+)(?:/(props|events|reply))?/?$");

    private static final class Lead {
        final long id;
        String userId;
        final Map<String, Object> props = new LinkedHashMap<>();
        final List<StoredEvent> events = new ArrayList<>();

        Lead(long id) {
            this.id = id;
        }
    }

    private record StoredEvent(long id, String name, long typeId, ObjectNode params, long created) {
    }

    private static final class Conversation {
        final long id;
        final long leadId;
        final long created;
        final List<Part> parts = new ArrayList<>();
        Long assigneeId;
        Long lastAdminId;
        boolean closed;
        long lastUpdate;

        Conversation(long id, long leadId, long created) {
            this.id = id;
            this.leadId = leadId;
            this.created = created;
            this.lastUpdate = created;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final String apiToken;
    private long nextId;
    private long nextAdminId = FIRST_ADMIN_ID;
    private long nextEventTypeId = 5857;
    private final Map<Long, Lead> leads = new LinkedHashMap<>();
    private final Map<Long, Admin> admins = new LinkedHashMap<>();
    private final Map<Long, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, Long> eventTypes = new LinkedHashMap<>();
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Integer failureRetryAfter;
    private final AtomicInteger slowLeft = new AtomicInteger();
    private volatile Duration slowDelay = Duration.ZERO;
    private final AtomicInteger lostAnswersLeft = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    /** Starts the fake on a free loopback port; it accepts only {@code apiToken}. Ids start at {@link #FIRST_ID}. */
    public DashlyFake(String apiToken) {
        this(apiToken, FIRST_ID);
    }

    /**
     * Starts the fake with ids counting up from {@code firstId}: several fakes whose ids end up in one database (the
     * platform's integration tests share one) then never hand out the same conversation id.
     */
    public DashlyFake(String apiToken, long firstId) {
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
        this.nextId = firstId;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Dashly fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return {@code http://localhost:<port>}, without a trailing slash and without {@code /v1} */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    // ---------------------------------------------------------------- seeding

    /** Adds a lead with {@code $name} and, when not null, {@code $email}; returns its Dashly id. */
    public String addLead(String name, String email) {
        return addLead(name, email, Map.of());
    }

    /**
     * Adds a lead with {@code $name}, {@code $email} (when not null) and these props (system props start with
     * {@code $}, e.g. {@code $phone}; others are custom); returns its Dashly id.
     */
    public String addLead(String name, String email, Map<String, String> props) {
        synchronized (lock) {
            Lead lead = new Lead(nextId());
            if (name != null) {
                lead.props.put("$name", name);
            }
            if (email != null) {
                lead.props.put("$email", email);
            }
            lead.props.putAll(props);
            leads.put(lead.id, lead);
            return String.valueOf(lead.id);
        }
    }

    /** Adds a lead known by the site's own user id ({@code by_user_id=true} lookups); returns its Dashly id. */
    public String addLeadWithUserId(String userId, String name, String email) {
        synchronized (lock) {
            String id = addLead(name, email);
            leads.get(Long.parseLong(id)).userId = userId;
            return id;
        }
    }

    /** Adds an admin (operator); the first one added is the {@code default_admin}. Returns its id. */
    public String addAdmin(String name) {
        synchronized (lock) {
            long id = nextAdminId++;
            admins.put(id, new Admin(String.valueOf(id), name));
            return String.valueOf(id);
        }
    }

    /** Adds an open, unassigned {@code popup_chat} conversation of this lead, without parts; returns its id. */
    public String addConversation(String leadId) {
        synchronized (lock) {
            Lead lead = lead(leadId);
            long id = nextId();
            conversations.put(id, new Conversation(id, lead.id, now()));
            return String.valueOf(id);
        }
    }

    /** Adds a conversation opened by the visitor with this first message (a {@code reply_user} part). */
    public String addConversation(String leadId, String visitorMessage) {
        synchronized (lock) {
            String id = addConversation(leadId);
            addVisitorMessage(id, visitorMessage);
            return id;
        }
    }

    /** Adds a visitor message ({@code reply_user}) to a conversation; returns the part id. */
    public String addVisitorMessage(String conversationId, String text) {
        synchronized (lock) {
            Conversation c = conversation(conversationId);
            Part part = new Part(String.valueOf(nextId()), String.valueOf(c.id), text, "reply_user", null, null, now());
            c.parts.add(part);
            c.lastUpdate = part.created();
            return part.id();
        }
    }

    /** Assigns a conversation to an admin (the {@code assignee} of {@code GET /conversations/{id}}). */
    public void assign(String conversationId, String adminId) {
        synchronized (lock) {
            Conversation c = conversation(conversationId);
            long admin = Long.parseLong(adminId);
            if (!admins.containsKey(admin)) {
                throw new IllegalArgumentException("unknown admin " + adminId);
            }
            c.assigneeId = admin;
        }
    }

    // ---------------------------------------------------------------- reading

    /** @return the parts of a conversation, oldest first */
    public List<Part> parts(String conversationId) {
        synchronized (lock) {
            return List.copyOf(conversation(conversationId).parts);
        }
    }

    /** @return the events tracked on a lead, oldest first */
    public List<LeadEvent> leadEvents(String leadId) {
        synchronized (lock) {
            List<LeadEvent> result = new ArrayList<>();
            for (StoredEvent e : lead(leadId).events) {
                Map<String, String> params = new LinkedHashMap<>();
                e.params().fields().forEachRemaining(f -> params.put(f.getKey(), asText(f.getValue())));
                result.add(new LeadEvent(String.valueOf(e.id()), e.name(), params, e.created()));
            }
            return List.copyOf(result);
        }
    }

    /**
     * @return the lead's props (system and custom) as text: numbers in decimal, booleans as {@code true}/{@code false},
     *     lists as JSON arrays
     */
    public Map<String, String> props(String leadId) {
        synchronized (lock) {
            Map<String, String> result = new LinkedHashMap<>();
            lead(leadId).props.forEach((k, v) -> result.put(k, propText(v)));
            return Collections.unmodifiableMap(result);
        }
    }

    /** @return the admins added, in order */
    public List<Admin> admins() {
        synchronized (lock) {
            return List.copyOf(admins.values());
        }
    }

    /**
     * @return one line per request received, in order: method, path as requested and the sorted names of its arguments
     *     (query and form), e.g. {@code POST /v1/conversations/1983…/reply [body, from_admin, random_id, type]}; argument
     *     values (and so the token) are never recorded
     */
    public List<String> requests() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    // ---------------------------------------------------------------- faults

    /**
     * The next {@code times} requests get {@code status} in the error envelope, with {@code Retry-After} when
     * {@code retryAfterSeconds} is not null; nothing is applied.
     */
    public void failNext(int times, int status, Integer retryAfterSeconds) {
        failureStatus = status;
        failureRetryAfter = retryAfterSeconds;
        failuresLeft.set(times);
    }

    /** The next {@code times} requests are answered only after {@code delay}. */
    public void slowNext(int times, Duration delay) {
        slowDelay = Objects.requireNonNull(delay);
        slowLeft.set(times);
    }

    /**
     * The next {@code times} write requests (POSTs that pass authentication) are applied, and then the connection is
     * closed without an answer.
     */
    public void loseAnswersOfNext(int times) {
        lostAnswersLeft.set(times);
    }

    // ---------------------------------------------------------------- HTTP

    private record Answer(int status, ObjectNode meta, JsonNode data) {
    }

    private static final class BadRequest extends Exception {
        final int status;
        final String error;

        BadRequest(int status, String error, String message) {
            super(message, null, false, false);
            this.status = status;
            this.error = error;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getPath();
            byte[] bodyBytes = exchange.getRequestBody().readAllBytes();
            Map<String, String> args = new LinkedHashMap<>();
            parseUrlEncoded(exchange.getRequestURI().getRawQuery(), args);
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .toLowerCase(Locale.ROOT);
            boolean jsonBody = false;
            if (bodyBytes.length > 0 && "POST".equals(method)) {
                String text = new String(bodyBytes, StandardCharsets.UTF_8);
                String trimmed = text.stripLeading();
                if (contentType.contains("json")
                        || (!contentType.contains("form") && (trimmed.startsWith("{") || trimmed.startsWith("[")))) {
                    jsonBody = true;
                } else if (contentType.startsWith("multipart/form-data")) {
                    parseMultipart(bodyBytes, contentType, args);
                } else {
                    parseUrlEncoded(text, args);
                }
            }
            requestLog.add(method + " " + rawPath + " " + new TreeSet<>(args.keySet()));

            int slow = slowLeft.getAndUpdate(n -> Math.max(0, n - 1));
            if (slow > 0) {
                sleep(slowDelay);
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                int status = failureStatus;
                if (failureRetryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", String.valueOf(failureRetryAfter));
                }
                send(exchange, error(status, errorName(status), "Injected failure"));
                return;
            }
            if (!authorized(exchange, args)) {
                send(exchange, error(401, "Unauthorized", "Authentication credentials were not provided or are wrong"));
                return;
            }
            if (jsonBody) {
                send(exchange, error(400, "BadRequest",
                        "The request could not be understood by the server due to malformed syntax: arguments are "
                                + "GET or POST (form) parameters, not a JSON body"));
                return;
            }
            Answer answer;
            synchronized (lock) {
                answer = route(method, rawPath, args);
            }
            if ("POST".equals(method) && lostAnswersLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // Applied above; now drop the connection without a status line: closing an exchange that has not
                // sent its headers closes the socket.
                exchange.close();
                return;
            }
            send(exchange, answer);
        } finally {
            exchange.close();
        }
    }

    private Answer route(String method, String rawPath, Map<String, String> args) {
        String path = rawPath.startsWith("/v1/") ? rawPath.substring(3) : rawPath;
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return error(404, "NotFound", "Unknown method " + rawPath);
        }
        String resource = m.group(1);
        String id = m.group(2);
        String sub = m.group(3) == null ? "" : m.group(3);
        boolean idAsString = bool(args, "id_as_string", false);
        String key = resource + "/" + sub;
        Set<String> allowed = switch (key) {
            case "users/", "conversations/" -> Set.of("GET");
            case "users/props", "conversations/reply" -> Set.of("POST");
            case "users/events" -> Set.of("GET", "POST");
            default -> Set.of();
        };
        if (allowed.isEmpty()) {
            return error(404, "NotFound", "Unknown method " + rawPath);
        }
        if (!allowed.contains(method)) {
            return error(405, "MethodNotAllowed", "Use " + String.join(" or ", new TreeSet<>(allowed)) + " for "
                    + rawPath);
        }
        try {
            return switch (key) {
                case "users/" -> getUser(id, args, idAsString);
                case "users/props" -> setProps(id, args, idAsString);
                case "users/events" -> "GET".equals(method) ? listEvents(id, args, idAsString)
                        : trackEvent(id, args, idAsString);
                case "conversations/" -> getConversation(id, idAsString);
                case "conversations/reply" -> reply(id, args, idAsString);
                default -> error(404, "NotFound", "Unknown method " + rawPath);
            };
        } catch (BadRequest e) {
            return error(e.status, e.error, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- endpoints

    private Answer getUser(String id, Map<String, String> args, boolean idAsString) throws BadRequest {
        Lead lead = findLead(id, args, true, 404, "NotFound");
        ObjectNode data = userNode(lead, idAsString, bool(args, "convert_props_types", true));
        if (!bool(args, "props", true)) {
            data.remove("props");
        }
        if (bool(args, "props_custom", false)) {
            ObjectNode custom = data.putObject("props_custom");
            boolean convert = bool(args, "convert_props_types", true);
            lead.props.forEach((k, v) -> {
                if (!k.startsWith("$")) {
                    custom.set(k, propNode(v, convert));
                }
            });
        }
        return ok(data);
    }

    private Answer setProps(String id, Map<String, String> args, boolean idAsString) throws BadRequest {
        String raw = args.get("operations");
        if (raw == null || raw.isBlank()) {
            throw new BadRequest(400, "BadRequest", "operations is required");
        }
        JsonNode operations;
        try {
            operations = json.readTree(raw);
        } catch (IOException e) {
            throw new BadRequest(400, "BadRequest", "operations is not valid JSON");
        }
        if (!operations.isArray()) {
            throw new BadRequest(400, "BadRequest", "operations must be a JSON array");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw new BadRequest(400, "BadRequest", "Up to " + MAX_OPERATIONS + " operations in one request");
        }
        Lead lead = findLead(id, args, true, 404, "NotFound");
        boolean parseTypes = bool(args, "parse_custom_props_type", true);
        Set<String> affected = new LinkedHashSet<>();
        Set<String> notChanged = new LinkedHashSet<>();
        ArrayNode ignored = json.createArrayNode();
        for (JsonNode op : operations) {
            String reason = applyOperation(lead, op, parseTypes, affected, notChanged);
            if (reason != null) {
                ObjectNode item = op.isObject() ? ((ObjectNode) op).deepCopy() : json.createObjectNode().set("op", op);
                item.put("reason", reason);
                ignored.add(item);
            }
        }
        notChanged.removeAll(affected);
        ObjectNode meta = json.createObjectNode().put("status", 200);
        affected.forEach(meta.putArray("affected_props")::add);
        notChanged.forEach(meta.putArray("not_changed_props")::add);
        meta.set("ignored_operations", ignored);
        return new Answer(200, meta, json.createObjectNode());
    }

    /** Applies one operation; returns why it was ignored, or null. */
    private String applyOperation(Lead lead, JsonNode op, boolean parseTypes, Set<String> affected,
                                  Set<String> notChanged) {
        if (!op.isObject()) {
            return "operation must be an object";
        }
        String kind = op.path("op").asText("");
        String key = op.path("key").isTextual() ? op.path("key").asText() : "";
        if (key.isEmpty()) {
            return "key is required";
        }
        JsonNode valueNode = op.get("value");
        Object current = lead.props.get(key);
        switch (kind) {
            case "update_or_create", "set_once" -> {
                Object value = value(key, valueNode, parseTypes);
                String invalid = invalid(key, value);
                if (invalid != null) {
                    return invalid;
                }
                if ("set_once".equals(kind) && current != null) {
                    notChanged.add(key);
                } else if (value.equals(current)) {
                    notChanged.add(key);
                } else {
                    lead.props.put(key, value);
                    affected.add(key);
                }
                return null;
            }
            case "add" -> {
                Number delta = number(valueNode);
                if (delta == null) {
                    return "value of add must be a number";
                }
                Number base = current == null ? Long.valueOf(0) : current instanceof Number n ? n : null;
                if (base == null) {
                    return "property " + key + " is not a number";
                }
                if (isSystemString(key)) {
                    return "property " + key + " is not a number";
                }
                Number sum = base instanceof Long && delta instanceof Long ? Long.valueOf(base.longValue()
                        + delta.longValue()) : Double.valueOf(base.doubleValue() + delta.doubleValue());
                lead.props.put(key, sum);
                affected.add(key);
                return null;
            }
            case "delete" -> {
                if (current == null) {
                    notChanged.add(key);
                } else {
                    lead.props.remove(key);
                    affected.add(key);
                }
                return null;
            }
            case "append", "union", "exclude" -> {
                if (valueNode == null || valueNode.isNull() || valueNode.isContainerNode()
                        || valueNode.asText().isEmpty()) {
                    return "value is empty";
                }
                if (current != null && !(current instanceof List)) {
                    return "property " + key + " is not a list";
                }
                @SuppressWarnings("unchecked")
                List<String> list = current == null ? new ArrayList<>() : new ArrayList<>((List<String>) current);
                String item = valueNode.asText();
                boolean present = list.contains(item);
                if ("exclude".equals(kind)) {
                    if (!present) {
                        notChanged.add(key);
                        return null;
                    }
                    list.removeIf(item::equals);
                } else if ("union".equals(kind) && present) {
                    notChanged.add(key);
                    return null;
                } else {
                    if (list.size() >= MAX_LIST) {
                        return "a list holds at most " + MAX_LIST + " values";
                    }
                    list.add(item);
                }
                lead.props.put(key, List.copyOf(list));
                affected.add(key);
                return null;
            }
            default -> {
                return "unknown operation '" + kind + "'";
            }
        }
    }

    private Object value(String key, JsonNode node, boolean parseTypes) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<String> list = new ArrayList<>();
            node.forEach(n -> list.add(n.asText()));
            return List.copyOf(list);
        }
        if (node.isObject()) {
            return node;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        String text = node.asText();
        if (parseTypes && !key.startsWith("$") && text.matches("-?\\d{1,16}")) {
            return Long.parseLong(text);
        }
        return text;
    }

    private static String invalid(String key, Object value) {
        if (value == null || "".equals(value) || (value instanceof List<?> l && l.isEmpty())) {
            return "value is empty";
        }
        if (value instanceof JsonNode) {
            return "objects are not a property type";
        }
        if (value instanceof String s && s.length() > MAX_STRING) {
            return "a string holds at most " + MAX_STRING + " characters";
        }
        if (value instanceof List<?> l && l.size() > MAX_LIST) {
            return "a list holds at most " + MAX_LIST + " values";
        }
        if (isSystemString(key) && !(value instanceof String)) {
            return "property " + key + " must be a string";
        }
        return null;
    }

    private static boolean isSystemString(String key) {
        return "$name".equals(key) || "$email".equals(key) || "$phone".equals(key);
    }

    private static Number number(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode() || node.isBoolean()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        String text = node.asText().trim();
        try {
            return text.matches("-?\\d+") ? Long.valueOf(Long.parseLong(text)) : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Answer trackEvent(String id, Map<String, String> args, boolean idAsString) throws BadRequest {
        String name = args.get("event");
        if (name == null || name.isEmpty() || name.length() > MAX_STRING) {
            throw new BadRequest(400, "BadRequest", "event must be 1 to 255 characters");
        }
        ObjectNode params;
        String rawParams = args.get("params");
        if (rawParams == null || rawParams.isBlank()) {
            params = json.createObjectNode();
        } else {
            try {
                JsonNode node = json.readTree(rawParams);
                if (!(node instanceof ObjectNode object)) {
                    throw new BadRequest(400, "BadRequest", "params must be a JSON object");
                }
                params = object;
            } catch (IOException e) {
                throw new BadRequest(400, "BadRequest", "params is not valid JSON");
            }
        }
        long created = now();
        if (args.get("created") != null && !args.get("created").isBlank()) {
            try {
                created = (long) Double.parseDouble(args.get("created").trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "BadRequest", "created must be a unix timestamp");
            }
        }
        Lead lead = findLead(id, args, true, 404, "NotFound");
        long typeId = eventTypes.computeIfAbsent(name, n -> nextEventTypeId++);
        StoredEvent event = new StoredEvent(nextId(), name, typeId, params, created);
        lead.events.add(event);
        return ok(eventNode(event, lead, idAsString, false));
    }

    private Answer listEvents(String id, Map<String, String> args, boolean idAsString) throws BadRequest {
        Lead lead = findLead(id, args, false, 400, "LookupError");
        String filter = args.get("filter_name");
        int count = 20;
        String rawCount = args.getOrDefault("paginate_count", args.get("count"));
        if (rawCount != null) {
            try {
                count = Integer.parseInt(rawCount.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "BadRequest", "paginate_count must be an integer");
            }
            if (count < 1 || count > 50) {
                throw new BadRequest(400, "BadRequest", "paginate_count must be 1 to 50");
            }
        }
        Long before = null;
        String position = args.get("paginate_position");
        if (position != null && !position.isBlank()) {
            try {
                JsonNode node = json.readTree(position);
                before = node.isArray() ? node.path(0).asLong() : node.asLong();
            } catch (IOException e) {
                throw new BadRequest(400, "BadRequest", "paginate_position is not valid");
            }
        }
        List<StoredEvent> matching = new ArrayList<>();
        for (int i = lead.events.size() - 1; i >= 0; i--) {
            StoredEvent e = lead.events.get(i);
            if ((filter == null || filter.equals(e.name())) && (before == null || e.id() < before)) {
                matching.add(e);
            }
        }
        ArrayNode data = json.createArrayNode();
        boolean propsAsString = bool(args, "props_as_string", false);
        matching.stream().limit(count).forEach(e -> data.add(eventNode(e, lead, idAsString, propsAsString)));
        ObjectNode meta = json.createObjectNode().put("status", 200);
        if (matching.size() > count) {
            meta.putArray("next_before_position").add(matching.get(count - 1).id());
        } else {
            meta.putNull("next_before_position");
        }
        return new Answer(200, meta, data);
    }

    private Answer getConversation(String id, boolean idAsString) throws BadRequest {
        Conversation c = findConversation(id);
        Lead lead = leads.get(c.leadId);
        ObjectNode data = json.createObjectNode();
        putId(data, "id", c.id, idAsString);
        data.put("created", c.created);
        data.set("user", userNode(lead, idAsString, true));
        boolean replied = c.parts.stream().anyMatch(p -> p.fromAdmin() != null && !"note".equals(p.type()));
        data.put("read", true).put("replied", replied).put("clicked", false).put("unsubscribed", false)
                .put("closed", c.closed);
        data.putNull("message");
        data.put("type", "popup_chat").put("reply_type", "text");
        data.putNull("channel");
        Part last = c.parts.isEmpty() ? null : c.parts.get(c.parts.size() - 1);
        Part lastReply = null;
        for (Part p : c.parts) {
            if (p.type().startsWith("reply_")) {
                lastReply = p;
            }
        }
        data.set("part_last", last == null ? null : partNode(last, c, idAsString));
        data.set("important_part_last", last == null ? null : partNode(last, c, idAsString));
        data.set("reply_last", lastReply == null ? null : partNode(lastReply, c, idAsString));
        data.put("parts_count", c.parts.size());
        data.set("assignee", c.assigneeId == null ? null : adminNode(admins.get(c.assigneeId), idAsString));
        data.put("unread_parts_count", 0);
        data.set("last_admin", c.lastAdminId == null ? null : adminNode(admins.get(c.lastAdminId), idAsString));
        data.put("last_update", c.lastUpdate);
        data.putArray("tags");
        return ok(data);
    }

    private Answer reply(String id, Map<String, String> args, boolean idAsString) throws BadRequest {
        Conversation c = findConversation(id);
        String body = args.getOrDefault("body", "");
        String randomId = args.get("random_id");
        if (randomId != null) {
            randomId = randomId.trim();
            if (!randomId.matches("-?\\d{1,19}")) {
                throw new BadRequest(400, "BadRequest", "random_id must be an integer");
            }
        }
        String fromUser = args.get("from_user");
        boolean asUser = fromUser != null && !fromUser.isEmpty() && !isFalse(fromUser);
        String type = args.getOrDefault("type", "reply_admin");
        Admin admin = null;
        String fromAdmin = null;
        if (asUser) {
            if (!"default_user".equals(fromUser) && !"true".equalsIgnoreCase(fromUser)
                    && !fromUser.equals(String.valueOf(c.leadId))) {
                throw new BadRequest(400, "BadRequest", "from_user is not the conversation's user");
            }
            type = "reply_user";
        } else {
            if (!Set.of("reply_admin", "note", "article").contains(type)) {
                throw new BadRequest(400, "BadRequest", "type must be reply_admin, note or article");
            }
            fromAdmin = args.getOrDefault("from_admin", "default_admin");
            admin = resolveAdmin(fromAdmin);
        }
        long created = now();
        String autoAssign = args.get("auto_assign");
        if (autoAssign != null && !autoAssign.isBlank()) {
            Admin assignee = resolveAdmin(autoAssign);
            c.parts.add(new Part(String.valueOf(nextId()), String.valueOf(c.id), "", "assigned", assignee.id(),
                    args.get("auto_assign_random_id"), created));
            c.assigneeId = Long.parseLong(assignee.id());
        }
        Part part = new Part(String.valueOf(nextId()), String.valueOf(c.id), body, type,
                admin == null ? null : admin.id(), randomId, created);
        c.parts.add(part);
        c.lastUpdate = created;
        if (admin != null) {
            c.lastAdminId = Long.parseLong(admin.id());
        }
        return ok(partNode(part, c, idAsString));
    }

    // ---------------------------------------------------------------- JSON shapes

    private ObjectNode userNode(Lead lead, boolean idAsString, boolean convertTypes) {
        ObjectNode user = json.createObjectNode();
        putId(user, "id", lead.id, idAsString);
        putId(user, "app", APP_ID, idAsString);
        user.put("user_id", lead.userId);
        user.put("presence", "offline");
        ObjectNode props = user.putObject("props");
        lead.props.forEach((k, v) -> {
            if (k.startsWith("$")) {
                props.set(k, propNode(v, convertTypes));
            }
        });
        return user;
    }

    private ObjectNode eventNode(StoredEvent e, Lead lead, boolean idAsString, boolean propsAsString) {
        ObjectNode node = json.createObjectNode();
        putId(node, "id", e.id(), idAsString);
        node.put("created", e.created());
        ObjectNode type = node.putObject("type");
        putId(type, "id", e.typeId(), idAsString);
        type.put("name", e.name()).put("score", 0).put("visible", true).put("active", false);
        putId(node, "user", lead.id, idAsString);
        if (propsAsString) {
            ObjectNode props = node.putObject("props");
            e.params().fields().forEachRemaining(f -> props.put(f.getKey(), asText(f.getValue())));
        } else {
            node.set("props", e.params().deepCopy());
        }
        return node;
    }

    private ObjectNode partNode(Part p, Conversation c, boolean idAsString) {
        ObjectNode node = json.createObjectNode();
        putId(node, "id", Long.parseLong(p.id()), idAsString);
        node.put("created", p.created());
        putId(node, "conversation", c.id, idAsString);
        node.put("body", p.body());
        node.putObject("body_json");
        boolean byAdmin = p.fromAdmin() != null;
        node.put("direction", byAdmin ? "a2u" : "u2a");
        node.put("type", p.type());
        node.put("sent_via", byAdmin ? "api" : "web_user");
        if (byAdmin) {
            node.set("from", adminNode(admins.get(Long.parseLong(p.fromAdmin())), idAsString));
        } else {
            putId(node, "from", c.leadId, idAsString);
        }
        node.put("random_id", p.randomId() == null ? 0 : Long.parseLong(p.randomId()));
        node.putNull("edited");
        node.putNull("removed");
        return node;
    }

    private ObjectNode adminNode(Admin admin, boolean idAsString) {
        ObjectNode node = json.createObjectNode();
        putId(node, "id", Long.parseLong(admin.id()), idAsString);
        node.put("name", admin.name()).put("avatar", AVATAR).put("type", "admin");
        return node;
    }

    private static void putId(ObjectNode node, String field, long id, boolean asString) {
        if (asString) {
            node.put(field, String.valueOf(id));
        } else {
            node.put(field, id);
        }
    }

    private static JsonNode propNode(Object value, boolean convertTypes) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (!convertTypes) {
            return f.textNode(propText(value));
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(v -> array.add(String.valueOf(v)));
            return array;
        }
        return f.textNode(String.valueOf(value));
    }

    private static String propText(Object value) {
        if (value instanceof List<?> list) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            list.forEach(v -> array.add(String.valueOf(v)));
            return array.toString();
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    private static String asText(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    // ---------------------------------------------------------------- lookups

    private Lead findLead(String id, Map<String, String> args, boolean createByUserId, int status, String error)
            throws BadRequest {
        if (bool(args, "by_user_id", false)) {
            for (Lead lead : leads.values()) {
                if (id.equals(lead.userId)) {
                    return lead;
                }
            }
            if (!createByUserId) {
                throw new BadRequest(status, error, "No user with user_id " + id);
            }
            Lead lead = new Lead(nextId());
            lead.userId = id;
            leads.put(lead.id, lead);
            return lead;
        }
        Lead lead = parseId(id) == null ? null : leads.get(parseId(id));
        if (lead == null) {
            throw new BadRequest(status, error, "No user with id " + id);
        }
        return lead;
    }

    private Conversation findConversation(String id) throws BadRequest {
        Conversation c = parseId(id) == null ? null : conversations.get(parseId(id));
        if (c == null) {
            throw new BadRequest(404, "NotFound", "No conversation with id " + id);
        }
        return c;
    }

    private Admin resolveAdmin(String value) throws BadRequest {
        if ("default_admin".equals(value)) {
            if (admins.isEmpty()) {
                throw new BadRequest(400, "BadRequest", "The app has no default admin");
            }
            return admins.values().iterator().next();
        }
        Long id = parseId(value);
        Admin admin = id == null ? null : admins.get(id);
        if (admin == null) {
            throw new BadRequest(400, "BadRequest", "No admin with id " + value);
        }
        return admin;
    }

    private Lead lead(String leadId) {
        Long id = parseId(leadId);
        Lead lead = id == null ? null : leads.get(id);
        if (lead == null) {
            throw new IllegalArgumentException("unknown lead " + leadId);
        }
        return lead;
    }

    private Conversation conversation(String conversationId) {
        Long id = parseId(conversationId);
        Conversation c = id == null ? null : conversations.get(id);
        if (c == null) {
            throw new IllegalArgumentException("unknown conversation " + conversationId);
        }
        return c;
    }

    private static Long parseId(String text) {
        try {
            return text == null ? null : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long nextId() {
        long id = nextId;
        nextId += 1 + (id % 7);
        return id;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    // ---------------------------------------------------------------- request plumbing

    /** Booleans as Dashly's types page says: absent = default; "false" in any case, "0" or "" = false; else true. */
    private static boolean bool(Map<String, String> args, String name, boolean dflt) {
        String value = args.get(name);
        return value == null ? dflt : !isFalse(value);
    }

    private static boolean isFalse(String value) {
        String v = value.trim();
        return v.isEmpty() || "0".equals(v) || "false".equalsIgnoreCase(v);
    }

    private boolean authorized(HttpExchange exchange, Map<String, String> args) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null) {
            String[] parts = header.trim().split("\\s+", 2);
            if (parts.length == 2 && ("token".equalsIgnoreCase(parts[0]) || "bearer".equalsIgnoreCase(parts[0]))
                    && apiToken.equals(parts[1].trim())) {
                return true;
            }
        }
        return apiToken.equals(args.get("auth_token"));
    }

    private static void parseUrlEncoded(String text, Map<String, String> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            try {
                into.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException malformed) {
                into.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
    }

    /** Text fields of a {@code multipart/form-data} body (what PHP curl sends for an array of POST fields). */
    private static void parseMultipart(byte[] body, String contentType, Map<String, String> into) {
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!b.find()) {
            return;
        }
        // ISO-8859-1 keeps one char per byte, so the part bodies can be turned back into UTF-8 bytes.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        for (String section : text.split(Pattern.quote(delimiter))) {
            int headerEnd = section.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(section.substring(0, headerEnd));
            if (!name.find()) {
                continue;
            }
            String value = section.substring(headerEnd + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            into.put(name.group(1), new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer ok(JsonNode data) {
        return new Answer(200, json.createObjectNode().put("status", 200), data);
    }

    private Answer error(int status, String name, String message) {
        ObjectNode meta = json.createObjectNode().put("status", status).put("error", name)
                .put("error_message", message);
        return new Answer(status, meta, json.createObjectNode());
    }

    /** Error names: {@code BadRequest} and {@code LookupError} are documented; the others are [inf]. */
    private static String errorName(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalServerError";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            default -> "Error";
        };
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        ObjectNode envelope = json.createObjectNode();
        envelope.set("meta", answer.meta());
        envelope.set("data", answer.data());
        byte[] bytes = json.writeValueAsBytes(envelope);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "DashlyFake[" + baseUrl() + ", " + leads.size() + " leads, " + admins.size() + " admins, "
                    + conversations.size() + " conversations]";
        }
    }
}
