package io.switchboard.plugins.usedesk.fake;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Usedesk API on loopback that follows Usedesk's API pages ("Описание UseDesk API" at api.usedesk.ru, the
 * api.usedocs.com articles) and the TypeScript client {@code Humdruman/usedesk-client}: every method is a POST, the
 * {@code api_token} travels in the body (JSON or form), errors are {@code {"error": …, "code": …}} objects.
 *
 * <p>Answers: a wrong or missing token gets HTTP 401 with an error object (the vendor documents error objects
 * with 200 or 4xx; 401 is our choice and the connector must handle both). Fault injection: {@link #failNext}
 * makes the next requests fail with a status and optional {@code Retry-After}.
 *
 * <p>Implemented methods: {@code /users} (agents; filter {@code user_id}); {@code /clients} (search by
 * {@code query} against name, e-mails and phone, {@code partial_match} = substring ignoring case, or
 * {@code full_match} = equal ignoring case; {@code offset} = page number, 100 per page; ordered by id),
 * {@code /create/client}, {@code /update/client} (also {@code /create/client} with a {@code client_id}, as the
 * sources disagree); {@code /create/ticket}, {@code /tickets} ({@code client_id}, {@code fstatus} — one status id or
 * several separated by commas, see {@link #listTickets} —, {@code sort=id}, {@code order}, {@code offset} pages of
 * 100), {@code /ticket} (the documented shape, with {@code status_id}), {@code /update/ticket} (an unknown
 * {@code assignee_id} is refused with an error object), {@code /create/comment}, and {@code /ticket/fields} (the
 * account's additional ticket fields, see {@link #ticketFields}). Other paths answer 404
 * {@code {"error":"Unknown method"}}. Errors about missing or
 * unknown entities come as error objects with HTTP 200, e.g. {@code {"error":"Ticket not found","code":111}}
 * ([inf]: the real texts and codes are not documented).
 *
 * <p>State lives in memory; tests seed it with {@link #addClient} / {@link #addTicket} / {@link #addTicketField} and
 * read it back with
 * {@link #clients()}, {@link #tickets()}, {@link #ticket(long)} and {@link #comments(long)}, which return immutable
 * snapshots.
 */
public final class UsedeskFake implements AutoCloseable {

    /** An agent as {@code /users} returns it. */
    public record Agent(long id, String name, String email, String role) {
    }

    /**
     * A client as stored. {@code /clients} shows {@code emails} as one string: the addresses joined by ", ", or
     * null when there are none ([inf]: how the real API shows several addresses is not documented).
     */
    public record Client(long id, String name, List<String> emails, String phone) {
        public Client {
            emails = List.copyOf(emails);
        }
    }

    /** A ticket as stored; {@code status} is the numeric status id, {@code customFields} field id → value. */
    public record Ticket(long id, String subject, String message, Long clientId, int status, String priority,
                         String type, String additionalId, Long assigneeId, Long channelId, List<String> tags,
                         Map<Long, String> customFields, boolean privateComment) {
        public Ticket {
            tags = List.copyOf(tags);
            customFields = Map.copyOf(customFields);
        }
    }

    /** A comment as stored: {@code type} public/private, {@code from} user/client/trigger. */
    public record Comment(long id, long ticketId, String message, String type, String from, Long userId) {
    }

    /**
     * An additional ticket field of the account as {@code /ticket/fields} lists it. {@code typeId} is Usedesk's
     * {@code ticket_field_type_id}: {@value #TEXT} text, {@value #LIST} list, {@value #CHECKBOX} checkbox,
     * {@value #NESTED_LIST} nested list; {@code options} are the values of a list field, in order.
     */
    public record TicketField(long id, String name, int typeId, List<String> options, boolean deleted) {
        public static final int TEXT = 1;
        public static final int LIST = 2;
        public static final int CHECKBOX = 3;
        public static final int NESTED_LIST = 4;

        public TicketField {
            options = List.copyOf(options);
        }
    }

    private static final int PAGE_SIZE = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final Map<Long, Client> clients = new TreeMap<>();
    private final Map<Long, Ticket> tickets = new TreeMap<>();
    private final Map<Long, List<Comment>> comments = new TreeMap<>();
    private final Map<Long, TicketField> ticketFields = new TreeMap<>();
    // Indexes, as the real service has: the benchmarks keep tens of thousands of clients and tickets here, and a
    // scan per search made the fake's CPU grow with them on the machine it shares with the platform.
    private final Map<String, java.util.SortedSet<Long>> clientsByValue = new java.util.HashMap<>();
    private final Map<Long, java.util.SortedSet<Long>> ticketsByClient = new java.util.HashMap<>();
    // Partial matches of a phone's digits (what the connector sends) go through every ten-digit window of the values'
    // digit runs; other partial queries scan. The scan was the fake's whole CPU in long benchmark runs.
    private static final int WINDOW = 10;
    private final Map<String, java.util.SortedSet<Long>> clientsByDigitWindow = new java.util.HashMap<>();
    private long nextClientId = 242630;
    private long nextTicketId = 37344609;
    private long nextCommentId = 112233445;
    private final String apiToken;
    private final List<Agent> agents = new CopyOnWriteArrayList<>();
    // Not copy-on-write: the benchmarks send hundreds of thousands of requests, and copying the whole log on each
    // one made the fake's CPU grow with it on the machine it shares with the platform.
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Integer failureRetryAfter;
    private final List<Long> requestTimes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requestCount = new AtomicLong();
    private volatile int rateLimitEvery;
    private volatile Long outageUntilNanos;
    private final Map<String, java.time.Duration> delays = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile HttpServer server;
    private final int port;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    /** Starts the fake on a free loopback port; it accepts only {@code apiToken}. */
    public UsedeskFake(String apiToken) {
        this.apiToken = apiToken;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Usedesk fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        port = server.getAddress().getPort();
    }

    /** @return the base URL to configure the connector with, ending in {@code /} */
    public String baseUrl() {
        return "http://localhost:" + port + "/";
    }

    /** Adds an agent returned by {@code /users}. */
    public UsedeskFake addAgent(long id, String name, String email) {
        return addAgent(id, name, email, "employee");
    }

    /** Adds an agent of this role: {@code admin}, {@code employee} or {@code support} (Usedesk's {@code user_type}). */
    public UsedeskFake addAgent(long id, String name, String email, String role) {
        agents.add(new Agent(id, name, email, role));
        return this;
    }

    /** Adds a client and returns its id. */
    public long addClient(String name, String email, String phone) {
        synchronized (lock) {
            long id = nextClientId++;
            putClient(new Client(id, name, email == null ? List.of() : List.of(email), phone));
            return id;
        }
    }

    /** Adds a ticket (priority medium, type question) and returns its id. */
    public long addTicket(Long clientId, String subject, int status, String additionalId) {
        synchronized (lock) {
            long id = nextTicketId++;
            putNewTicket(new Ticket(id, subject, "", clientId, status, "medium", "question", additionalId, null,
                    null, List.of(), Map.of(), false));
            return id;
        }
    }

    /** Adds a text field ({@code ticket_field_type_id} 1) listed by {@code /ticket/fields}. */
    public UsedeskFake addTicketField(long id, String name) {
        return addTicketField(id, name, TicketField.TEXT, List.of());
    }

    /** Adds a field of this type with these option values (for list fields; empty for the others). */
    public UsedeskFake addTicketField(long id, String name, int typeId, List<String> options) {
        synchronized (lock) {
            ticketFields.put(id, new TicketField(id, name, typeId, options, false));
        }
        return this;
    }

    /** Marks a field deleted: {@code /ticket/fields} still lists it, with {@code "deleted":"1"} [inf]. */
    public UsedeskFake deleteTicketField(long id) {
        synchronized (lock) {
            TicketField field = ticketFields.get(id);
            ticketFields.put(id, new TicketField(id, field.name(), field.typeId(), field.options(), true));
        }
        return this;
    }

    /** @return the clients, by id */
    public List<Client> clients() {
        synchronized (lock) {
            return List.copyOf(clients.values());
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

    /**
     * Rate limiting as a vendor does it: from now on every {@code n}th request (counting all requests) is answered
     * 429 with {@code Retry-After: 1} and not processed; 0 turns it off.
     */
    public void rateLimitEvery(int n) {
        rateLimitEvery = n;
    }

    /**
     * A slow vendor: each request to the path is answered this much later (before it is processed, outside the
     * fake's lock, so concurrent requests overlap); {@link java.time.Duration#ZERO} turns it off.
     */
    public void delay(String path, java.time.Duration delay) {
        if (delay.isZero()) {
            delays.remove(path);
        } else {
            delays.put(path, delay);
        }
    }

    /** An outage: every request is answered 503 (no {@code Retry-After}), unprocessed, for this long from now. */
    public void outageFor(java.time.Duration duration) {
        outageUntilNanos = System.nanoTime() + duration.toNanos();
    }

    /**
     * A harder outage: the port is closed (connections are refused) for this long, then the fake listens on the
     * same port again with its data. Returns at once.
     */
    public void refuseConnectionsFor(java.time.Duration duration) {
        HttpServer current = server;
        current.stop(0);
        Thread restart = new Thread(() -> {
            try {
                Thread.sleep(duration.toMillis());
                HttpServer again = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
                again.createContext("/", this::handle);
                again.setExecutor(executor);
                again.start();
                server = again;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot listen again on port " + port, e);
            }
        }, "usedesk-fake-restart");
        restart.setDaemon(true);
        restart.start();
    }

    /** @return when each request arrived ({@link System#nanoTime()}), in order, including refused ones */
    public List<Long> requestTimes() {
        synchronized (requestTimes) {
            return List.copyOf(requestTimes);
        }
    }

    /** @return the paths requested so far, in order */
    public List<String> requests() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requestLog.add(path);
            requestTimes.add(System.nanoTime());
            long number = requestCount.incrementAndGet();
            int every = rateLimitEvery;
            if (every > 0 && number % every == 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                send(exchange, 429, error("Too many requests", 429));
                return;
            }
            Long outageUntil = outageUntilNanos;
            if (outageUntil != null && System.nanoTime() - outageUntil < 0) {
                send(exchange, 503, error("Service unavailable", 503));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("Method not allowed: Usedesk methods are POST", 405));
                return;
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (failureRetryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", String.valueOf(failureRetryAfter));
                }
                send(exchange, failureStatus, error("Injected failure", failureStatus));
                return;
            }
            java.time.Duration delay = delays.get(path);
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ObjectNode body = readBody(exchange);
            if (!apiToken.equals(body.path("api_token").asText(null))) {
                send(exchange, 401, error("Invalid api_token", 401));
                return;
            }
            JsonNode answer;
            synchronized (lock) {
                answer = switch (path) {
                    case "/users" -> users(body);
                    case "/clients" -> searchClients(body);
                    case "/create/client" -> body.hasNonNull("client_id") ? updateClient(body) : createClient(body);
                    case "/update/client" -> updateClient(body);
                    case "/create/ticket" -> createTicket(body);
                    case "/tickets" -> listTickets(body);
                    case "/ticket" -> getTicket(body);
                    case "/update/ticket" -> updateTicket(body);
                    case "/create/comment" -> createComment(body);
                    case "/ticket/fields" -> ticketFields();
                    default -> null;
                };
            }
            if (answer == null) {
                send(exchange, 404, error("Unknown method", 404));
            } else {
                send(exchange, 200, answer);
            }
        }
    }

    /**
     * {@code /users}: filtered by {@code user_type}, which is {@code employee} when not given ("By default:
     * employee", Usedesk API pages "Получение списка сотрудников" / "Get a list of users", api.usedesk.ru and
     * api.usedocs.com); {@code user_id} selects one agent whatever the type [inf]. That the item's {@code role} holds
     * the same values as the filter is inferred.
     */
    private JsonNode users(ObjectNode request) {
        ArrayNode result = json.createArrayNode();
        long only = request.path("user_id").asLong(0);
        String type = text(request.path("user_type"));
        for (Agent agent : agents) {
            boolean chosen = only != 0 ? agent.id() == only : agent.role().equals(type == null ? "employee" : type);
            if (chosen) {
                result.addObject().put("id", agent.id()).put("name", agent.name()).put("email", agent.email())
                        .put("role", agent.role()).putArray("groups");
            }
        }
        return result;
    }

    private JsonNode searchClients(ObjectNode request) {
        String query = text(request.path("query"));
        boolean full = "full_match".equals(text(request.path("search_type")));
        List<Client> found = new ArrayList<>();
        if (full && query != null) {
            clientsByValue.getOrDefault(query.toLowerCase(Locale.ROOT), java.util.Collections.emptySortedSet())
                    .forEach(id -> found.add(clients.get(id)));
        } else if (!full && query != null && query.length() >= WINDOW && query.chars().allMatch(Character::isDigit)) {
            clientsByDigitWindow.getOrDefault(query.substring(0, WINDOW), java.util.Collections.emptySortedSet())
                    .stream().map(clients::get).filter(client -> matches(client, query, false)).forEach(found::add);
        } else {
            for (Client client : clients.values()) {
                if (query == null || matches(client, query.toLowerCase(Locale.ROOT), full)) {
                    found.add(client);
                }
            }
        }
        ArrayNode result = json.createArrayNode();
        page(found, request).forEach(client -> {
            ObjectNode item = result.addObject().put("id", client.id()).put("name", client.name());
            if (client.emails().isEmpty()) {
                item.putNull("emails");
            } else {
                item.put("emails", String.join(", ", client.emails()));
            }
            item.put("phone", client.phone());
            ArrayNode ids = item.putArray("tickets");
            ticketsByClient.getOrDefault(client.id(), java.util.Collections.emptySortedSet()).forEach(ids::add);
        });
        return result;
    }

    private static boolean matches(Client client, String query, boolean full) {
        return searchable(client).stream().anyMatch(v -> full ? v.equals(query) : v.contains(query));
    }

    /** The values a search matches, lower-cased: e-mails, name, phone. */
    private static List<String> searchable(Client client) {
        List<String> values = new ArrayList<>(client.emails());
        values.add(client.name());
        values.add(client.phone());
        return values.stream().filter(v -> v != null).map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private void putClient(Client client) {
        Client old = clients.put(client.id(), client);
        if (old != null) {
            searchable(old).forEach(v -> clientsByValue.getOrDefault(v, new java.util.TreeSet<>()).remove(old.id()));
            digitWindows(old).forEach(w -> clientsByDigitWindow.getOrDefault(w, new java.util.TreeSet<>()).remove(old.id()));
        }
        searchable(client).forEach(v -> clientsByValue.computeIfAbsent(v, k -> new java.util.TreeSet<>()).add(client.id()));
        digitWindows(client).forEach(w -> clientsByDigitWindow.computeIfAbsent(w, k -> new java.util.TreeSet<>())
                .add(client.id()));
    }

    /** Every {@link #WINDOW}-digit substring of the client's values: a digits query of that length or more is in one. */
    private static java.util.Set<String> digitWindows(Client client) {
        java.util.Set<String> windows = new java.util.HashSet<>();
        for (String value : searchable(client)) {
            for (String run : value.split("\\D+")) {
                for (int i = 0; i + WINDOW <= run.length(); i++) {
                    windows.add(run.substring(i, i + WINDOW));
                }
            }
        }
        return windows;
    }

    /** A ticket's client never changes after creation, so only new tickets touch the index. */
    private void putNewTicket(Ticket ticket) {
        tickets.put(ticket.id(), ticket);
        if (ticket.clientId() != null) {
            ticketsByClient.computeIfAbsent(ticket.clientId(), k -> new java.util.TreeSet<>()).add(ticket.id());
        }
    }

    private JsonNode createClient(ObjectNode request) {
        long id = nextClientId++;
        putClient(new Client(id, request.path("name").asText(""), strings(request.path("emails")),
                text(request.path("phone"))));
        return json.createObjectNode().put("status", true).put("client_id", id);
    }

    private JsonNode updateClient(ObjectNode request) {
        Client old = clients.get(request.path("client_id").asLong());
        if (old == null) {
            return error("Client not found", 112);
        }
        List<String> emails = request.has("emails") ? strings(request.path("emails")) : old.emails();
        putClient(new Client(old.id(), request.has("name") ? request.path("name").asText() : old.name(),
                emails, request.has("phone") ? text(request.path("phone")) : old.phone()));
        return json.createObjectNode().put("status", true).put("client_id", old.id());
    }

    private JsonNode createTicket(ObjectNode request) {
        String subject = text(request.path("subject"));
        String message = text(request.path("message"));
        if (subject == null || message == null) {
            return error("The subject and message fields are required", 100);
        }
        Long clientId = longOrNull(request.path("client_id"));
        if (clientId != null && !clients.containsKey(clientId)) {
            return error("Client not found", 112);
        }
        Long assigneeId = longOrNull(request.path("assignee_id"));
        if (assigneeId != null && agents.stream().noneMatch(a -> a.id() == assigneeId)) {
            return error("Assignee not found", 113);
        }
        long id = nextTicketId++;
        putNewTicket(new Ticket(id, subject, message, clientId, request.path("status").asInt(8),
                request.path("priority").asText("medium"), request.path("type").asText("question"),
                text(request.path("additional_id")), assigneeId, longOrNull(request.path("channel_id")),
                tags(request.path("tag")), fields(request.path("lists")),
                request.path("private_comment").asBoolean(false)));
        comments.computeIfAbsent(id, k -> new ArrayList<>()).add(new Comment(nextCommentId++, id, message,
                request.path("private_comment").asBoolean(false) ? "private" : "public",
                request.path("from").asText("client"), longOrNull(request.path("user_id"))));
        return json.createObjectNode().put("status", "success").put("ticket_id", id);
    }

    /**
     * {@code /tickets}. {@code fstatus} filters by status id: "Pass multiple values separated by commas" (Usedesk API
     * page "List of tickets", api.usedocs.com/article/51376, and its RU twin), so {@code 8} and {@code "1,5,6,8"} are
     * both taken, spaces around the commas ignored [inf]. A value that is not a status id list matches nothing
     * [inf: Usedesk's answer to it is not documented]. The merged result is ordered by id and paged as a whole.
     */
    private JsonNode listTickets(ObjectNode request) {
        Long clientId = longOrNull(request.path("client_id"));
        java.util.Set<Integer> statuses = statuses(request.path("fstatus"));
        List<Ticket> found = new ArrayList<>();
        Iterable<Ticket> candidates = clientId == null ? tickets.values()
                : ticketsByClient.getOrDefault(clientId, java.util.Collections.emptySortedSet()).stream()
                        .map(tickets::get).toList();
        for (Ticket ticket : candidates) {
            if ((clientId == null || clientId.equals(ticket.clientId()))
                    && (statuses == null || statuses.contains(ticket.status()))) {
                found.add(ticket);
            }
        }
        if ("desc".equals(text(request.path("order")))) {
            Collections.reverse(found);
        }
        ArrayNode result = json.createArrayNode();
        page(found, request).forEach(t -> {
            ObjectNode item = result.addObject().put("id", t.id()).put("priority", t.priority())
                    .put("subject", t.subject());
            putLong(item, "client_id", t.clientId());
            putLong(item, "assignee_id", t.assigneeId());
            putLong(item, "channel_id", t.channelId());
            item.putNull("group").put("last_updated_at", "2024-05-02 10:11:12").put("type", t.type())
                    .put("created_at", "2024-05-02 10:11:12");
            ArrayNode fields = item.putArray("ticket_fields");
            t.customFields().forEach((fieldId, value) -> fields.addObject().put("id", fieldId).put("value", value));
            ArrayNode tags = item.putArray("tags");
            t.tags().forEach(tag -> tags.addObject().put("name", tag));
            item.put("status", t.status()).put("last_comment", "").putNull("remind_at");
        });
        return result;
    }

    /** @return the status ids of an {@code fstatus} value, {@code null} when absent (no filter) */
    private static java.util.Set<Integer> statuses(JsonNode fstatus) {
        String text = text(fstatus);
        if (text == null) {
            return null;
        }
        java.util.Set<Integer> result = new java.util.HashSet<>();
        for (String part : text.split(",")) {
            try {
                result.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                return java.util.Set.of();
            }
        }
        return result;
    }

    /**
     * {@code /ticket/fields}: "The method returns all additional fields of company"; its only parameter is
     * {@code api_token} (Usedesk API pages "Get a list of additional fields", api.usedocs.com/article/51411, and
     * "Получить список дополнительных полей", api.usedocs.ru/article/49527). The answer is an array of
     * {@code {custom_field: {id, company_id, ticket_field_type_id, name, value, required, add_tag, add_filter, sort,
     * active, hidden, api, deleted}, field_options: [...]}}; the pages' example sends the numbers and 0/1 flags as
     * strings, which is copied here (the TypeScript client {@code Humdruman/usedesk-client},
     * {@code src/actions/tickets/fields.ts}, types them as numbers, so a connector must read both). Type ids: 1 text,
     * 2 list, 3 checkbox (both pages), 4 nested list (RU page and the TS client). A list field's
     * {@code field_options} are {@code {id, ticket_field_id, value, parent_option_id, order}} (TS client); other
     * fields have an empty array (TS client; the pages only say list fields return values "in addition"). [inf]:
     * that a deleted field is still listed with {@code "deleted":"1"}, and the order (by id here).
     */
    private JsonNode ticketFields() {
        ArrayNode result = json.createArrayNode();
        ticketFields.values().forEach(field -> {
            ObjectNode item = result.addObject();
            item.putObject("custom_field").put("id", String.valueOf(field.id())).put("company_id", "153561")
                    .put("ticket_field_type_id", String.valueOf(field.typeId())).put("name", field.name())
                    .putNull("value").put("required", "0").put("add_tag", "0").put("add_filter", "0")
                    .put("sort", "0").put("active", "1").put("hidden", "0").put("api", "0")
                    .put("deleted", field.deleted() ? "1" : "0");
            ArrayNode options = item.putArray("field_options");
            for (int i = 0; i < field.options().size(); i++) {
                // Option ids: stable per field and position (the fake's choice; Usedesk's are its own).
                ObjectNode option = options.addObject().put("id", field.id() * 1000 + i + 1)
                        .put("ticket_field_id", field.id()).put("value", field.options().get(i));
                option.putArray("parent_option_id");
                option.putNull("created_at").putNull("updated_at").put("order", i);
            }
        });
        return result;
    }

    private JsonNode getTicket(ObjectNode request) {
        Ticket t = tickets.get(request.path("ticket_id").asLong());
        if (t == null) {
            return error("Ticket not found", 111);
        }
        ObjectNode result = json.createObjectNode();
        ObjectNode ticket = result.putObject("ticket").put("id", t.id()).put("subject", t.subject())
                .put("priority", t.priority());
        putLong(ticket, "client_id", t.clientId());
        putLong(ticket, "assignee_id", t.assigneeId());
        putLong(ticket, "channel_id", t.channelId());
        ticket.putNull("group").put("last_updated_at", "2024-05-02 10:11:12").put("type", t.type())
                .put("status_id", t.status()).putNull("email").put("published_at", "2024-05-02 10:11:12")
                .put("additional_id", t.additionalId());
        ArrayNode tags = result.putArray("tags");
        t.tags().forEach(tags::add);
        result.putArray("changes");
        ArrayNode fields = result.putArray("custom_fields");
        t.customFields().forEach((fieldId, value) -> fields.addObject().put("ticket_id", t.id())
                .put("ticket_field_id", fieldId).put("value", value));
        ArrayNode list = result.putArray("comments");
        comments.getOrDefault(t.id(), List.of()).forEach(c -> {
            ObjectNode item = list.addObject().put("id", c.id()).put("message", c.message()).put("from", c.from())
                    .put("type", c.type());
            putLong(item, "user_id", c.userId());
            item.put("ticket_id", t.id());
        });
        return result;
    }

    private JsonNode updateTicket(ObjectNode request) {
        Ticket t = tickets.get(request.path("ticket_id").asLong());
        if (t == null) {
            return error("Ticket not found", 111);
        }
        Long assigneeId = t.assigneeId();
        if (request.has("assignee_id")) {
            assigneeId = longOrNull(request.path("assignee_id"));
            Long wanted = assigneeId;
            if (wanted != null && agents.stream().noneMatch(a -> a.id() == wanted)) {
                return error("Assignee not found", 113);
            }
        }
        List<String> tags = new ArrayList<>(t.tags());
        tags(request.path("tag")).stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
        Map<Long, String> fields = new TreeMap<>(t.customFields());
        fields.putAll(fields(request.path("list")));
        fields.putAll(fields(request.path("lists")));
        tickets.put(t.id(), new Ticket(t.id(), request.path("subject").asText(t.subject()), t.message(),
                t.clientId(), request.path("status").asInt(t.status()), request.path("priority").asText(t.priority()),
                request.path("type").asText(t.type()), t.additionalId(), assigneeId, t.channelId(), tags, fields,
                t.privateComment()));
        return json.createObjectNode().put("status", "success");
    }

    /**
     * {@code /create/comment}. "If the {@code user} value of the {@code from} parameter is passed, the request must
     * contain the {@code user_id} parameter" (both the RU and the EN page of "Создание комментария" / "Create a
     * comment"): refused here without it. The error's wording and code are inferred; a comment without {@code from}
     * is recorded as an agent's with no known author (Usedesk's own choice of author is not documented).
     */
    private JsonNode createComment(ObjectNode request) {
        Ticket t = tickets.get(request.path("ticket_id").asLong());
        if (t == null) {
            return error("Ticket not found", 111);
        }
        String message = text(request.path("message"));
        if (message == null) {
            return error("The message field is required", 100);
        }
        if ("user".equals(text(request.path("from"))) && longOrNull(request.path("user_id")) == null) {
            return error("The user_id field is required when from is user", 100);
        }
        long id = nextCommentId++;
        // Usedesk's default comment type is private ("Создать комментарий").
        comments.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(new Comment(id, t.id(), message,
                request.path("type").asText("private"), request.path("from").asText("user"),
                longOrNull(request.path("user_id"))));
        return json.createObjectNode().put("status", "success").put("comment_id", id);
    }

    private static <T> List<T> page(List<T> all, ObjectNode request) {
        int from = request.path("offset").asInt(0) * PAGE_SIZE;
        return from >= all.size() ? List.of() : all.subList(from, Math.min(all.size(), from + PAGE_SIZE));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static Long longOrNull(JsonNode node) {
        String text = text(node);
        if (text == null || "null".equals(text)) {
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

    private static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> result.add(n.asText()));
        } else if (text(node) != null) {
            result.add(node.asText());
        }
        return result;
    }

    private static List<String> tags(JsonNode node) {
        String text = text(node);
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::trim)
                .filter(tag -> !tag.isEmpty()).toList();
    }

    private static Map<Long, String> fields(JsonNode node) {
        Map<Long, String> result = new TreeMap<>();
        node.forEach(field -> result.put(field.path("id").asLong(), field.path("value").asText()));
        return result;
    }

    /** Reads a JSON or form body into one object (form fields as strings), as Usedesk accepts both. */
    private ObjectNode readBody(HttpExchange exchange) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode node = json.createObjectNode();
            for (String pair : text.split("&")) {
                String[] kv = pair.split("=", 2);
                if (!kv[0].isEmpty()) {
                    node.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            return node;
        }
        try {
            JsonNode node = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            return node instanceof ObjectNode object ? object : json.createObjectNode();
        } catch (IOException malformed) {
            return json.createObjectNode();
        }
    }

    private JsonNode error(String message, int code) {
        return json.valueToTree(Map.of("error", message, "code", code));
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
