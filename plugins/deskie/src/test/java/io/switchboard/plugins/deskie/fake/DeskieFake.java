package io.switchboard.plugins.deskie.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Deskie (Omnidesk) API on loopback, under {@code /api/}, following Deskie's API pages ("DESKIE API —
 * Introduction / Cases / Users / Agents", deskie.io/api, the same as omnidesk.ru/api) and the independent PHP client
 * {@code palachX/laravel-omnidesk} ({@code src/Clients/*.php}, {@code src/DTO/*.php}, {@code src/UseCases/V1/**});
 * the plugin's README (plugins/deskie/README.md, "Vendor facts") lists the facts and what is inferred ([inf]).
 *
 * <p><b>Transport</b>: HTTP Basic with an agent e-mail and the API key [doc]; anything else gets 401
 * {@code {"error":"unauthorized","description":…}} (the error body is [inf]). Paths end in {@code .json}; bodies are
 * wrapped in a root key ({@code case}, {@code message}, {@code note}, {@code user}) [doc]; dates are RFC 2822
 * ({@code "Mon, 05 May 2014 00:15:17 +0300"}) [doc].
 *
 * <p><b>Lists</b> answer an object keyed {@code "0"}, {@code "1"}, … with {@code {"<root>":{…}}} items and a
 * {@code total_count} — not an array [doc] — paged with {@code page} (1…500) and {@code limit} (1…100, default
 * 100) [doc]. Cases are listed oldest first and users by id ([inf]: the order is not documented, so connectors sort
 * themselves).
 *
 * <p><b>Rate limit</b> [doc, "Introduction"]: every answer carries {@code rate_limit_per_minute},
 * {@code api_calls_left} and {@code retry_after}; writes (POST, PUT, DELETE) count as 2. The fake counts the
 * weighted requests since start (or {@link #resetRateWindow()}) against {@link #rateLimitPerMinute(int)} (default
 * 1 500, the Pro maximum) and answers 429 {@code Too Many Requests} with {@code retry_after: 60} when it is used up.
 * {@link #failNext(int, int, Integer)} injects failures (a 429 with the given {@code retry_after}).
 *
 * <p><b>Endpoints</b>: {@code GET/POST users.json} (filters {@code user_email}, {@code user_phone},
 * {@code user_custom_id} with Deskie's search syntax: substring by default, {@code ^x^} exact, {@code ^x} prefix,
 * {@code x^} suffix, ignoring case [doc]); {@code GET/PUT users/{id}.json}; {@code GET/POST cases.json} (list filters
 * {@code status[]} / {@code status}, {@code user_id} [inf], {@code channel[]}); {@code GET/PUT cases/{id|number}.json};
 * {@code GET/POST cases/{id}/messages.json} (list with {@code order} asc|desc [doc: laravel-omnidesk]);
 * {@code POST cases/{id}/note.json} (answered {@code {"message":{…,"note":true}}} [doc: laravel-omnidesk
 * {@code NotesClient}]); {@code GET staff.json}; {@code GET labels.json}. Others answer 404.
 *
 * <p><b>Behaviour</b> [inf unless noted]: a new case for an unknown identity creates the user; a case starts
 * {@code open} unless a status is given; {@code status} must be {@code open}, {@code waiting} or {@code closed},
 * {@code priority} {@code low}, {@code normal}, {@code high} or {@code critical}; a message needs {@code content} or
 * {@code content_html} and exactly one of {@code staff_id} (an agent's reply) or {@code user_id} (the case's user);
 * creating a user with an identity that exists answers 400 {@code user_exists}; {@code PUT} with {@code labels}
 * replaces them.
 *
 * <p>Tests read state back with {@link #cases()}, {@link #messages(long)}, {@link #users()}, see the requests with
 * {@link #calls()} / {@link #lastBody(String)}, and make Deskie-side activity with {@link #addAgentReply},
 * {@link #addCustomerEmailReply}, {@link #setStatus}, getting the rule-webhook body for it from
 * {@link DeskieWebhooks}.
 */
public final class DeskieFake implements AutoCloseable {

    /** A case as stored. */
    public record Case(long caseId, String caseNumber, String subject, long userId, long staffId, long groupId,
                       String status, String priority, String channel, List<Long> labels,
                       Map<String, String> customFields, String createdAt, String updatedAt) {
        public Case {
            labels = List.copyOf(labels);
            customFields = Map.copyOf(customFields);
        }
    }

    /** A message of a case: {@code staffId} for an agent's reply (0 otherwise), {@code userId} for the customer's. */
    public record Message(long messageId, long caseId, long userId, long staffId, String content, boolean note,
                          String createdAt, boolean sentViaRule) {
    }

    /** A user (customer) with one identity ({@code type} email, phone or custom). */
    public record User(long userId, String fullName, String type, String email, String phone, String customId,
                       Map<String, String> customFields) {
        public User {
            customFields = Map.copyOf(customFields);
        }
    }

    /** An agent. */
    public record Staff(long staffId, String fullName, String email, boolean active) {
    }

    private static final Pattern CASE_PATH = Pattern.compile("cases/(\\d+(?:-\\d+)?)(?:/(messages|note))?\\.json");
    private static final Pattern USER_PATH = Pattern.compile("users/(\\d+)\\.json");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.ROOT);
    private static final Set<String> STATUSES = Set.of("open", "waiting", "closed");
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "critical");

    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final String staffEmail;
    private final String apiKey;
    private final Map<Long, Case> cases = new TreeMap<>();
    private final Map<Long, List<Message>> messages = new TreeMap<>();
    private final Map<Long, User> users = new TreeMap<>();
    private final Map<Long, Staff> staff = new TreeMap<>();
    private final Map<Long, String> labels = new TreeMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> lastBodies = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Integer failureRetryAfter;
    private int limitPerMinute = 1500;
    private int used;
    private long nextCaseId = 2000;
    private long nextUserId = 200;
    private long nextMessageId = 5000;
    private ZonedDateTime now = ZonedDateTime.of(2024, 5, 2, 13, 0, 0, 0, ZoneOffset.ofHours(3));
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    /**
     * Starts the fake on a free loopback port; it accepts only {@code staffEmail} with {@code apiKey}, whose agent
     * (id 22, "API Agent") is added.
     */
    public DeskieFake(String staffEmail, String apiKey) {
        this.staffEmail = staffEmail;
        this.apiKey = apiKey;
        staff.put(22L, new Staff(22, "API Agent", staffEmail, true));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Deskie fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the account address to configure the connector with, ending in {@code /} (the API is under api/) */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    /** Adds an agent listed by {@code staff.json}. */
    public DeskieFake addStaff(long id, String fullName, String email, boolean active) {
        synchronized (lock) {
            staff.put(id, new Staff(id, fullName, email, active));
        }
        return this;
    }

    /** Adds a label listed by {@code labels.json}. */
    public DeskieFake addLabel(long id, String title) {
        synchronized (lock) {
            labels.put(id, title);
        }
        return this;
    }

    /** Adds a user with an e-mail identity and returns its id. */
    public long addUser(String fullName, String email) {
        synchronized (lock) {
            return newUser(fullName, "email", email, null, null, Map.of()).userId();
        }
    }

    /** Adds a user with a phone identity (stored as given) and returns its id. */
    public long addPhoneUser(String fullName, String phone) {
        synchronized (lock) {
            return newUser(fullName, "phone", null, phone, null, Map.of()).userId();
        }
    }

    /** Adds a case of a user in a status, with its first (customer) message, and returns its id. */
    public long addCase(long userId, String subject, String status) {
        synchronized (lock) {
            return newCase(userId, subject, subject, status, "normal", 0, List.of(), Map.of(), "web").caseId();
        }
    }

    /** The weighted requests allowed until {@link #resetRateWindow()} (default 1 500, Deskie Pro's maximum). */
    public void rateLimitPerMinute(int limit) {
        synchronized (lock) {
            limitPerMinute = limit;
        }
    }

    /** Starts a new rate-limit minute: nothing used. */
    public void resetRateWindow() {
        synchronized (lock) {
            used = 0;
        }
    }

    /**
     * The next {@code times} requests fail with {@code status}; with {@code retryAfterSeconds} in {@code retry_after}
     * (Deskie's documented header) when not {@code null}.
     */
    public void failNext(int times, int status, Integer retryAfterSeconds) {
        failureStatus = status;
        failureRetryAfter = retryAfterSeconds;
        failuresLeft.set(times);
    }

    /** An agent replies in Deskie's UI (Deskie e-mails it to the customer); returns the stored message. */
    public Message addAgentReply(long caseId, long staffId, String text) {
        synchronized (lock) {
            Case c = requireCase(caseId);
            Message m = newMessage(caseId, 0, staffId, text, false, false);
            cases.put(caseId, withStatus(c, "waiting"));
            return m;
        }
    }

    /** An agent writes an internal note in Deskie's UI; returns the stored message. */
    public Message addNote(long caseId, long staffId, String text) {
        synchronized (lock) {
            requireCase(caseId);
            return newMessage(caseId, 0, staffId, text, true, false);
        }
    }

    /** The customer answers Deskie's e-mail; Deskie adds it to the case and reopens it. Returns the message. */
    public Message addCustomerEmailReply(long caseId, String text) {
        synchronized (lock) {
            Case c = requireCase(caseId);
            Message m = newMessage(caseId, c.userId(), 0, text, false, false);
            cases.put(caseId, withStatus(c, "open"));
            return m;
        }
    }

    /** An agent changes the case's status in Deskie's UI. */
    public Case setStatus(long caseId, String status) {
        synchronized (lock) {
            Case c = withStatus(requireCase(caseId), status);
            cases.put(caseId, c);
            return c;
        }
    }

    /** @return the cases, by id */
    public List<Case> cases() {
        synchronized (lock) {
            return List.copyOf(cases.values());
        }
    }

    /** @return the case with this id, if any */
    public Optional<Case> caseById(long caseId) {
        synchronized (lock) {
            return Optional.ofNullable(cases.get(caseId));
        }
    }

    /** @return the messages and notes of a case, oldest first */
    public List<Message> messages(long caseId) {
        synchronized (lock) {
            return List.copyOf(messages.getOrDefault(caseId, List.of()));
        }
    }

    /** @return the users, by id */
    public List<User> users() {
        synchronized (lock) {
            return List.copyOf(users.values());
        }
    }

    /** @return the user with this id, if any */
    public Optional<User> user(long userId) {
        synchronized (lock) {
            return Optional.ofNullable(users.get(userId));
        }
    }

    /** @return the agent with this id, if any */
    public Optional<Staff> staff(long staffId) {
        synchronized (lock) {
            return Optional.ofNullable(staff.get(staffId));
        }
    }

    /** @return the requests so far as {@code "METHOD /api/path"} (without query), in order */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** @return the requests so far with their query, as {@code "METHOD /api/path?query"} (query decoded) */
    public List<String> callsWithQuery() {
        synchronized (callsWithQuery) {
            return List.copyOf(callsWithQuery);
        }
    }

    private final List<String> callsWithQuery = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param call {@code "METHOD /api/path"} as in {@link #calls()}
     * @return the body of the last such request as JSON, or empty
     */
    public Optional<JsonNode> lastBody(String call) {
        String body = lastBodies.get(call);
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String call = method + " " + path;
            calls.add(call);
            callsWithQuery.add(call + (rawQuery == null ? "" : "?" + URLDecoder.decode(rawQuery,
                    StandardCharsets.UTF_8)));
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            lastBodies.put(call, text);
            int weight = "GET".equals(method) ? 1 : 2;
            int left;
            boolean limited;
            synchronized (lock) {
                limited = used + weight > limitPerMinute;
                if (!limited) {
                    used += weight;
                }
                left = Math.max(0, limitPerMinute - used);
            }
            exchange.getResponseHeaders().add("rate_limit_per_minute", String.valueOf(limitPerMinute));
            exchange.getResponseHeaders().add("api_calls_left", String.valueOf(left));
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().add("retry_after",
                        failureRetryAfter == null ? "0" : String.valueOf(failureRetryAfter));
                send(exchange, failureStatus, error(failureStatus == 429 ? "too_many_requests" : "injected_failure",
                        "Injected failure"));
                return;
            }
            if (limited) {
                exchange.getResponseHeaders().add("retry_after", "60");
                send(exchange, 429, error("too_many_requests", "Too Many Requests"));
                return;
            }
            exchange.getResponseHeaders().add("retry_after", "0");
            String expected = "Basic " + Base64.getEncoder().encodeToString((staffEmail + ":" + apiKey)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, error("unauthorized", "Wrong staff e-mail or API key"));
                return;
            }
            if (!path.startsWith("/api/")) {
                send(exchange, 404, error("not_found", "Unknown method"));
                return;
            }
            JsonNode body;
            try {
                body = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            } catch (IOException e) {
                send(exchange, 400, error("invalid_json", "The body is not JSON"));
                return;
            }
            if (!(body instanceof ObjectNode request)) {
                send(exchange, 400, error("invalid_json", "The body is not a JSON object"));
                return;
            }
            Answer answer;
            synchronized (lock) {
                answer = route(method, path.substring("/api/".length()), query(rawQuery), request);
            }
            send(exchange, answer.status, answer.body);
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer route(String method, String path, Map<String, List<String>> query, ObjectNode request) {
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        boolean put = "PUT".equals(method);
        switch (path) {
            case "cases.json":
                return get ? listCases(query) : post ? createCase(request) : notFound();
            case "users.json":
                return get ? listUsers(query) : post ? createUser(request) : notFound();
            case "staff.json":
                return get ? keyed(List.copyOf(staff.values()), "staff", query, this::staffJson) : notFound();
            case "labels.json":
                return get ? keyed(List.copyOf(labels.entrySet()), "label", query,
                        e -> json.createObjectNode().put("label_id", e.getKey()).put("label_title", e.getValue()))
                        : notFound();
            default:
                break;
        }
        Matcher user = USER_PATH.matcher(path);
        if (user.matches()) {
            User u = users.get(Long.parseLong(user.group(1)));
            if (u == null) {
                return new Answer(404, error("user_not_found", "User not found"));
            }
            return get ? one("user", userJson(u)) : put ? updateUser(u, request) : notFound();
        }
        Matcher kase = CASE_PATH.matcher(path);
        if (!kase.matches()) {
            return notFound();
        }
        Case c = findCase(kase.group(1));
        if (c == null) {
            return new Answer(404, error("case_not_found", "Case not found"));
        }
        if (kase.group(2) == null) {
            return get ? one("case", caseJson(c)) : put ? updateCase(c, request) : notFound();
        }
        if ("messages".equals(kase.group(2))) {
            if (get) {
                List<Message> list = new ArrayList<>(messages.getOrDefault(c.caseId(), List.of()));
                if ("desc".equals(first(query, "order"))) {
                    Collections.reverse(list);
                }
                return keyed(list, "message", query, this::messageJson);
            }
            return post ? addMessage(c, request.path("message"), false) : notFound();
        }
        return post ? addMessage(c, request.path("note"), true) : notFound();
    }

    private Answer listCases(Map<String, List<String>> query) {
        List<String> statuses = new ArrayList<>(query.getOrDefault("status[]", List.of()));
        statuses.addAll(query.getOrDefault("status", List.of()));
        List<String> channels = query.getOrDefault("channel[]", List.of());
        String userId = first(query, "user_id");
        List<Case> found = cases.values().stream()
                .filter(c -> statuses.isEmpty() || statuses.contains(c.status()))
                .filter(c -> channels.isEmpty() || channels.contains(c.channel()))
                .filter(c -> userId == null || String.valueOf(c.userId()).equals(userId)).toList();
        return keyed(found, "case", query, this::caseJson);
    }

    private Answer createCase(ObjectNode request) {
        JsonNode in = request.path("case");
        if (!in.isObject()) {
            return new Answer(400, error("case_required", "The body needs a 'case' object"));
        }
        String email = text(in.path("user_email"));
        String phone = text(in.path("user_phone"));
        String customId = text(in.path("user_custom_id"));
        if (email == null && phone == null && customId == null) {
            return new Answer(400, error("user_required", "user_email, user_phone or user_custom_id is required"));
        }
        String subject = text(in.path("subject"));
        String content = text(in.path("content")) != null ? text(in.path("content")) : text(in.path("content_html"));
        if (subject == null || content == null) {
            return new Answer(400, error("content_required", "subject and content are required"));
        }
        String status = text(in.path("status")) == null ? "open" : text(in.path("status"));
        String priority = text(in.path("priority")) == null ? "normal" : text(in.path("priority"));
        if (!STATUSES.contains(status) || !PRIORITIES.contains(priority)) {
            return new Answer(400, error("invalid_value", "Unknown status or priority"));
        }
        long staffId = in.path("staff_id").asLong(0);
        if (staffId != 0 && !staff.containsKey(staffId)) {
            return new Answer(400, error("staff_not_found", "Staff " + staffId + " not found"));
        }
        User user = users.values().stream().filter(u -> email != null && email.equalsIgnoreCase(u.email())
                || email == null && phone != null && phone.equals(u.phone())
                || email == null && phone == null && customId.equals(u.customId())).findFirst()
                .orElseGet(() -> newUser(text(in.path("user_full_name")), email != null ? "email"
                        : phone != null ? "phone" : "custom", email, email == null ? phone : null,
                        email == null && phone == null ? customId : null, Map.of()));
        List<Long> labelIds = new ArrayList<>();
        in.path("labels").forEach(l -> labelIds.add(l.asLong()));
        String channel = text(in.path("channel")) == null ? "web" : text(in.path("channel"));
        Case c = newCase(user.userId(), subject, content, status, priority, staffId, labelIds,
                fields(in.path("custom_fields"), Map.of()), channel);
        return one("case", caseJson(c));
    }

    private Answer updateCase(Case c, ObjectNode request) {
        JsonNode in = request.path("case");
        if (!in.isObject()) {
            return new Answer(400, error("case_required", "The body needs a 'case' object"));
        }
        String status = in.has("status") ? text(in.path("status")) : c.status();
        String priority = in.has("priority") ? text(in.path("priority")) : c.priority();
        if (!STATUSES.contains(status) || !PRIORITIES.contains(priority)) {
            return new Answer(400, error("invalid_value", "Unknown status or priority"));
        }
        long staffId = in.has("staff_id") ? in.path("staff_id").asLong(0) : c.staffId();
        if (staffId != 0 && !staff.containsKey(staffId)) {
            return new Answer(400, error("staff_not_found", "Staff " + staffId + " not found"));
        }
        List<Long> labelIds = c.labels();
        if (in.has("labels")) {
            List<Long> replaced = new ArrayList<>();
            in.path("labels").forEach(l -> replaced.add(l.asLong()));
            labelIds = replaced;
        }
        Case updated = new Case(c.caseId(), c.caseNumber(),
                in.has("subject") ? in.path("subject").asText() : c.subject(), c.userId(), staffId,
                in.path("group_id").asLong(c.groupId()), status, priority, c.channel(), labelIds,
                fields(in.path("custom_fields"), c.customFields()), c.createdAt(), tick());
        cases.put(c.caseId(), updated);
        return one("case", caseJson(updated));
    }

    private Answer addMessage(Case c, JsonNode in, boolean note) {
        if (!in.isObject()) {
            return new Answer(400, error(note ? "note_required" : "message_required",
                    "The body needs a '" + (note ? "note" : "message") + "' object"));
        }
        String content = text(in.path("content")) != null ? text(in.path("content")) : text(in.path("content_html"));
        if (content == null) {
            return new Answer(400, error("content_required", "content or content_html is required"));
        }
        long staffId = in.path("staff_id").asLong(0);
        long userId = in.path("user_id").asLong(0);
        if (note) {
            staffId = staffId == 0 ? 22 : staffId; // the API key's agent writes a note without a named one [inf]
            userId = 0;
        } else if ((staffId == 0) == (userId == 0)) {
            return new Answer(400, error("author_required", "Give either staff_id or user_id"));
        }
        if (staffId != 0 && !staff.containsKey(staffId)) {
            return new Answer(400, error("staff_not_found", "Staff " + staffId + " not found"));
        }
        if (userId != 0 && userId != c.userId()) {
            return new Answer(400, error("user_mismatch", "User " + userId + " is not the case's user"));
        }
        Message m = newMessage(c.caseId(), userId, staffId, content, note, false);
        return one("message", messageJson(m));
    }

    private Answer listUsers(Map<String, List<String>> query) {
        String email = first(query, "user_email");
        String phone = first(query, "user_phone");
        String customId = first(query, "user_custom_id");
        List<User> found = users.values().stream()
                .filter(u -> email == null || matches(u.email(), email))
                .filter(u -> phone == null || matches(u.phone(), phone))
                .filter(u -> customId == null || matches(u.customId(), customId)).toList();
        return keyed(found, "user", query, this::userJson);
    }

    /** Deskie's search syntax ("Introduction"): substring, {@code ^x^} exact, {@code ^x} prefix, {@code x^} suffix. */
    static boolean matches(String stored, String search) {
        if (stored == null) {
            return false;
        }
        String s = stored.toLowerCase(Locale.ROOT);
        String q = search.toLowerCase(Locale.ROOT);
        boolean prefix = q.startsWith("^");
        boolean suffix = q.endsWith("^") && q.length() > 1;
        String core = q.substring(prefix ? 1 : 0, q.length() - (suffix ? 1 : 0));
        if (prefix && suffix) {
            return s.equals(core);
        }
        return prefix ? s.startsWith(core) : suffix ? s.endsWith(core) : s.contains(core);
    }

    private Answer createUser(ObjectNode request) {
        JsonNode in = request.path("user");
        String email = text(in.path("user_email"));
        String phone = text(in.path("user_phone"));
        String customId = text(in.path("user_custom_id"));
        if (email == null && phone == null && customId == null) {
            return new Answer(400, error("identity_required", "user_email, user_phone or user_custom_id is required"));
        }
        if (email != null && !email.contains("@")) {
            return new Answer(400, error("invalid_email", "Invalid e-mail"));
        }
        boolean exists = users.values().stream().anyMatch(u -> email != null && email.equalsIgnoreCase(u.email())
                || email == null && phone != null && phone.equals(u.phone())
                || email == null && phone == null && customId.equals(u.customId()));
        if (exists) {
            return new Answer(400, error("user_exists", "A user with this identity exists"));
        }
        User u = newUser(text(in.path("user_full_name")), email != null ? "email" : phone != null ? "phone" : "custom",
                email, email == null ? phone : null, email == null && phone == null ? customId : null,
                fields(in.path("custom_fields"), Map.of()));
        return one("user", userJson(u));
    }

    private Answer updateUser(User u, ObjectNode request) {
        JsonNode in = request.path("user");
        if (!in.isObject()) {
            return new Answer(400, error("user_required", "The body needs a 'user' object"));
        }
        User updated = new User(u.userId(), in.has("user_full_name") ? in.path("user_full_name").asText()
                : u.fullName(), u.type(), in.has("user_email") ? text(in.path("user_email")) : u.email(),
                in.has("user_phone") ? text(in.path("user_phone")) : u.phone(), u.customId(),
                fields(in.path("custom_fields"), u.customFields()));
        users.put(u.userId(), updated);
        return one("user", userJson(updated));
    }

    private <T> Answer keyed(List<T> all, String rootKey, Map<String, List<String>> query,
                             java.util.function.Function<T, ObjectNode> toJson) {
        int page = parse(first(query, "page"), 1);
        int limit = parse(first(query, "limit"), 100);
        if (page < 1 || page > 500 || limit < 1 || limit > 100) {
            return new Answer(400, error("invalid_paging", "page is 1..500, limit 1..100"));
        }
        ObjectNode result = json.createObjectNode();
        int from = (page - 1) * limit;
        for (int i = from, key = 0; i < Math.min(all.size(), from + limit); i++, key++) {
            result.putObject(String.valueOf(key)).set(rootKey, toJson.apply(all.get(i)));
        }
        result.put("total_count", all.size());
        return new Answer(200, result);
    }

    private Answer one(String rootKey, ObjectNode item) {
        ObjectNode result = json.createObjectNode();
        result.set(rootKey, item);
        return new Answer(200, result);
    }

    private ObjectNode caseJson(Case c) {
        ObjectNode node = json.createObjectNode().put("case_id", c.caseId()).put("case_number", c.caseNumber())
                .put("subject", c.subject()).put("user_id", c.userId()).put("staff_id", c.staffId())
                .put("group_id", c.groupId()).put("status", c.status()).put("priority", c.priority())
                .put("channel", c.channel());
        User u = users.get(c.userId());
        node.put("recipient", u == null || u.email() == null ? "" : u.email()).put("cc_emails", "")
                .put("bcc_emails", "").put("deleted", false).put("spam", false).put("created_at", c.createdAt())
                .put("updated_at", c.updatedAt()).put("language_id", 2);
        ObjectNode fields = node.putObject("custom_fields");
        c.customFields().forEach(fields::put);
        ArrayNode labelArray = node.putArray("labels");
        c.labels().forEach(labelArray::add);
        return node;
    }

    private ObjectNode messageJson(Message m) {
        ObjectNode node = json.createObjectNode().put("message_id", m.messageId()).put("user_id", m.userId())
                .put("staff_id", m.staffId()).put("content", m.content())
                .put("content_html", "<p>" + m.content().replace("&", "&amp;").replace("<", "&lt;")
                        .replace(">", "&gt;") + "</p>")
                .put("note", m.note()).put("created_at", m.createdAt()).put("sent_via_rule", m.sentViaRule());
        node.putArray("attachments");
        return node;
    }

    private ObjectNode userJson(User u) {
        ObjectNode node = json.createObjectNode().put("user_id", u.userId())
                .put("user_full_name", u.fullName() == null ? "" : u.fullName()).put("company_name", "")
                .put("company_position", "").put("thumbnail", "").put("confirmed", false).put("active", true)
                .put("deleted", false).put("created_at", format(now)).put("updated_at", format(now))
                .put("type", u.type());
        if (u.email() != null) {
            node.put("user_email", u.email());
        }
        if (u.phone() != null) {
            node.put("user_phone", u.phone());
        }
        if (u.customId() != null) {
            node.put("user_custom_id", u.customId());
        }
        node.put("language_id", 2);
        ObjectNode fields = node.putObject("custom_fields");
        u.customFields().forEach(fields::put);
        node.putArray("linked_users");
        return node;
    }

    private ObjectNode staffJson(Staff s) {
        return json.createObjectNode().put("staff_id", s.staffId()).put("staff_email", s.email())
                .put("staff_full_name", s.fullName()).put("staff_signature", "").put("thumbnail", "")
                .put("active", s.active()).put("status", "online").put("status_id", 1)
                .put("created_at", format(now)).put("updated_at", format(now));
    }

    private User newUser(String fullName, String type, String email, String phone, String customId,
                         Map<String, String> customFields) {
        long id = nextUserId++;
        User u = new User(id, fullName, type, email, phone, customId, customFields);
        users.put(id, u);
        return u;
    }

    private Case newCase(long userId, String subject, String content, String status, String priority, long staffId,
                         List<Long> labelIds, Map<String, String> customFields, String channel) {
        long id = nextCaseId++;
        String stamp = tick();
        Case c = new Case(id, "664-" + (245651 + id - 2000), subject, userId, staffId, 0, status, priority, channel,
                labelIds, customFields, stamp, stamp);
        cases.put(id, c);
        newMessage(id, userId, 0, content, false, false);
        return c;
    }

    private Message newMessage(long caseId, long userId, long staffId, String content, boolean note,
                               boolean viaRule) {
        Message m = new Message(nextMessageId++, caseId, userId, staffId, content, note, tick(), viaRule);
        messages.computeIfAbsent(caseId, k -> new ArrayList<>()).add(m);
        return m;
    }

    private Case withStatus(Case c, String status) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("Deskie statuses are open, waiting and closed, not " + status);
        }
        return new Case(c.caseId(), c.caseNumber(), c.subject(), c.userId(), c.staffId(), c.groupId(), status,
                c.priority(), c.channel(), c.labels(), c.customFields(), c.createdAt(), tick());
    }

    private Case requireCase(long caseId) {
        Case c = cases.get(caseId);
        if (c == null) {
            throw new IllegalArgumentException("no case " + caseId);
        }
        return c;
    }

    /** A case by id or by number: Deskie's paths accept both ("Cases"). */
    private Case findCase(String idOrNumber) {
        if (idOrNumber.contains("-")) {
            return cases.values().stream().filter(c -> c.caseNumber().equals(idOrNumber)).findFirst().orElse(null);
        }
        return cases.get(Long.parseLong(idOrNumber));
    }

    /** The fake's clock: every change moves it a minute, so stored dates differ and stay RFC 2822. */
    private String tick() {
        now = now.plusMinutes(1);
        return format(now);
    }

    private static String format(ZonedDateTime time) {
        return RFC_2822.format(time);
    }

    private static Map<String, String> fields(JsonNode data, Map<String, String> existing) {
        Map<String, String> result = new TreeMap<>(existing);
        data.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            result.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return result;
    }

    private Answer notFound() {
        return new Answer(404, error("not_found", "Unknown method"));
    }

    private ObjectNode error(String code, String description) {
        return json.createObjectNode().put("error", code).put("description", description);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Labels of a case as a set, for assertions. */
    public static Set<Long> labelSet(Case c) {
        return new LinkedHashSet<>(c.labels());
    }

    /** Cases sorted newest first (by id), for assertions. */
    public static List<Case> newestFirst(List<Case> all) {
        return all.stream().sorted(Comparator.comparingLong(Case::caseId).reversed()).toList();
    }
}
