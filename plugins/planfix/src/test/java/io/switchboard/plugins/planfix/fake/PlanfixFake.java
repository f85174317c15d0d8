package io.switchboard.plugins.planfix.fake;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * A Planfix REST API v2 on loopback, under {@code /rest/}, following Planfix's help pages ("REST API", "REST API:
 * Введение", "REST API Авторизация", "REST API: Коды ошибок", "REST API: Сложные фильтры задач" / "… контактов",
 * help.planfix.com/ru, mirrored in the GitHub repository {@code electronic777/planfix-docs}) and the OpenAPI
 * specification as generated into {@code saranchyev/planfix-rest-api-generated} ({@code docs/Api/*.md},
 * {@code docs/Model/*.md}); the plugin's README (plugins/planfix/README.md, "Vendor facts") lists the facts and what
 * is inferred. The wire format is camelCase JSON ({@code customFieldData}, {@code sourceObjectId}, {@code pageSize}).
 *
 * <p><b>Auth</b>: {@code Authorization: Bearer {token}}; GET requests may instead pass {@code access_token} in the
 * query ("REST API Авторизация"). Anything else gets HTTP 401 {@code {"result":"fail","code":1,"error":"Invalid
 * token"}} (code 1 is documented; the HTTP status is [inf]).
 *
 * <p><b>Answers</b>: every JSON answer carries {@code result}; failures are {@code {"result":"fail","code":…,
 * "error":…}}. Creations answer HTTP 201 {@code {"result":"success","id":N}} (the OpenAPI names the model
 * {@code PostContact201Response}); updates ({@code POST /task/{id}}, {@code POST /contact/{id}}) answer 200 with an
 * empty body (the OpenAPI declares no response body), or 202 when {@link #queueNextUpdates} is set (Planfix queues a
 * change to a task a scenario is changing, "REST API", section "Дополнительно"). Unknown objects answer 404 with codes
 * 1000 (task), 2000 (contact), 4000 (employee); a missing or unknown template 400 with 1001 / 2001 (the codes are
 * documented, the HTTP statuses [inf]). Every answer carries {@code X-RateLimit-Remaining} ("REST API: Введение").
 *
 * <p><b>Fault injection</b>: {@link #failNext} makes the next requests fail with a status, an optional
 * {@code Retry-After} and a Planfix error code (a 429 carries code 22 unless told otherwise, as a community client
 * reports; [inf]).
 *
 * <p><b>Endpoints</b>: {@code POST task/} (template, name, description, counterparty, assignees, participants,
 * status, priority, customFieldData, sourceObjectId); {@code GET task/{id}}; {@code POST task/{id}} (status — must be
 * a status of a process —, assignees, participants, priority, name, description, customFieldData);
 * {@code POST task/list} (filters type 7 counterparty, 10 status (one id or an array: any of them), 101 String custom
 * field (equal), 57 task number; {@code offset}/{@code pageSize} ≤ 100; ordered by number); {@code GET
 * task/templates}; {@code POST task/{id}/comments/} and {@code POST task/{id}/comments/list}; {@code POST contact/}
 * (template as {@code template {id}} or {@code templateId}: public clients send the first, the OpenAPI model the
 * second), {@code GET contact/{id}}, {@code POST contact/{id}}, {@code POST contact/list} (filters 4026 e-mail exact
 * ignoring case, also matching additional addresses, 4005 e-mail contains, 4003 phone contains — on the stored text,
 * and on its digits when the value is digits [inf] —, 4001 name contains), {@code GET contact/templates},
 * {@code POST contact/{id}/comments/}; {@code POST user/list} ({@code onlyActive}); {@code GET process/task},
 * {@code GET process/task/{id}/statuses}. Others answer 404 code 0.
 *
 * <p>A default task process (id 1) is seeded with the statuses public clients use for Planfix's default process
 * (popstas/planfix-mcp-server): 0 Draft, 1 New, 2 In work, 3 Completed (inactive), 4 Deferred, 6 Done (inactive).
 * Tests read state back with {@link #tasks()}, {@link #contacts()}, {@link #comments(long)},
 * {@link #contactComments(long)} and see the requests with {@link #calls()} and {@link #lastBody(String)}.
 */
public final class PlanfixFake implements AutoCloseable {

    /** A task as stored. {@code assignees} and {@code participants} are employee numbers. */
    public record Task(long id, String name, String description, Long templateId, Long counterpartyId, long statusId,
                       String priority, List<Long> assignees, List<Long> participants, String sourceObjectId,
                       Map<Long, String> customFields) {
        public Task {
            assignees = List.copyOf(assignees);
            participants = List.copyOf(participants);
            customFields = Map.copyOf(customFields);
        }
    }

    /** A contact as stored. */
    public record Contact(long id, Long templateId, String name, String lastname, String email,
                          List<String> additionalEmails, List<String> phones, String sourceObjectId,
                          Map<Long, String> customFields) {
        public Contact {
            additionalEmails = List.copyOf(additionalEmails);
            phones = List.copyOf(phones);
            customFields = Map.copyOf(customFields);
        }
    }

    /** A comment on a task or a contact; {@code owner} is {@code "user:N"} (the token's employee when not given). */
    public record Comment(long id, String description, String owner, boolean hidden, String sourceObjectId) {
    }

    /** An employee. */
    public record User(long id, String name, String lastname, String email, boolean active) {
    }

    /** A task status of a process. */
    public record Status(long id, String name, boolean active) {
    }

    private static final int MAX_PAGE = 100;
    private static final Pattern ID_PATH = Pattern.compile("(task|contact)/(\\d+)(/comments/(list)?)?/?");

    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final String token;
    private final long tokenUserId;
    private final Map<Long, Task> tasks = new TreeMap<>();
    private final Map<Long, Contact> contacts = new TreeMap<>();
    private final Map<Long, List<Comment>> taskComments = new TreeMap<>();
    private final Map<Long, List<Comment>> contactComments = new TreeMap<>();
    private final Map<Long, User> users = new TreeMap<>();
    private final Map<Long, String> taskTemplates = new TreeMap<>();
    private final Map<Long, String> contactTemplates = new TreeMap<>();
    private final Map<Long, String> processes = new TreeMap<>();
    private final Map<Long, List<Status>> processStatuses = new TreeMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> lastBodies = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger queuedUpdatesLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Integer failureRetryAfter;
    private volatile int failureCode;
    private long nextTaskId = 1001;
    private long nextContactId = 501;
    private long nextCommentId = 90001;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    /**
     * Starts the fake on a free loopback port; it accepts only {@code token}, which acts for employee
     * {@code tokenUserId} (added as "API Robot").
     */
    public PlanfixFake(String token, long tokenUserId) {
        this.token = token;
        this.tokenUserId = tokenUserId;
        users.put(tokenUserId, new User(tokenUserId, "API", "Robot", "robot@planfix.test", true));
        processes.put(1L, "Default");
        processStatuses.put(1L, List.of(new Status(0, "Draft", true), new Status(1, "New", true),
                new Status(2, "In work", true), new Status(3, "Completed", false), new Status(4, "Deferred", true),
                new Status(6, "Done", false)));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Planfix fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the account address to configure the connector with, ending in {@code /} (the API is under rest/) */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    /** Adds an employee listed by {@code user/list}. */
    public PlanfixFake addUser(long id, String name, String lastname, String email, boolean active) {
        synchronized (lock) {
            users.put(id, new User(id, name, lastname, email, active));
        }
        return this;
    }

    /** Adds a task template. */
    public PlanfixFake addTaskTemplate(long id, String name) {
        synchronized (lock) {
            taskTemplates.put(id, name);
        }
        return this;
    }

    /** Adds a contact template. */
    public PlanfixFake addContactTemplate(long id, String name) {
        synchronized (lock) {
            contactTemplates.put(id, name);
        }
        return this;
    }

    /** Adds (or replaces) a task process with its statuses. */
    public PlanfixFake addProcess(long id, String name, List<Status> statuses) {
        synchronized (lock) {
            processes.put(id, name);
            processStatuses.put(id, List.copyOf(statuses));
        }
        return this;
    }

    /** Adds a contact and returns its number. */
    public long addContact(String name, String lastname, String email, String phone) {
        synchronized (lock) {
            long id = nextContactId++;
            contacts.put(id, new Contact(id, null, name, lastname, email, List.of(),
                    phone == null ? List.of() : List.of(phone), null, Map.of()));
            return id;
        }
    }

    /** Adds a task for a contact (may be null) in a status and returns its number. */
    public long addTask(Long counterpartyId, String name, long statusId, String sourceObjectId) {
        synchronized (lock) {
            long id = nextTaskId++;
            tasks.put(id, new Task(id, name, "", null, counterpartyId, statusId, "NotUrgent", List.of(), List.of(),
                    sourceObjectId, Map.of()));
            return id;
        }
    }

    /** @return the tasks, by number */
    public List<Task> tasks() {
        synchronized (lock) {
            return List.copyOf(tasks.values());
        }
    }

    /** @return the task with this number, if any */
    public Optional<Task> task(long id) {
        synchronized (lock) {
            return Optional.ofNullable(tasks.get(id));
        }
    }

    /** @return the contacts, by number */
    public List<Contact> contacts() {
        synchronized (lock) {
            return List.copyOf(contacts.values());
        }
    }

    /** @return the contact with this number, if any */
    public Optional<Contact> contact(long id) {
        synchronized (lock) {
            return Optional.ofNullable(contacts.get(id));
        }
    }

    /** @return the comments of a task, oldest first */
    public List<Comment> comments(long taskId) {
        synchronized (lock) {
            return List.copyOf(taskComments.getOrDefault(taskId, List.of()));
        }
    }

    /** @return the comments on a contact's card, oldest first */
    public List<Comment> contactComments(long contactId) {
        synchronized (lock) {
            return List.copyOf(contactComments.getOrDefault(contactId, List.of()));
        }
    }

    /**
     * The next {@code times} requests fail with {@code status}, with {@code Retry-After} when not {@code null}, and
     * the Planfix error code usual for the status (1 for 401, 6 for 403, 22 for 429, else 0).
     */
    public void failNext(int times, int status, Integer retryAfterSeconds) {
        failNext(times, status, retryAfterSeconds,
                status == 401 ? 1 : status == 403 ? 6 : status == 429 ? 22 : 0);
    }

    /** As {@link #failNext(int, int, Integer)} with a given Planfix error code (e.g. 5, scope not allowed). */
    public void failNext(int times, int status, Integer retryAfterSeconds, int code) {
        failureStatus = status;
        failureRetryAfter = retryAfterSeconds;
        failureCode = code;
        failuresLeft.set(times);
    }

    /** The next {@code times} task updates are answered 202 (queued by Planfix), and applied all the same. */
    public void queueNextUpdates(int times) {
        queuedUpdatesLeft.set(times);
    }

    /** @return the requests so far as {@code "METHOD /rest/path"} (without query), in order */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /**
     * @param call {@code "METHOD /rest/path"} as in {@link #calls()}
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
            String call = method + " " + path;
            calls.add(call);
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            lastBodies.put(call, text);
            exchange.getResponseHeaders().add("X-RateLimit-Remaining", "19999");
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (failureRetryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", String.valueOf(failureRetryAfter));
                }
                send(exchange, failureStatus, fail(failureCode, "Injected failure"));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean authorized = ("Bearer " + token).equals(auth)
                    || "GET".equals(method) && token.equals(query.get("access_token"));
            if (!authorized) {
                send(exchange, 401, fail(1, "Invalid token"));
                return;
            }
            if (!path.startsWith("/rest/")) {
                send(exchange, 404, fail(0, "Unknown method"));
                return;
            }
            JsonNode body;
            try {
                body = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            } catch (IOException e) {
                send(exchange, 400, fail(30, "Invalid JSON format"));
                return;
            }
            if (!(body instanceof ObjectNode request)) {
                send(exchange, 400, fail(30, "Invalid JSON format"));
                return;
            }
            Answer answer;
            synchronized (lock) {
                answer = route(method, path.substring("/rest/".length()), query, request);
            }
            if (answer.body == null) {
                exchange.sendResponseHeaders(answer.status, -1);
            } else {
                send(exchange, answer.status, answer.body);
            }
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer route(String method, String path, Map<String, String> query, ObjectNode request) {
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        switch (path) {
            case "task/", "task":
                return post ? createTask(request) : notFound();
            case "task/list":
                return post ? listTasks(request) : notFound();
            case "task/templates":
                return get ? templates(taskTemplates) : notFound();
            case "contact/", "contact":
                return post ? createContact(request) : notFound();
            case "contact/list":
                return post ? listContacts(request) : notFound();
            case "contact/templates":
                return get ? templates(contactTemplates) : notFound();
            case "user/list":
                return post ? listUsers(request) : notFound();
            case "process/task":
                if (get) {
                    ObjectNode result = success();
                    ArrayNode list = result.putArray("processes");
                    processes.forEach((id, name) -> list.addObject().put("id", id).put("name", name));
                    return new Answer(200, result);
                }
                return notFound();
            default:
                break;
        }
        Matcher statuses = Pattern.compile("process/task/(\\d+)/statuses").matcher(path);
        if (get && statuses.matches()) {
            List<Status> list = processStatuses.get(Long.parseLong(statuses.group(1)));
            if (list == null) {
                return new Answer(404, fail(0, "Process not found"));
            }
            ObjectNode result = success();
            ArrayNode array = result.putArray("statuses");
            list.forEach(s -> array.addObject().put("id", s.id()).put("name", s.name()).put("color", "#cccccc")
                    .put("isActive", s.active()));
            return new Answer(200, result);
        }
        Matcher m = ID_PATH.matcher(path);
        if (!m.matches()) {
            return notFound();
        }
        long id = Long.parseLong(m.group(2));
        boolean isTask = "task".equals(m.group(1));
        if (m.group(3) == null) {
            if (isTask) {
                return get ? readTask(id, query.get("fields")) : post ? updateTask(id, request) : notFound();
            }
            return get ? readContact(id) : post ? updateContact(id, request) : notFound();
        }
        if (!post) {
            return notFound();
        }
        if (m.group(4) != null) {
            return isTask ? listComments(id) : notFound();
        }
        return addComment(isTask, id, request);
    }

    private Answer createTask(ObjectNode request) {
        Long template = idOf(request.path("template"));
        if (template != null && !taskTemplates.containsKey(template)) {
            return new Answer(400, fail(1001, "Task template " + template + " not found"));
        }
        String name = text(request.path("name"));
        if (name == null && template == null) {
            return new Answer(400, fail(40, "The task name is required"));
        }
        Long counterparty = person(request.path("counterparty").path("id"), "contact:");
        if (request.has("counterparty") && (counterparty == null || !contacts.containsKey(counterparty))) {
            return new Answer(404, fail(2000, "Contact does not exist"));
        }
        List<Long> assignees = people(request.path("assignees"));
        List<Long> participants = people(request.path("participants"));
        for (Long user : concat(assignees, participants)) {
            if (user == null || !users.containsKey(user)) {
                return new Answer(404, fail(4000, "Employee does not exist"));
            }
        }
        long status = 1;
        if (request.has("status")) {
            Long wanted = idOf(request.path("status"));
            if (wanted == null || !knownStatus(wanted)) {
                return new Answer(400, fail(41, "Invalid status"));
            }
            status = wanted;
        }
        long id = nextTaskId++;
        tasks.put(id, new Task(id, name == null ? taskTemplates.get(template) : name,
                request.path("description").asText(""), template, counterparty, status,
                request.path("priority").asText("NotUrgent"), assignees, participants,
                text(request.path("sourceObjectId")), fields(request.path("customFieldData"), Map.of())));
        return new Answer(201, success().put("id", id));
    }

    private Answer readTask(long id, String fields) {
        Task task = tasks.get(id);
        if (task == null) {
            return new Answer(404, fail(1000, "Task does not exist"));
        }
        ObjectNode result = success();
        result.set("task", taskJson(task, fields));
        return new Answer(200, result);
    }

    private Answer updateTask(long id, ObjectNode request) {
        Task t = tasks.get(id);
        if (t == null) {
            return new Answer(404, fail(1000, "Task does not exist"));
        }
        long status = t.statusId();
        if (request.has("status")) {
            Long wanted = idOf(request.path("status"));
            if (wanted == null || !knownStatus(wanted)) {
                return new Answer(400, fail(1002, "Task update error: unknown status"));
            }
            status = wanted;
        }
        List<Long> assignees = request.has("assignees") ? people(request.path("assignees")) : t.assignees();
        List<Long> participants = request.has("participants") ? people(request.path("participants"))
                : t.participants();
        for (Long user : concat(assignees, participants)) {
            if (user == null || !users.containsKey(user)) {
                return new Answer(404, fail(4000, "Employee does not exist"));
            }
        }
        tasks.put(id, new Task(id, request.path("name").asText(t.name()),
                request.path("description").asText(t.description()), t.templateId(), t.counterpartyId(), status,
                request.path("priority").asText(t.priority()), assignees, participants, t.sourceObjectId(),
                fields(request.path("customFieldData"), t.customFields())));
        return new Answer(queuedUpdatesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 202 : 200, null);
    }

    /** {@code task/list}: filters combine with AND ("REST API: Сложные фильтры задач"). */
    private Answer listTasks(ObjectNode request) {
        List<Task> found = new ArrayList<>();
        for (Task task : tasks.values()) {
            boolean all = true;
            for (JsonNode filter : request.path("filters")) {
                Boolean match = taskMatches(task, filter);
                if (match == null) {
                    return new Answer(400, fail(41, "Unknown filter type " + filter.path("type").asText()));
                }
                all &= match;
            }
            if (all) {
                found.add(task);
            }
        }
        ObjectNode result = success();
        ArrayNode list = result.putArray("tasks");
        page(found, request).forEach(t -> list.add(taskJson(t, text(request.path("fields")))));
        return new Answer(200, result);
    }

    private Boolean taskMatches(Task task, JsonNode filter) {
        boolean equal = !"notequal".equals(filter.path("operator").asText("equal"));
        JsonNode value = filter.path("value");
        boolean match;
        switch (filter.path("type").asInt(-1)) {
            case 7 -> {
                Long contact = person(value, "contact:");
                match = contact != null && contact.equals(task.counterpartyId());
            }
            case 10 -> {
                Set<Long> ids = new HashSet<>();
                if (value.isArray()) {
                    value.forEach(v -> ids.add(v.asLong()));
                } else {
                    ids.add(value.asLong());
                }
                match = ids.contains(task.statusId());
            }
            case 101 -> {
                String field = task.customFields().get(filter.path("field").asLong());
                match = field != null && field.equals(value.asText());
            }
            case 57 -> match = task.id() == value.asLong();
            default -> {
                return null;
            }
        }
        return equal == match;
    }

    private ObjectNode taskJson(Task t, String fields) {
        Set<String> wanted = fields == null ? Set.of() : new HashSet<>(Arrays.asList(fields.split("\\s*,\\s*")));
        boolean all = wanted.isEmpty();
        ObjectNode node = json.createObjectNode().put("id", t.id());
        if (all || wanted.contains("name")) {
            node.put("name", t.name());
        }
        if (all || wanted.contains("description")) {
            node.put("description", t.description());
        }
        if (all || wanted.contains("status")) {
            Status status = status(t.statusId());
            node.putObject("status").put("id", t.statusId()).put("name", status == null ? "?" : status.name())
                    .put("isActive", status == null || status.active());
        }
        if ((all || wanted.contains("template")) && t.templateId() != null) {
            node.putObject("template").put("id", t.templateId());
        }
        if ((all || wanted.contains("counterparty")) && t.counterpartyId() != null) {
            Contact c = contacts.get(t.counterpartyId());
            node.putObject("counterparty").put("id", "contact:" + t.counterpartyId())
                    .put("name", c == null ? "" : (c.name() + " " + c.lastname()).strip());
        }
        if (all || wanted.contains("assignees")) {
            putPeople(node.putObject("assignees"), t.assignees());
        }
        if (all || wanted.contains("participants")) {
            putPeople(node.putObject("participants"), t.participants());
        }
        if (all || wanted.contains("priority")) {
            node.put("priority", t.priority());
        }
        if (all || wanted.contains("sourceObjectId")) {
            if (t.sourceObjectId() == null) {
                node.putNull("sourceObjectId");
            } else {
                node.put("sourceObjectId", t.sourceObjectId());
            }
        }
        if (all || wanted.contains("dateOfLastUpdate")) {
            node.putObject("dateOfLastUpdate").put("date", "02-05-2024").put("time", "10:00")
                    .put("datetime", "2024-05-02T10:00Z");
        }
        ArrayNode data = json.createArrayNode();
        t.customFields().forEach((field, value) -> {
            if (all || wanted.contains(String.valueOf(field))) {
                ObjectNode item = data.addObject();
                item.putObject("field").put("id", field).put("name", "Field " + field).put("type", 0);
                item.put("value", value);
            }
        });
        if (!data.isEmpty()) {
            node.set("customFieldData", data);
        }
        return node;
    }

    private void putPeople(ObjectNode target, List<Long> ids) {
        ArrayNode list = target.putArray("users");
        ids.forEach(id -> {
            User u = users.get(id);
            list.addObject().put("id", "user:" + id).put("name", u == null ? "" : (u.name() + " " + u.lastname()));
        });
        target.putArray("groups");
    }

    private Answer addComment(boolean onTask, long id, ObjectNode request) {
        if (onTask ? !tasks.containsKey(id) : !contacts.containsKey(id)) {
            return onTask ? new Answer(404, fail(1000, "Task does not exist"))
                    : new Answer(404, fail(2000, "Contact does not exist"));
        }
        String description = text(request.path("description"));
        if (description == null) {
            return new Answer(400, fail(40, "The comment description is required"));
        }
        String owner = "user:" + tokenUserId;
        if (request.has("owner")) {
            Long user = person(request.path("owner").path("id"), "user:");
            if (user == null || !users.containsKey(user)) {
                return new Answer(404, fail(4000, "Employee does not exist"));
            }
            owner = "user:" + user;
        }
        long commentId = nextCommentId++;
        Comment comment = new Comment(commentId, description, owner, request.path("isHidden").asBoolean(false),
                text(request.path("sourceObjectId")));
        (onTask ? taskComments : contactComments).computeIfAbsent(id, k -> new ArrayList<>()).add(comment);
        return new Answer(201, success().put("id", commentId));
    }

    private Answer listComments(long taskId) {
        if (!tasks.containsKey(taskId)) {
            return new Answer(404, fail(1000, "Task does not exist"));
        }
        ObjectNode result = success();
        ArrayNode list = result.putArray("comments");
        taskComments.getOrDefault(taskId, List.of()).forEach(c -> {
            ObjectNode item = list.addObject().put("id", c.id()).put("description", c.description())
                    .put("isHidden", c.hidden()).put("type", "Comment").put("fromType", "Planfix");
            item.putObject("owner").put("id", c.owner());
        });
        return new Answer(200, result);
    }

    private Answer createContact(ObjectNode request) {
        Long template = idOf(request.path("template"));
        if (template == null && request.has("templateId")) {
            template = request.path("templateId").asLong();
        }
        if (template != null && !contactTemplates.containsKey(template)) {
            return new Answer(400, fail(2001, "Contact template " + template + " not found"));
        }
        String name = text(request.path("name"));
        if (name == null) {
            return new Answer(400, fail(2006, "Contact name is empty"));
        }
        String email = text(request.path("email"));
        if (email != null && !email.contains("@")) {
            return new Answer(400, fail(2004, "Invalid e-mail format"));
        }
        long id = nextContactId++;
        contacts.put(id, new Contact(id, template, name, request.path("lastname").asText(""), email, List.of(),
                phones(request.path("phones")), text(request.path("sourceObjectId")),
                fields(request.path("customFieldData"), Map.of())));
        return new Answer(201, success().put("id", id));
    }

    private Answer readContact(long id) {
        Contact c = contacts.get(id);
        if (c == null) {
            return new Answer(404, fail(2000, "Contact does not exist"));
        }
        ObjectNode result = success();
        result.set("contact", contactJson(c));
        return new Answer(200, result);
    }

    private Answer updateContact(long id, ObjectNode request) {
        Contact c = contacts.get(id);
        if (c == null) {
            return new Answer(404, fail(2000, "Contact does not exist"));
        }
        String email = request.has("email") ? text(request.path("email")) : c.email();
        if (email != null && !email.contains("@")) {
            return new Answer(400, fail(2004, "Invalid e-mail format"));
        }
        contacts.put(id, new Contact(id, c.templateId(), request.path("name").asText(c.name()),
                request.path("lastname").asText(c.lastname()), email, c.additionalEmails(),
                request.has("phones") ? phones(request.path("phones")) : c.phones(), c.sourceObjectId(),
                fields(request.path("customFieldData"), c.customFields())));
        return new Answer(200, null);
    }

    private Answer listContacts(ObjectNode request) {
        List<Contact> found = new ArrayList<>();
        for (Contact contact : contacts.values()) {
            boolean all = true;
            for (JsonNode filter : request.path("filters")) {
                Boolean match = contactMatches(contact, filter);
                if (match == null) {
                    return new Answer(400, fail(41, "Unknown filter type " + filter.path("type").asText()));
                }
                all &= match;
            }
            if (all) {
                found.add(contact);
            }
        }
        ObjectNode result = success();
        ArrayNode list = result.putArray("contacts");
        page(found, request).forEach(c -> list.add(contactJson(c)));
        return new Answer(200, result);
    }

    private Boolean contactMatches(Contact contact, JsonNode filter) {
        boolean equal = !"notequal".equals(filter.path("operator").asText("equal"));
        String value = filter.path("value").asText("");
        String lower = value.toLowerCase(Locale.ROOT);
        boolean match;
        switch (filter.path("type").asInt(-1)) {
            case 4026 -> match = contact.email() != null && contact.email().equalsIgnoreCase(value)
                    || contact.additionalEmails().stream().anyMatch(e -> e.equalsIgnoreCase(value));
            case 4005 -> match = contact.email() != null && contact.email().toLowerCase(Locale.ROOT).contains(lower);
            case 4003 -> match = !value.isEmpty() && contact.phones().stream().anyMatch(p -> p.contains(value)
                    || value.matches("\\d+") && p.replaceAll("\\D", "").contains(value));
            case 4001 -> match = (contact.name() + " " + contact.lastname()).toLowerCase(Locale.ROOT).contains(lower);
            default -> {
                return null;
            }
        }
        return equal == match;
    }

    private ObjectNode contactJson(Contact c) {
        ObjectNode node = json.createObjectNode().put("id", c.id()).put("name", c.name())
                .put("lastname", c.lastname()).put("midname", "");
        if (c.templateId() != null) {
            node.put("templateId", c.templateId());
        }
        node.put("email", c.email() == null ? "" : c.email());
        ArrayNode more = node.putArray("additionalEmailAddresses");
        c.additionalEmails().forEach(more::add);
        ArrayNode phones = node.putArray("phones");
        c.phones().forEach(p -> phones.addObject().put("number", p).put("maskedNumber", p).put("type", 1));
        if (c.sourceObjectId() != null) {
            node.put("sourceObjectId", c.sourceObjectId());
        }
        return node;
    }

    private Answer listUsers(ObjectNode request) {
        boolean onlyActive = request.path("onlyActive").asBoolean(false);
        List<User> found = users.values().stream().filter(u -> !onlyActive || u.active()).toList();
        ObjectNode result = success();
        ArrayNode list = result.putArray("users");
        page(found, request).forEach(u -> list.addObject().put("id", u.id()).put("name", u.name())
                .put("lastname", u.lastname()).put("midname", "").put("email", u.email())
                .put("status", u.active() ? "ACTIVE" : "UNACTIVE").put("isDeleted", false));
        return new Answer(200, result);
    }

    private Answer templates(Map<Long, String> templates) {
        ObjectNode result = success();
        ArrayNode list = result.putArray("templates");
        templates.forEach((id, name) -> list.addObject().put("id", id).put("name", name));
        return new Answer(200, result);
    }

    private boolean knownStatus(long id) {
        return status(id) != null;
    }

    private Status status(long id) {
        return processStatuses.values().stream().flatMap(List::stream).filter(s -> s.id() == id).findFirst()
                .orElse(null);
    }

    private static <T> List<T> page(List<T> all, ObjectNode request) {
        int offset = Math.max(0, request.path("offset").asInt(0));
        int size = Math.min(MAX_PAGE, Math.max(1, request.path("pageSize").asInt(MAX_PAGE)));
        return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + size));
    }

    private static List<Long> people(JsonNode group) {
        List<Long> ids = new ArrayList<>();
        group.path("users").forEach(u -> ids.add(person(u.path("id"), "user:")));
        return ids;
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** {@code "user:5"} → 5 for the expected prefix; a bare number is taken too; anything else → null. */
    private static Long person(JsonNode node, String prefix) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        if (text.startsWith(prefix)) {
            text = text.substring(prefix.length());
        } else if (text.contains(":")) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long idOf(JsonNode ref) {
        JsonNode id = ref.path("id");
        return id.canConvertToLong() ? id.asLong() : id.isTextual() && id.asText().matches("\\d+")
                ? Long.parseLong(id.asText()) : null;
    }

    private static List<String> phones(JsonNode node) {
        List<String> result = new ArrayList<>();
        node.forEach(p -> {
            String number = text(p.path("number"));
            if (number != null) {
                result.add(number);
            }
        });
        return result;
    }

    private static Map<Long, String> fields(JsonNode data, Map<Long, String> existing) {
        Map<Long, String> result = new TreeMap<>(existing);
        data.forEach(item -> result.put(item.path("field").path("id").asLong(), item.path("value").asText()));
        return result;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            result.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return result;
    }

    private Answer notFound() {
        return new Answer(404, fail(0, "Unknown method"));
    }

    private ObjectNode success() {
        return json.createObjectNode().put("result", "success");
    }

    private ObjectNode fail(int code, String error) {
        return json.createObjectNode().put("result", "fail").put("code", code).put("error", error);
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
