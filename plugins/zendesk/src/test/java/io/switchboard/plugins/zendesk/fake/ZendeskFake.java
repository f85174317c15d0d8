package io.switchboard.plugins.zendesk.fake;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Zendesk Support API v2 on loopback that follows Zendesk's developer documentation (developer.zendesk.com:
 * "Security and authentication", "Users", "Organizations", "Tickets", "Ticket Comments", "Tags", "Search",
 * "Pagination", "Rate limits", "Webhooks", "Verifying webhook authenticity"); what it implements, and where it
 * guesses, is listed below. An independent client, {@code com.cloudbees.thirdparty:zendesk-java-client}, drives it
 * in {@code ZendeskFakeJavaClientTest} (users, organizations, tickets with comments and tags, read back).
 *
 * <p><b>Auth</b>: HTTP Basic {@code {agentEmail}/token:{apiToken}} (and {@code Bearer} with the token set by
 * {@link #acceptOAuthToken}); anything else gets 401 {@code {"error":"Couldn't authenticate you"}}. Every answer
 * carries {@code X-Rate-Limit} / {@code X-Rate-Limit-Remaining}. Paths work with and without {@code .json}.
 *
 * <p><b>Fault injection</b>: {@link #failNext} makes the next requests fail with a status and optional
 * {@code Retry-After}; a 429 comes with a plain-text body (a Zendesk community thread reports one: clients must not
 * require JSON on 429), other statuses with a JSON error.
 *
 * <p><b>Endpoints</b> (under {@code /api/v2/}): {@code users/me}; {@code users} (GET with {@code role[]} filter,
 * POST create; 422 {@code DuplicateValue} on a taken e-mail); {@code users/create_or_update} (match by e-mail
 * ignoring case or {@code external_id}; 201 created / 200 updated); {@code users/{id}} (GET, PUT);
 * {@code users/search} ({@code query} with the search subset below, or {@code external_id});
 * {@code users/{id}/tickets/requested}; {@code search} (offset pagination); {@code organizations} (POST; 422
 * {@code DuplicateValue} on a taken name), {@code organizations/{id}}, {@code organizations/search} ({@code name}
 * exact ignoring case, or {@code external_id}); {@code tickets} (GET with optional {@code external_id}; POST: 422
 * {@code RecordInvalid} for a missing subject or comment, an unknown requester / assignee / custom field id or a
 * bad enum value; default status new, open when assigned), {@code tickets/{id}} (GET, PUT: {@code comment},
 * {@code status} (closed cannot be set; a closed ticket cannot be updated), {@code assignee_id}, {@code priority},
 * {@code type}, {@code subject}, {@code tags} (replaces the ticket's tags), {@code custom_fields},
 * {@code external_id}; answers with an {@code audit} whose events include the {@code Comment}),
 * {@code tickets/{id}/tags} (GET lists; PUT adds, keeping the existing tags; POST replaces; DELETE removes; each
 * answers {@code {"tags":[…]}}), {@code tickets/{id}/comments} (List Comments: oldest first, newest first with
 * {@code sort_order=desc}); {@code ticket_fields} (with the system fields, {@code removable:false}),
 * {@code user_fields}, {@code organization_fields}. Others answer 404 {@code InvalidEndpoint}.
 *
 * <p><b>Tags</b> follow "Adding tags to tickets without overwriting existing tags"
 * (developer.zendesk.com/documentation/ticketing/managing-tickets/adding-tags-to-tickets-without-overwriting-existing-tags)
 * and the "Tags" API reference (developer.zendesk.com/api-reference/ticketing/ticket-management/tags): with Update
 * Ticket ({@code PUT tickets/{id}}) "the new tags replace any existing tags"; to add without replacing, use Add
 * Tags ({@code PUT tickets/{id}/tags} with {@code {"tags":[…]}}) or Update Many Tickets. {@code additional_tags}
 * and {@code remove_tags} are documented only for Update Many Tickets, so a single-ticket update here ignores them
 * (the real endpoint may too). Tags are stored lower-case with spaces as underscores.
 *
 * <p><b>Pagination</b>: with {@code page[size]} (capped at 100, and at {@link #limitPageSize}) lists answer with
 * {@code meta.has_more}, {@code meta.after_cursor} and {@code links.next} (cursor pagination); without it they
 * answer offset pages ({@code page}, {@code per_page}, {@code next_page}, {@code count}). Lists are in id order.
 *
 * <p><b>Search subset</b> ({@code /search?query=…}, and {@code /users/search?query=…}): whitespace-separated terms,
 * values optionally in double quotes; {@code type:user|ticket|organization}; users: {@code phone:} (the stored string
 * exactly — [inf] like the real index, a number stored in another format is not found), {@code email:},
 * {@code name:}, {@code external_id:}; tickets: {@code requester:} (e-mail or id), {@code requester_id:},
 * {@code assignee_id:}, {@code status:} (repeated = OR), {@code status<} / {@code status>} (new &lt; open &lt;
 * pending &lt; hold &lt; solved &lt; closed), {@code external_id:}, {@code organization:}, {@code tags:}. Other
 * fields make the term match nothing. {@code sort_by} ({@code id}, {@code created_at}, {@code updated_at}) and
 * {@code sort_order}. There is no index lag unless {@link #simulateSearchLag} is on: then users and tickets created
 * through the API stay out of search results until {@link #indexSearch} (list endpoints see them at once).
 *
 * <p><b>State</b> lives in memory; seed it with {@code add…} and read it back with {@link #users()},
 * {@link #tickets()}, {@link #comments(long)} and friends, which return immutable snapshots. Times come from a
 * fake clock that starts at {@code 2024-05-02T10:00:00Z} and moves one second per write, so "most recently updated"
 * is deterministic.
 *
 * <p><b>Webhooks</b>: {@link #signedWebhook} builds a request as Zendesk sends it, signed as "Verifying webhook
 * authenticity" documents ({@code base64(HMAC-SHA256(secret, timestamp + body))}); {@link #ticketEvent} builds the
 * event envelope.
 */
public final class ZendeskFake implements AutoCloseable {

    /** A user; {@code role} is end-user, agent or admin. */
    public record User(long id, String name, String email, String phone, String role, String externalId,
                       Long organizationId, Map<String, String> userFields, boolean active, boolean suspended,
                       Instant createdAt, Instant updatedAt) {
        public User {
            userFields = Map.copyOf(userFields);
        }
    }

    /** An organization. */
    public record Organization(long id, String name, String externalId, Map<String, String> organizationFields,
                               Instant createdAt, Instant updatedAt) {
        public Organization {
            organizationFields = Map.copyOf(organizationFields);
        }
    }

    /** A ticket; {@code customFields} field id → value as sent (text). */
    public record Ticket(long id, String subject, String description, String status, String type, String priority,
                         Long requesterId, Long submitterId, Long assigneeId, Long organizationId, List<String> tags,
                         Map<Long, String> customFields, String externalId, Instant createdAt, Instant updatedAt) {
        public Ticket {
            tags = List.copyOf(tags);
            customFields = Map.copyOf(customFields);
        }
    }

    /** A ticket comment. */
    public record Comment(long id, long ticketId, long authorId, String body, boolean isPublic, Instant createdAt) {
    }

    /** A custom field: ticket fields are addressed by {@code id}, user and organization fields by {@code key}. */
    public record Field(long id, String key, String title, String type, boolean active, boolean removable) {
    }

    /** A request as received: method, path, decoded query, body text. */
    public record Request(String method, String path, String query, String body) {
    }

    /**
     * A webhook request as Zendesk sends it.
     *
     * @param headers header name → value ({@code Content-Type}, the signature headers, webhook and invocation ids)
     * @param body    the raw body
     */
    public record SignedWebhook(Map<String, String> headers, byte[] body) {
        public SignedWebhook {
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        /** @return the headers as the lists an {@code InboundRequest} takes */
        public Map<String, List<String>> headerLists() {
            Map<String, List<String>> lists = new LinkedHashMap<>();
            headers.forEach((name, value) -> lists.put(name, List.of(value)));
            return lists;
        }

        /** @return the body as text */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    private static final List<String> STATUSES = List.of("new", "open", "pending", "hold", "solved", "closed");
    private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    private static final List<String> TYPES = List.of("question", "incident", "problem", "task");
    private static final Pattern TERM = Pattern.compile("([a-z_]+)(:|<|>)(\"[^\"]*\"|\\S+)");

    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final Map<Long, User> users = new TreeMap<>();
    private final Map<Long, Organization> organizations = new TreeMap<>();
    private final Map<Long, Ticket> tickets = new TreeMap<>();
    private final Map<String, KeyedReply> idempotencyKeys = new HashMap<>();
    private final Map<Long, List<Comment>> comments = new TreeMap<>();
    private final List<Field> ticketFields = new ArrayList<>();
    private final List<Field> userFields = new ArrayList<>();
    private final List<Field> organizationFields = new ArrayList<>();
    private long nextUserId = 9873843;
    private long nextOrganizationId = 361898904439L;
    private long nextTicketId = 35436;
    private long nextCommentId = 7001;
    private long nextAuditId = 2127301143;
    private long nextFieldId = 27642;
    private Instant now = Instant.parse("2024-05-02T10:00:00Z");
    private final String agentEmail;
    private final String apiToken;
    private final long apiUserId;
    private volatile String oauthToken;
    private volatile int pageLimit = 100;
    private boolean searchLag;
    private final java.util.Set<Long> unindexedUsers = new java.util.HashSet<>();
    private final java.util.Set<Long> unindexedTickets = new java.util.HashSet<>();
    // Not copy-on-write: the benchmarks send hundreds of thousands of requests, and copying the whole log on each
    // one made the fake's CPU grow with it on the machine it shares with the platform.
    private final List<Request> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Integer failureRetryAfter;
    private final AtomicInteger remaining = new AtomicInteger(700);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    /**
     * Starts the fake on a free loopback port. It accepts Basic {@code agentEmail/token:apiToken}; the agent exists
     * as an admin named "API Agent".
     */
    public ZendeskFake(String agentEmail, String apiToken) {
        this.agentEmail = agentEmail;
        this.apiToken = apiToken;
        this.apiUserId = addUser("API Agent", agentEmail, null, "admin");
        ticketFields.add(new Field(nextFieldId++, null, "Subject", "subject", true, false));
        ticketFields.add(new Field(nextFieldId++, null, "Description", "description", true, false));
        ticketFields.add(new Field(nextFieldId++, null, "Status", "status", true, false));
        ticketFields.add(new Field(nextFieldId++, null, "Assignee", "assignee", true, false));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Zendesk fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the portal URL to configure the connector with, ending in {@code /} (the API is under api/v2/) */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    /** @return the id of the user the API token belongs to */
    public long apiUserId() {
        return apiUserId;
    }

    /** Also accepts {@code Authorization: Bearer <token>} (OAuth). */
    public ZendeskFake acceptOAuthToken(String token) {
        oauthToken = token;
        return this;
    }

    /**
     * With lag on, users and tickets created through the API are left out of {@code /search} and
     * {@code /users/search} results until {@link #indexSearch} — as the real search index lags behind writes.
     */
    public ZendeskFake simulateSearchLag(boolean on) {
        synchronized (lock) {
            searchLag = on;
            return this;
        }
    }

    /** Makes everything written so far visible to search. */
    public void indexSearch() {
        synchronized (lock) {
            unindexedUsers.clear();
            unindexedTickets.clear();
        }
    }

    /** Lists answer at most this many items per page (to test pagination with few items). */
    public ZendeskFake limitPageSize(int size) {
        pageLimit = Math.max(1, Math.min(100, size));
        return this;
    }

    // ---- seeding ------------------------------------------------------------------------------------------------

    /** Adds an agent and returns its id. */
    public long addAgent(String name, String email) {
        return addUser(name, email, null, "agent");
    }

    /** Adds an end user (a client) and returns its id; e-mail and phone may be {@code null}. */
    public long addEndUser(String name, String email, String phone) {
        return addUser(name, email, phone, "end-user");
    }

    /** Adds a user with a role and returns its id. */
    public long addUser(String name, String email, String phone, String role) {
        synchronized (lock) {
            long id = nextUserId++;
            Instant at = tick();
            users.put(id, new User(id, name, email, phone, role, null, null, Map.of(), true, false, at, at));
            return id;
        }
    }

    /** Suspends a user (agents so marked are listed as inactive). */
    public void suspend(long userId) {
        synchronized (lock) {
            User u = users.get(userId);
            users.put(userId, new User(u.id(), u.name(), u.email(), u.phone(), u.role(), u.externalId(),
                    u.organizationId(), u.userFields(), u.active(), true, u.createdAt(), tick()));
        }
    }

    /** Changes a user's role (end-user, agent, admin), e.g. to make the API user an end user. */
    public void setRole(long userId, String role) {
        synchronized (lock) {
            User u = users.get(userId);
            users.put(userId, new User(u.id(), u.name(), u.email(), u.phone(), role, u.externalId(),
                    u.organizationId(), u.userFields(), u.active(), u.suspended(), u.createdAt(), tick()));
        }
    }

    /** Adds an organization and returns its id. */
    public long addOrganization(String name) {
        synchronized (lock) {
            long id = nextOrganizationId++;
            Instant at = tick();
            organizations.put(id, new Organization(id, name, null, Map.of(), at, at));
            return id;
        }
    }

    /** Adds a ticket (priority normal, type question, one public comment by the requester) and returns its id. */
    public long addTicket(Long requesterId, String subject, String status, String externalId) {
        synchronized (lock) {
            long id = nextTicketId++;
            Instant at = tick();
            tickets.put(id, new Ticket(id, subject, subject, status, "question", "normal", requesterId, requesterId,
                    null, null, List.of(), Map.of(), externalId, at, at));
            comments.computeIfAbsent(id, k -> new ArrayList<>()).add(new Comment(nextCommentId++, id,
                    requesterId == null ? apiUserId : requesterId, subject, true, at));
            return id;
        }
    }

    /** Re-assigns a ticket, as an agent would in Zendesk's UI (no webhook is sent; see {@link #ticketEvent}). */
    public void assign(long ticketId, Long assigneeId) {
        synchronized (lock) {
            Ticket t = tickets.get(ticketId);
            if (t == null) {
                throw new IllegalArgumentException("no ticket " + ticketId);
            }
            tickets.put(ticketId, new Ticket(t.id(), t.subject(), t.description(), t.status(), t.type(), t.priority(),
                    t.requesterId(), t.submitterId(), assigneeId, t.organizationId(), t.tags(), t.customFields(),
                    t.externalId(), t.createdAt(), tick()));
        }
    }

    /** Adds a custom ticket field and returns its id. */
    public long addTicketField(String title, String type) {
        synchronized (lock) {
            long id = nextFieldId++;
            ticketFields.add(new Field(id, null, title, type, true, true));
            return id;
        }
    }

    /** Adds a custom ticket field that is inactive. */
    public long addInactiveTicketField(String title, String type) {
        synchronized (lock) {
            long id = nextFieldId++;
            ticketFields.add(new Field(id, null, title, type, false, true));
            return id;
        }
    }

    /** Adds a user field, addressed by {@code key}. */
    public ZendeskFake addUserField(String key, String title, String type) {
        synchronized (lock) {
            userFields.add(new Field(nextFieldId++, key, title, type, true, true));
            return this;
        }
    }

    /** Adds an organization field, addressed by {@code key}. */
    public ZendeskFake addOrganizationField(String key, String title, String type) {
        synchronized (lock) {
            organizationFields.add(new Field(nextFieldId++, key, title, type, true, true));
            return this;
        }
    }

    // ---- inspection ---------------------------------------------------------------------------------------------

    /** @return the users, by id */
    public List<User> users() {
        synchronized (lock) {
            return List.copyOf(users.values());
        }
    }

    /** @return the user with this id, if any */
    public Optional<User> user(long id) {
        synchronized (lock) {
            return Optional.ofNullable(users.get(id));
        }
    }

    /** @return the organizations, by id */
    public List<Organization> organizations() {
        synchronized (lock) {
            return List.copyOf(organizations.values());
        }
    }

    /** @return the tickets, by id */
    public List<Ticket> tickets() {
        synchronized (lock) {
            return List.copyOf(tickets.values());
        }
    }

    /** @return the ticket with this id, if any */
    public Optional<Ticket> ticket(long id) {
        synchronized (lock) {
            return Optional.ofNullable(tickets.get(id));
        }
    }

    /** @return the comments of a ticket, oldest first */
    public List<Comment> comments(long ticketId) {
        synchronized (lock) {
            return List.copyOf(comments.getOrDefault(ticketId, List.of()));
        }
    }

    /** The next {@code times} requests fail with {@code status}, with {@code Retry-After} when not {@code null}. */
    public void failNext(int times, int status, Integer retryAfterSeconds) {
        failureStatus = status;
        failureRetryAfter = retryAfterSeconds;
        failuresLeft.set(times);
    }

    /** @return the requests received so far, in order */
    public List<Request> requests() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    /** @return {@code METHOD path} of each request so far (path without {@code .json}), in order */
    public List<String> calls() {
        return requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    // ---- webhooks -----------------------------------------------------------------------------------------------

    /** @return {@code base64(HMAC-SHA256(secret, timestamp + body))}, Zendesk's webhook signature */
    public static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A webhook request as Zendesk sends it: JSON body, {@code X-Zendesk-Webhook-Signature} over
     * {@code timestamp + body} with the secret, {@code X-Zendesk-Webhook-Signature-Timestamp} as ISO-8601 UTC
     * ([inf] the format), {@code X-Zendesk-Webhook-Id} and {@code X-Zendesk-Webhook-Invocation-Id}.
     *
     * <p>A retry of a failed delivery (Webhooks API reference, "Webhook retries": a 409, a 429 or 503 with a
     * {@code Retry-After} under 60 seconds, or a timeout) is the same invocation: build it with the same
     * {@code invocationId} and body. Whether Zendesk signs a retry anew is not documented, so pass either the first
     * attempt's {@code signedAt} or a later one.
     */
    public static SignedWebhook signedWebhook(String secret, String body, Instant signedAt, String invocationId) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = signedAt.toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("X-Zendesk-Webhook-Id", "01GKQ8X3ZNF4DQ0ZTWKPRK5R4V");
        headers.put("X-Zendesk-Webhook-Invocation-Id", invocationId);
        headers.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        headers.put("X-Zendesk-Webhook-Signature", signature(secret, timestamp, bytes));
        return new SignedWebhook(headers, bytes);
    }

    /**
     * An event-subscribed webhook body (Zendesk's fixed event envelope) about a ticket, built from the fake's state:
     * {@code detail} has the ticket's id, external id, subject, status and priority (UPPER-CASE, as Zendesk sends
     * them), requester and assignee ids (as strings); {@code event} is given by the caller, e.g.
     * {@code {"current":"SOLVED", "previous":"OPEN"}}.
     *
     * @param type the event type without prefix, e.g. {@code ticket.status_changed}
     */
    public String ticketEvent(String eventId, String type, long ticketId, Map<String, ?> event) {
        synchronized (lock) {
            Ticket t = tickets.get(ticketId);
            if (t == null) {
                throw new IllegalArgumentException("no ticket " + ticketId);
            }
            ObjectNode root = json.createObjectNode().put("account_id", 12514403).put("id", eventId)
                    .put("time", now.toString()).put("type", "zen:event-type:" + type)
                    .put("zendesk_event_version", "2022-11-06").put("subject", "zen:ticket:" + ticketId);
            ObjectNode detail = root.putObject("detail").put("id", String.valueOf(t.id()))
                    .put("external_id", t.externalId()).put("subject", t.subject())
                    .put("status", t.status().toUpperCase(Locale.ROOT))
                    .put("priority", t.priority() == null ? null : t.priority().toUpperCase(Locale.ROOT))
                    .put("requester_id", t.requesterId() == null ? null : String.valueOf(t.requesterId()))
                    .put("assignee_id", t.assigneeId() == null ? null : String.valueOf(t.assigneeId()))
                    .put("updated_at", t.updatedAt().toString());
            detail.put("created_at", t.createdAt().toString());
            root.set("event", json.valueToTree(event));
            return root.toString();
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private Instant tick() {
        now = now.plus(Duration.ofSeconds(1));
        return now;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().replaceFirst("\\.json$", "");
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Map<String, List<String>> query = parseQuery(rawQuery);
            String bodyText = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requestLog.add(new Request(method, path, rawQuery == null ? "" : URLDecoder.decode(rawQuery,
                    StandardCharsets.UTF_8), bodyText));
            exchange.getResponseHeaders().add("X-Rate-Limit", "700");
            exchange.getResponseHeaders().add("X-Rate-Limit-Remaining",
                    String.valueOf(Math.max(0, remaining.decrementAndGet())));
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (failureRetryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", String.valueOf(failureRetryAfter));
                }
                if (failureStatus == 429) {
                    sendText(exchange, 429, "Too Many Requests");
                } else {
                    send(exchange, failureStatus, error("InjectedFailure", "Injected failure " + failureStatus));
                }
                return;
            }
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, json.createObjectNode().put("error", "Couldn't authenticate you"));
                return;
            }
            if (!path.startsWith("/api/v2/")) {
                send(exchange, 404, error("InvalidEndpoint", "Not found"));
                return;
            }
            JsonNode body;
            try {
                body = bodyText.isBlank() ? json.createObjectNode() : json.readTree(bodyText);
            } catch (IOException malformed) {
                send(exchange, 400, error("Unprocessable Entity", "Server could not parse JSON"));
                return;
            }
            Reply reply;
            String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            synchronized (lock) {
                if (idempotencyKey != null && "POST".equals(method) && path.equals("/api/v2/tickets")) {
                    reply = idempotent(idempotencyKey, body, exchange,
                            () -> route(method, "tickets", query, rawQuery, body));
                } else {
                    reply = route(method, path.substring("/api/v2/".length()), query, rawQuery, body);
                }
            }
            send(exchange, reply.status, reply.body);
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    /** A ticket creation answered once for its {@code Idempotency-Key}: the request body and the answer. */
    private record KeyedReply(JsonNode request, Reply reply) {
    }

    /**
     * "Idempotency" (Ticketing API introduction): Create Ticket with an {@code Idempotency-Key} header is done once
     * per key; a repeat with the same body gets the first answer and {@code x-idempotency-lookup: hit}, a repeat
     * with another body 400 {@code IdempotentRequestError}. (Zendesk keeps keys two hours; this fake keeps them.)
     */
    private Reply idempotent(String key, JsonNode body, com.sun.net.httpserver.HttpExchange exchange,
                             java.util.function.Supplier<Reply> create) {
        KeyedReply earlier = idempotencyKeys.get(key);
        if (earlier == null) {
            Reply reply = create.get();
            if (reply.status < 400) {
                idempotencyKeys.put(key, new KeyedReply(body, reply));
            }
            exchange.getResponseHeaders().add("x-idempotency-lookup", "miss");
            return reply;
        }
        if (!earlier.request().equals(body)) {
            return new Reply(400, error("IdempotentRequestError",
                    "The request parameters do not match those of the original request with this idempotency key"));
        }
        exchange.getResponseHeaders().add("x-idempotency-lookup", "hit");
        return earlier.reply();
    }

    private Reply route(String method, String path, Map<String, List<String>> q, String rawQuery, JsonNode body) {
        String[] p = path.split("/");
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        boolean put = "PUT".equals(method);
        if (get && path.equals("users/me")) {
            return ok(root("user", user(users.get(apiUserId))));
        }
        if (path.equals("users")) {
            if (get) {
                List<String> roles = q.getOrDefault("role[]", q.getOrDefault("role", List.of()));
                return ok(page(path, q, "users", users.values().stream()
                        .filter(u -> roles.isEmpty() || roles.contains(u.role())).map(this::user).toList()));
            }
            if (post) {
                return createUser(body.path("user"), false);
            }
        }
        if (post && path.equals("users/create_or_update")) {
            return createUser(body.path("user"), true);
        }
        if (get && path.equals("users/search")) {
            String externalId = first(q, "external_id");
            List<JsonNode> found = externalId != null
                    ? users.values().stream().filter(u -> externalId.equals(u.externalId())).map(this::user).toList()
                    : search("type:user " + Optional.ofNullable(first(q, "query")).orElse(""), q);
            return ok(page(path, q, "users", found));
        }
        if (p.length == 2 && p[0].equals("users") && isId(p[1])) {
            User u = users.get(Long.parseLong(p[1]));
            if (u == null) {
                return notFound();
            }
            if (get) {
                return ok(root("user", user(u)));
            }
            if (put) {
                return updateUser(u, body.path("user"));
            }
        }
        if (get && p.length == 4 && p[0].equals("users") && isId(p[1]) && p[2].equals("tickets")
                && p[3].equals("requested")) {
            long requester = Long.parseLong(p[1]);
            if (!users.containsKey(requester)) {
                return notFound();
            }
            return ok(page(path, q, "tickets", tickets.values().stream()
                    .filter(t -> Long.valueOf(requester).equals(t.requesterId())).map(this::ticket).toList()));
        }
        if (get && path.equals("search")) {
            List<JsonNode> results = search(Optional.ofNullable(first(q, "query")).orElse(""), q);
            return ok(offsetPage(path, q, "results", results));
        }
        if (path.equals("organizations") && post) {
            return createOrganization(body.path("organization"));
        }
        if (get && path.equals("organizations/search")) {
            String name = first(q, "name");
            String externalId = first(q, "external_id");
            return ok(page(path, q, "organizations", organizations.values().stream()
                    .filter(o -> (name == null || name.trim().equalsIgnoreCase(o.name()))
                            && (externalId == null || externalId.equals(o.externalId())))
                    .filter(o -> name != null || externalId != null)
                    .map(this::organization).toList()));
        }
        if (get && p.length == 2 && p[0].equals("organizations") && isId(p[1])) {
            Organization o = organizations.get(Long.parseLong(p[1]));
            return o == null ? notFound() : ok(root("organization", organization(o)));
        }
        if (path.equals("tickets")) {
            if (get) {
                String externalId = first(q, "external_id");
                return ok(page(path, q, "tickets", tickets.values().stream()
                        .filter(t -> externalId == null || externalId.equals(t.externalId()))
                        .map(this::ticket).toList()));
            }
            if (post) {
                return createTicket(body.path("ticket"));
            }
        }
        if (p.length == 2 && p[0].equals("tickets") && isId(p[1])) {
            Ticket t = tickets.get(Long.parseLong(p[1]));
            if (t == null) {
                return notFound();
            }
            if (get) {
                return ok(root("ticket", ticket(t)));
            }
            if (put) {
                return updateTicket(t, body.path("ticket"));
            }
        }
        if (p.length == 3 && p[0].equals("tickets") && isId(p[1]) && p[2].equals("tags")) {
            Ticket t = tickets.get(Long.parseLong(p[1]));
            if (t == null) {
                return notFound();
            }
            return ticketTags(method, t, body);
        }
        if (get && p.length == 3 && p[0].equals("tickets") && isId(p[1]) && p[2].equals("comments")) {
            long id = Long.parseLong(p[1]);
            if (!tickets.containsKey(id)) {
                return notFound();
            }
            // List Comments: sort_order asc (the default, oldest first) or desc.
            List<JsonNode> list = new ArrayList<>(comments.getOrDefault(id, List.of()).stream().map(this::comment)
                    .toList());
            if ("desc".equals(first(q, "sort_order"))) {
                Collections.reverse(list);
            }
            return ok(page(path, q, "comments", list));
        }
        if (get && path.equals("ticket_fields")) {
            return ok(page(path, q, "ticket_fields", ticketFields.stream().map(this::field).toList()));
        }
        if (get && path.equals("user_fields")) {
            return ok(page(path, q, "user_fields", userFields.stream().map(this::field).toList()));
        }
        if (get && path.equals("organization_fields")) {
            return ok(page(path, q, "organization_fields", organizationFields.stream().map(this::field).toList()));
        }
        return new Reply(404, error("InvalidEndpoint", "Not found"));
    }

    // ---- users --------------------------------------------------------------------------------------------------

    private Reply createUser(JsonNode u, boolean orUpdate) {
        String email = text(u.path("email"));
        String externalId = text(u.path("external_id"));
        if (orUpdate) {
            Optional<User> match = users.values().stream()
                    .filter(x -> (email != null && email.equalsIgnoreCase(x.email()))
                            || (externalId != null && externalId.equals(x.externalId())))
                    .findFirst();
            if (match.isPresent()) {
                return updateUser(match.get(), u);
            }
        } else if (email != null && users.values().stream().anyMatch(x -> email.equalsIgnoreCase(x.email()))) {
            return invalid("email", "Email: " + email + " is already being used by another user", "DuplicateValue");
        }
        String name = text(u.path("name"));
        if (name == null) {
            return invalid("name", "Name: is too short (minimum one character)", "BlankValue");
        }
        if (email != null && !email.contains("@")) {
            return invalid("email", "Email: " + email + " is not properly formatted", "InvalidValue");
        }
        Long organizationId = longOrNull(u.path("organization_id"));
        if (organizationId != null && !organizations.containsKey(organizationId)) {
            return invalid("organization_id", "Organization: is invalid", "InvalidValue");
        }
        long id = nextUserId++;
        Instant at = tick();
        User created = new User(id, name, email, text(u.path("phone")), u.path("role").asText("end-user"),
                externalId, organizationId, strings(u.path("user_fields")), true, false, at, at);
        users.put(id, created);
        if (searchLag) {
            unindexedUsers.add(id);
        }
        return new Reply(201, root("user", user(created)));
    }

    private Reply updateUser(User old, JsonNode u) {
        Long organizationId = u.has("organization_id") ? longOrNull(u.path("organization_id")) : old.organizationId();
        if (organizationId != null && !organizations.containsKey(organizationId)) {
            return invalid("organization_id", "Organization: is invalid", "InvalidValue");
        }
        Map<String, String> fields = new TreeMap<>(old.userFields());
        fields.putAll(strings(u.path("user_fields")));
        User updated = new User(old.id(), u.has("name") ? text(u.path("name")) : old.name(),
                u.has("email") ? text(u.path("email")) : old.email(),
                u.has("phone") ? text(u.path("phone")) : old.phone(), old.role(),
                u.has("external_id") ? text(u.path("external_id")) : old.externalId(), organizationId, fields,
                old.active(), old.suspended(), old.createdAt(), tick());
        users.put(old.id(), updated);
        return ok(root("user", user(updated)));
    }

    // ---- organizations ------------------------------------------------------------------------------------------

    private Reply createOrganization(JsonNode o) {
        String name = text(o.path("name"));
        if (name == null) {
            return invalid("name", "Name: cannot be blank", "BlankValue");
        }
        if (organizations.values().stream().anyMatch(x -> x.name().equalsIgnoreCase(name))) {
            return invalid("name", "Name: has already been taken", "DuplicateValue");
        }
        long id = nextOrganizationId++;
        Instant at = tick();
        Organization created = new Organization(id, name, text(o.path("external_id")),
                strings(o.path("organization_fields")), at, at);
        organizations.put(id, created);
        return new Reply(201, root("organization", organization(created)));
    }

    // ---- tickets ------------------------------------------------------------------------------------------------

    private Reply createTicket(JsonNode t) {
        String subject = text(t.path("subject"));
        JsonNode comment = t.path("comment");
        String body = text(comment.path("body")) != null ? text(comment.path("body")) : text(comment.path("html_body"));
        if (subject == null) {
            return invalid("subject", "Subject: cannot be blank", "BlankValue");
        }
        if (body == null) {
            return invalid("description", "Description: cannot be blank", "BlankValue");
        }
        Long requesterId = longOrNull(t.path("requester_id"));
        if (requesterId == null && t.path("requester").isObject()) {
            Reply requester = createUser(t.path("requester"), true);
            if (requester.status >= 400) {
                return requester;
            }
            requesterId = requester.body.path("user").path("id").asLong();
        }
        if (requesterId != null && !users.containsKey(requesterId)) {
            return invalid("requester", "Requester: is invalid", "InvalidValue");
        }
        Long assigneeId = longOrNull(t.path("assignee_id"));
        Reply problem = checkAssignee(assigneeId);
        if (problem == null) {
            problem = checkEnums(t);
        }
        Map<Long, String> fields = new TreeMap<>();
        if (problem == null) {
            problem = readCustomFields(t.path("custom_fields"), fields);
        }
        Long organizationId = longOrNull(t.path("organization_id"));
        if (problem == null && organizationId != null && !organizations.containsKey(organizationId)) {
            problem = invalid("organization_id", "Organization: is invalid", "InvalidValue");
        }
        if (problem != null) {
            return problem;
        }
        String status = text(t.path("status"));
        if (status == null) {
            status = assigneeId == null ? "new" : "open";
        } else if (status.equals("new") && assigneeId != null) {
            status = "open";
        }
        if (requesterId == null) {
            requesterId = apiUserId;
        }
        long authorId = longOrNull(comment.path("author_id")) != null ? longOrNull(comment.path("author_id"))
                : apiUserId;
        long id = nextTicketId++;
        Instant at = tick();
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(strings(t.path("tags"), true)));
        Ticket created = new Ticket(id, subject, body, status, text(t.path("type")),
                t.path("priority").asText("normal"), requesterId, apiUserId, assigneeId, organizationId, tags,
                fields, text(t.path("external_id")), at, at);
        tickets.put(id, created);
        if (searchLag) {
            unindexedTickets.add(id);
        }
        Comment first = new Comment(nextCommentId++, id, authorId, body, comment.path("public").asBoolean(true), at);
        comments.computeIfAbsent(id, k -> new ArrayList<>()).add(first);
        ObjectNode answer = root("ticket", ticket(created));
        answer.set("audit", audit(id, first));
        return new Reply(201, answer);
    }

    private Reply updateTicket(Ticket old, JsonNode t) {
        if ("closed".equals(old.status())) {
            return invalid("status", "Status: closed prevents ticket update", "InvalidValue");
        }
        if ("closed".equals(text(t.path("status")))) {
            return invalid("status", "Status: closed is not a valid status for update", "InvalidValue");
        }
        Long assigneeId = t.has("assignee_id") ? longOrNull(t.path("assignee_id")) : old.assigneeId();
        Reply problem = t.has("assignee_id") ? checkAssignee(assigneeId) : null;
        if (problem == null) {
            problem = checkEnums(t);
        }
        Map<Long, String> fields = new TreeMap<>(old.customFields());
        if (problem == null) {
            problem = readCustomFields(t.path("custom_fields"), fields);
        }
        JsonNode comment = t.path("comment");
        String body = text(comment.path("body")) != null ? text(comment.path("body")) : text(comment.path("html_body"));
        if (problem == null && comment.isObject() && body == null) {
            problem = invalid("comment", "Comment: cannot be blank", "BlankValue");
        }
        Long authorId = longOrNull(comment.path("author_id"));
        if (problem == null && authorId != null && !users.containsKey(authorId)) {
            problem = invalid("comment", "Comment: author is invalid", "InvalidValue");
        }
        if (problem != null) {
            return problem;
        }
        // Update Ticket: "tags" replaces the ticket's tags; "additional_tags" / "remove_tags" are documented only for
        // Update Many Tickets, so they are ignored here (see the class comment).
        List<String> tags = t.has("tags") ? new ArrayList<>(new LinkedHashSet<>(strings(t.path("tags"), true)))
                : old.tags();
        Instant at = tick();
        Ticket updated = new Ticket(old.id(), t.has("subject") ? text(t.path("subject")) : old.subject(),
                old.description(), t.has("status") ? text(t.path("status")) : old.status(),
                t.has("type") ? text(t.path("type")) : old.type(),
                t.has("priority") ? text(t.path("priority")) : old.priority(), old.requesterId(),
                old.submitterId(), assigneeId, old.organizationId(), tags, fields,
                t.has("external_id") ? text(t.path("external_id")) : old.externalId(), old.createdAt(), at);
        tickets.put(old.id(), updated);
        Comment added = null;
        if (body != null) {
            added = new Comment(nextCommentId++, old.id(), authorId == null ? apiUserId : authorId, body,
                    comment.path("public").asBoolean(true), at);
            comments.computeIfAbsent(old.id(), k -> new ArrayList<>()).add(added);
        }
        ObjectNode answer = root("ticket", ticket(updated));
        answer.set("audit", audit(old.id(), added));
        return ok(answer);
    }

    /**
     * The ticket's tags ("Tags" API reference): GET lists them, PUT adds {@code tags} keeping the existing ones
     * ("Add Tags"), POST replaces them ("Set Tags"), DELETE removes the given ones ("Remove Tags"); each answers
     * 200 {@code {"tags":[…]}}. A closed ticket cannot be changed ([inf] as for Update Ticket).
     */
    private Reply ticketTags(String method, Ticket old, JsonNode body) {
        List<String> tags = new ArrayList<>(old.tags());
        if (!"GET".equals(method)) {
            if (!List.of("PUT", "POST", "DELETE").contains(method)) {
                return new Reply(404, error("InvalidEndpoint", "Not found"));
            }
            if (!body.path("tags").isArray()) {
                return new Reply(400, error("InvalidValue", "tags must be an array"));
            }
            if ("closed".equals(old.status())) {
                return invalid("status", "Status: closed prevents ticket update", "InvalidValue");
            }
            List<String> given = strings(body.path("tags"), true);
            switch (method) {
                case "PUT" -> given.stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
                case "POST" -> {
                    tags.clear();
                    tags.addAll(new LinkedHashSet<>(given));
                }
                default -> tags.removeAll(given);
            }
            tickets.put(old.id(), new Ticket(old.id(), old.subject(), old.description(), old.status(), old.type(),
                    old.priority(), old.requesterId(), old.submitterId(), old.assigneeId(), old.organizationId(), tags,
                    old.customFields(), old.externalId(), old.createdAt(), tick()));
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode list = answer.putArray("tags");
        tags.forEach(list::add);
        return ok(answer);
    }

    private Reply checkAssignee(Long assigneeId) {
        if (assigneeId == null) {
            return null;
        }
        User a = users.get(assigneeId);
        if (a == null || "end-user".equals(a.role())) {
            return invalid("assignee", "Assignee: is not an agent", "InvalidValue");
        }
        return null;
    }

    private Reply checkEnums(JsonNode t) {
        String status = text(t.path("status"));
        if (status != null && !STATUSES.contains(status)) {
            return invalid("status", "Status: " + status + " is not valid", "InvalidValue");
        }
        String priority = text(t.path("priority"));
        if (priority != null && !PRIORITIES.contains(priority)) {
            return invalid("priority", "Priority: " + priority + " is not valid", "InvalidValue");
        }
        String type = text(t.path("type"));
        if (type != null && !TYPES.contains(type)) {
            return invalid("type", "Type: " + type + " is not valid", "InvalidValue");
        }
        return null;
    }

    private Reply readCustomFields(JsonNode list, Map<Long, String> into) {
        for (JsonNode field : list) {
            long id = field.path("id").asLong(-1);
            if (ticketFields.stream().noneMatch(f -> f.id() == id && f.removable())) {
                return invalid("custom_fields", "Custom field " + field.path("id").asText() + " is unknown",
                        "InvalidValue");
            }
            into.put(id, field.path("value").isNull() ? null : field.path("value").asText());
        }
        into.values().removeIf(v -> v == null);
        return null;
    }

    private ObjectNode audit(long ticketId, Comment comment) {
        ObjectNode audit = json.createObjectNode().put("id", nextAuditId++).put("ticket_id", ticketId)
                .put("created_at", now.toString()).put("author_id", apiUserId);
        ArrayNode events = audit.putArray("events");
        if (comment != null) {
            events.addObject().put("id", comment.id()).put("type", "Comment").put("author_id", comment.authorId())
                    .put("body", comment.body()).put("public", comment.isPublic());
        }
        events.addObject().put("id", nextAuditId++).put("type", "Change").put("field_name", "updated_at");
        return audit;
    }

    // ---- search -------------------------------------------------------------------------------------------------

    private List<JsonNode> search(String query, Map<String, List<String>> q) {
        String type = null;
        Map<String, List<String>> equals = new LinkedHashMap<>();
        List<Predicate<Ticket>> ticketRanges = new ArrayList<>();
        Matcher m = TERM.matcher(query);
        List<String> unknown = new ArrayList<>();
        while (m.find()) {
            String field = m.group(1);
            String op = m.group(2);
            String value = m.group(3).replaceAll("^\"|\"$", "");
            if (field.equals("type") && op.equals(":")) {
                type = value;
            } else if (field.equals("status") && !op.equals(":")) {
                int bound = STATUSES.indexOf(value);
                ticketRanges.add(t -> op.equals("<") ? STATUSES.indexOf(t.status()) < bound
                        : STATUSES.indexOf(t.status()) > bound);
            } else if (op.equals(":")) {
                equals.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
            } else {
                unknown.add(field);
            }
        }
        List<JsonNode> results = new ArrayList<>();
        if (!unknown.isEmpty()) {
            return results;
        }
        if (type == null || type.equals("user")) {
            users.values().stream().filter(u -> !unindexedUsers.contains(u.id())).filter(u -> matchesUser(u, equals))
                    .forEach(u -> results.add(((ObjectNode) user(u)).put("result_type", "user")));
        }
        if (type == null || type.equals("ticket")) {
            tickets.values().stream().filter(t -> !unindexedTickets.contains(t.id()))
                    .filter(t -> matchesTicket(t, equals))
                    .filter(t -> ticketRanges.stream().allMatch(r -> r.test(t)))
                    .forEach(t -> results.add(((ObjectNode) ticket(t)).put("result_type", "ticket")));
        }
        if (type == null || type.equals("organization")) {
            organizations.values().stream()
                    .filter(o -> equals.keySet().stream().allMatch(k -> k.equals("name")
                            && equals.get(k).stream().anyMatch(v -> v.equalsIgnoreCase(o.name()))))
                    .filter(o -> !equals.isEmpty())
                    .forEach(o -> results.add(((ObjectNode) organization(o)).put("result_type", "organization")));
        }
        String sortBy = first(q, "sort_by");
        if (sortBy != null) {
            Comparator<JsonNode> order = Comparator.comparing(n -> n.path(sortBy).asText(""));
            order = order.thenComparingLong(n -> n.path("id").asLong());
            if ("desc".equals(first(q, "sort_order"))) {
                order = order.reversed();
            }
            results.sort(order);
        }
        return results;
    }

    private boolean matchesUser(User u, Map<String, List<String>> terms) {
        for (Map.Entry<String, List<String>> term : terms.entrySet()) {
            boolean any = term.getValue().stream().anyMatch(v -> switch (term.getKey()) {
                case "phone" -> v.equals(u.phone());
                case "email" -> v.equalsIgnoreCase(u.email());
                case "name" -> u.name() != null && u.name().toLowerCase(Locale.ROOT)
                        .contains(v.toLowerCase(Locale.ROOT));
                case "external_id" -> v.equals(u.externalId());
                case "role" -> v.equals(u.role());
                default -> false;
            });
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesTicket(Ticket t, Map<String, List<String>> terms) {
        for (Map.Entry<String, List<String>> term : terms.entrySet()) {
            boolean any = term.getValue().stream().anyMatch(v -> switch (term.getKey()) {
                case "requester" -> t.requesterId() != null && (v.equals(String.valueOf(t.requesterId()))
                        || Optional.ofNullable(users.get(t.requesterId())).map(User::email)
                        .filter(v::equalsIgnoreCase).isPresent());
                case "requester_id" -> v.equals(String.valueOf(t.requesterId()));
                case "assignee_id" -> v.equals(String.valueOf(t.assigneeId()));
                case "status" -> v.equals(t.status());
                case "external_id" -> v.equals(t.externalId());
                case "organization" -> v.equals(String.valueOf(t.organizationId()));
                case "tags" -> t.tags().contains(v);
                default -> false;
            });
            if (!any) {
                return false;
            }
        }
        return true;
    }

    // ---- pagination ---------------------------------------------------------------------------------------------

    /** Cursor pagination with {@code page[size]}, else offset pagination. */
    private ObjectNode page(String path, Map<String, List<String>> q, String key, List<JsonNode> all) {
        String size = first(q, "page[size]");
        if (size == null) {
            return offsetPage(path, q, key, all);
        }
        int pageSize = Math.min(pageLimit, Math.max(1, parseInt(size, 100)));
        int from = 0;
        String after = first(q, "page[after]");
        if (after != null) {
            from = parseInt(new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8), 0);
        }
        int to = Math.min(all.size(), from + pageSize);
        ObjectNode answer = json.createObjectNode();
        ArrayNode items = answer.putArray(key);
        all.subList(Math.min(from, all.size()), to).forEach(items::add);
        boolean more = to < all.size();
        String afterCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8));
        String beforeCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.valueOf(from).getBytes(StandardCharsets.UTF_8));
        answer.putObject("meta").put("has_more", more).put("after_cursor", afterCursor)
                .put("before_cursor", beforeCursor);
        ObjectNode links = answer.putObject("links");
        Map<String, List<String>> next = new LinkedHashMap<>(q);
        next.remove("page[after]");
        next.remove("page[before]");
        next.put("page[size]", List.of(String.valueOf(pageSize)));
        next.put("page[after]", List.of(afterCursor));
        if (more) {
            links.put("next", baseUrl() + "api/v2/" + path + ".json?" + encode(next));
        } else {
            links.putNull("next");
        }
        links.putNull("prev");
        return answer;
    }

    private ObjectNode offsetPage(String path, Map<String, List<String>> q, String key, List<JsonNode> all) {
        int perPage = Math.min(pageLimit, Math.max(1, parseInt(first(q, "per_page"), 100)));
        int page = Math.max(1, parseInt(first(q, "page"), 1));
        int from = (page - 1) * perPage;
        int to = Math.min(all.size(), from + perPage);
        ObjectNode answer = json.createObjectNode();
        ArrayNode items = answer.putArray(key);
        if (from < all.size()) {
            all.subList(from, to).forEach(items::add);
        }
        Map<String, List<String>> next = new LinkedHashMap<>(q);
        next.put("page", List.of(String.valueOf(page + 1)));
        next.put("per_page", List.of(String.valueOf(perPage)));
        if (to < all.size()) {
            answer.put("next_page", baseUrl() + "api/v2/" + path + ".json?" + encode(next));
        } else {
            answer.putNull("next_page");
        }
        answer.putNull("previous_page");
        answer.putNull("facets");
        answer.put("count", all.size());
        return answer;
    }

    // ---- rendering ----------------------------------------------------------------------------------------------

    private JsonNode user(User u) {
        ObjectNode node = json.createObjectNode().put("id", u.id())
                .put("url", baseUrl() + "api/v2/users/" + u.id() + ".json").put("name", u.name())
                .put("email", u.email()).put("phone", u.phone()).put("role", u.role())
                .put("external_id", u.externalId());
        putLong(node, "organization_id", u.organizationId());
        node.put("active", u.active()).put("suspended", u.suspended()).put("verified", false)
                .put("created_at", u.createdAt().toString()).put("updated_at", u.updatedAt().toString());
        node.putArray("tags");
        node.set("user_fields", json.valueToTree(u.userFields()));
        return node;
    }

    private JsonNode organization(Organization o) {
        ObjectNode node = json.createObjectNode().put("id", o.id())
                .put("url", baseUrl() + "api/v2/organizations/" + o.id() + ".json").put("name", o.name())
                .put("external_id", o.externalId()).put("created_at", o.createdAt().toString())
                .put("updated_at", o.updatedAt().toString());
        node.putArray("domain_names");
        node.set("organization_fields", json.valueToTree(o.organizationFields()));
        return node;
    }

    private JsonNode ticket(Ticket t) {
        ObjectNode node = json.createObjectNode().put("id", t.id())
                .put("url", baseUrl() + "api/v2/tickets/" + t.id() + ".json").put("external_id", t.externalId())
                .put("subject", t.subject()).put("raw_subject", t.subject()).put("description", t.description())
                .put("status", t.status()).put("type", t.type()).put("priority", t.priority());
        putLong(node, "requester_id", t.requesterId());
        putLong(node, "submitter_id", t.submitterId());
        putLong(node, "assignee_id", t.assigneeId());
        putLong(node, "organization_id", t.organizationId());
        node.putNull("group_id");
        ArrayNode tags = node.putArray("tags");
        t.tags().forEach(tags::add);
        ArrayNode fields = node.putArray("custom_fields");
        ticketFields.stream().filter(Field::removable).forEach(f -> fields.addObject().put("id", f.id())
                .put("value", t.customFields().get(f.id())));
        node.put("created_at", t.createdAt().toString()).put("updated_at", t.updatedAt().toString());
        return node;
    }

    private JsonNode comment(Comment c) {
        ObjectNode node = json.createObjectNode().put("id", c.id()).put("type", "Comment")
                .put("author_id", c.authorId()).put("body", c.body()).put("html_body", "<p>" + c.body() + "</p>")
                .put("plain_body", c.body()).put("public", c.isPublic()).put("created_at", c.createdAt().toString());
        node.putArray("attachments");
        return node;
    }

    private JsonNode field(Field f) {
        ObjectNode node = json.createObjectNode().put("id", f.id());
        if (f.key() != null) {
            node.put("key", f.key());
        }
        return node.put("type", f.type()).put("title", f.title()).put("active", f.active())
                .put("removable", f.removable());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((agentEmail + "/token:" + apiToken)
                .getBytes(StandardCharsets.UTF_8));
        String token = oauthToken;
        return header.equals(basic) || (token != null && header.equals("Bearer " + token));
    }

    private ObjectNode root(String key, JsonNode value) {
        ObjectNode node = json.createObjectNode();
        node.set(key, value);
        return node;
    }

    private static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    private Reply notFound() {
        return new Reply(404, error("RecordNotFound", "Not found"));
    }

    private Reply invalid(String field, String description, String code) {
        ObjectNode body = error("RecordInvalid", "Record validation errors");
        body.putObject("details").putArray(field).addObject().put("description", description).put("error", code);
        return new Reply(422, body);
    }

    private ObjectNode error(String error, String description) {
        return json.createObjectNode().put("error", error).put("description", description);
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            params.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    private static String encode(Map<String, List<String>> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((name, values) -> values.forEach(v -> parts.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return String.join("&", parts);
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> values = q.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean isId(String s) {
        return s.matches("\\d{1,18}");
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null
                : node.asText();
    }

    private static Long longOrNull(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private static void putLong(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static List<String> strings(JsonNode node, boolean lowerCase) {
        List<String> result = new ArrayList<>();
        node.forEach(n -> {
            String s = text(n);
            if (s != null) {
                result.add(lowerCase ? s.toLowerCase(Locale.ROOT).replace(' ', '_') : s);
            }
        });
        return result;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> result = new TreeMap<>();
        object.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                result.put(e.getKey(), e.getValue().asText());
            }
        });
        return result;
    }

    private void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
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
}
