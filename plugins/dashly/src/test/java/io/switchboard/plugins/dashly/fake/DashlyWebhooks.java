package io.switchboard.plugins.dashly.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dashly chat-message webhooks (sources below) as Dashly POSTs them, to be sent by tests to a
 * Switchboard inbound URL: one POST per chat message, body
 * {@code conversation=<ConversationPart JSON, urlencoded>&type=conversation&token=<secret>}, headers
 * {@code User-Agent: Dashly Webhook 1.0} and {@code Content-Type: application/x-www-form-urlencoded}.
 *
 * <p>The part carries the fields of the documented example (Carrot quest help article 187 / Dashly help article 14:
 * {@code direction, conversation_closed, conversation_tags, type, id, body, assignee, sent_via, created, random_id,
 * conversation, from}) and the extra ones a real capture replayed by a public bot project's test script carries, in
 * that capture's order: {@code body_json, meta_data, reply_type, actions, edited, removed, external_id, part_group,
 * conversation_delayed_until, conversation_last_update, conversation_replied, conversation_admin_unread_count,
 * conversation_last_user_reply_time, conversation_type} ({@code popup_chat}), {@code
 * conversation_not_answered_admin_replies, channel, assignee.name_internal, conversation_assistant_type, user}. As in
 * that capture, ids are JSON strings (64-bit), {@code created} is unix seconds, {@code random_id} a 32-bit number and
 * non-ASCII text is {@code \}{@code uXXXX}-escaped. The capture (a {@code curl} replay with
 * {@code User-Agent: Carrotquest Webhook 1.0}) was found through the code search index, which did not name its
 * repository; the Python adapter next to it reads {@code type == reply_admin} or {@code direction == a2u} as an
 * operator message.
 *
 * <p>Message kinds: {@link #operatorNote} ({@code type=note}, {@code direction=a2u}, {@code sent_via=web_admin}
 * [inf: the value for operator messages is not documented; only {@code web_user} and {@code message_auto} are]),
 * {@link #operatorReply} ({@code reply_admin}), {@link #visitorMessage} ({@code reply_user}, {@code u2a},
 * {@code web_user}, {@code from} = the lead) and {@link #closed} ({@code type=closed}, empty body [inf]). Operator text
 * is sent as HTML ({@code <p>/usedesk text</p>}), as ConversationPart's page says operator text can be. For operator
 * parts {@code from} is the admin id [inf: the ConversationPart page says some payloads carry an admin object
 * there; use {@link #withAdminObjectInFrom()} for that variant]. The generator remembers, per conversation, whether
 * an operator replied, the visitor's last message time and the unread count, so consecutive webhooks of a
 * conversation agree.
 *
 * <p>Messy variants real traffic has or may have: {@link #withNumericIds()} (ids as JSON numbers, as in the
 * documented example), {@link #withoutToken()}, {@link #withToken(String)} / {@link #withWrongToken()},
 * {@link #withBase64Body()} (the whole body base64-encoded — the Russian article says the request "is encoded in
 * base64"; [inf] what exactly is encoded, so {@link #withBase64Conversation()} encodes only the {@code conversation}
 * field), {@link #asCarrotQuest()} (the Carrot quest User-Agent) and {@link Webhook#redelivery()} (the same part id
 * again, as a retry sends it). Instances are immutable; the {@code with…} methods return copies sharing the id
 * sequence and conversation state.
 *
 * <p>{@link #post(Webhook, URI)} sends one with {@code java.net.http} and refuses any host that is not loopback.
 */
public final class DashlyWebhooks {

    /** The Dashly webhook User-Agent. */
    public static final String USER_AGENT = "Dashly Webhook 1.0";
    /** The Carrot quest webhook User-Agent. */
    public static final String CARROT_QUEST_USER_AGENT = "Carrotquest Webhook 1.0";
    private static final String AVATAR = "https://files.dashly.app/avatars/default-v2.png";

    /**
     * One webhook request.
     *
     * @param headers the request headers, in order
     * @param body the request body as sent
     */
    public record Webhook(Map<String, String> headers, String body) {
        public Webhook {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            Objects.requireNonNull(body, "body");
        }

        /** @return the body as UTF-8 bytes */
        public byte[] bytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }

        /** @return the form fields, decoded (a base64 body is decoded first) */
        public Map<String, String> form() {
            return decodeForm(plainBody());
        }

        /** @return the {@code conversation} field parsed as JSON (decoded from base64 when it is) */
        public JsonNode part() {
            String text = form().get("conversation");
            if (text == null) {
                throw new IllegalStateException("no conversation field");
            }
            try {
                return JSON.readTree(text.stripLeading().startsWith("{") ? text
                        : new String(Base64.getDecoder().decode(text.trim()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @return the part id, as text */
        public String partId() {
            return part().path("id").asText();
        }

        /** @return the same request again (same part id, same random id), as Dashly's retry of an unconfirmed one */
        public Webhook redelivery() {
            return new Webhook(headers, body);
        }

        /** @return this webhook (same part) with another {@code token}, e.g. a wrong one */
        public Webhook withToken(String token) {
            Map<String, String> fields = new LinkedHashMap<>(form());
            fields.put("token", token);
            return new Webhook(headers, reencode(fields));
        }

        /** @return this webhook (same part) without the {@code token} field */
        public Webhook withoutToken() {
            Map<String, String> fields = new LinkedHashMap<>(form());
            fields.remove("token");
            return new Webhook(headers, reencode(fields));
        }

        private boolean base64Body() {
            return !body.contains("&") && body.matches("[A-Za-z0-9+/]+={0,2}");
        }

        private String plainBody() {
            return base64Body() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
        }

        private String reencode(Map<String, String> fields) {
            String form = encodeForm(fields);
            return base64Body() ? Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)) : form;
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** Part ids: 64-bit, shared by all generators of the JVM so that two never hand out the same one. */
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u([0-9A-F]{4})");
    private static final AtomicLong NEXT_PART_ID = new AtomicLong(1983962417305550851L);

    private enum Base64Mode { NONE, BODY, CONVERSATION }

    private static final class ConversationState {
        boolean replied;
        boolean closed;
        long lastUserReply;
        int adminUnread;
        int notAnsweredAdminReplies;
        String partGroup;
    }

    private final String secret;
    private final boolean includeToken;
    private final boolean numericIds;
    private final boolean adminObjectInFrom;
    private final Base64Mode base64;
    private final String userAgent;
    private final Clock clock;
    private final Map<String, String> adminNames;
    private final Map<String, ConversationState> conversations;

    /** A generator signing every webhook with {@code secret} (the {@code token} field). */
    public DashlyWebhooks(String secret) {
        this(Objects.requireNonNull(secret, "secret"), true, false, false, Base64Mode.NONE, USER_AGENT,
                Clock.systemUTC(), Map.of(), new ConcurrentHashMap<>());
    }

    private DashlyWebhooks(String secret, boolean includeToken, boolean numericIds, boolean adminObjectInFrom,
                           Base64Mode base64, String userAgent, Clock clock, Map<String, String> adminNames,
                           Map<String, ConversationState> conversations) {
        this.secret = secret;
        this.includeToken = includeToken;
        this.numericIds = numericIds;
        this.adminObjectInFrom = adminObjectInFrom;
        this.base64 = base64;
        this.userAgent = userAgent;
        this.clock = clock;
        this.adminNames = Map.copyOf(adminNames);
        this.conversations = conversations;
    }

    private DashlyWebhooks copy(String secret, boolean includeToken, boolean numericIds, boolean adminObjectInFrom,
                                Base64Mode base64, String userAgent, Clock clock, Map<String, String> adminNames) {
        return new DashlyWebhooks(secret, includeToken, numericIds, adminObjectInFrom, base64, userAgent, clock,
                adminNames, conversations);
    }

    /** @return a copy writing ids ({@code id}, {@code conversation}, {@code user}, {@code from}, …) as JSON numbers */
    public DashlyWebhooks withNumericIds() {
        return copy(secret, includeToken, true, adminObjectInFrom, base64, userAgent, clock, adminNames);
    }

    /** @return a copy that leaves the {@code token} field out */
    public DashlyWebhooks withoutToken() {
        return copy(secret, false, numericIds, adminObjectInFrom, base64, userAgent, clock, adminNames);
    }

    /** @return a copy signing with another token */
    public DashlyWebhooks withToken(String token) {
        return copy(Objects.requireNonNull(token), true, numericIds, adminObjectInFrom, base64, userAgent, clock,
                adminNames);
    }

    /** @return a copy signing with a token that is not the secret */
    public DashlyWebhooks withWrongToken() {
        return withToken(secret + "-wrong");
    }

    /** @return a copy base64-encoding the whole form body [inf] */
    public DashlyWebhooks withBase64Body() {
        return copy(secret, includeToken, numericIds, adminObjectInFrom, Base64Mode.BODY, userAgent, clock,
                adminNames);
    }

    /** @return a copy base64-encoding only the {@code conversation} field's JSON [inf] */
    public DashlyWebhooks withBase64Conversation() {
        return copy(secret, includeToken, numericIds, adminObjectInFrom, Base64Mode.CONVERSATION, userAgent, clock,
                adminNames);
    }

    /** @return a copy writing, for operator parts, {@code from} as an admin object {@code {id,name,avatar,type}} */
    public DashlyWebhooks withAdminObjectInFrom() {
        return copy(secret, includeToken, numericIds, true, base64, userAgent, clock, adminNames);
    }

    /** @return a copy sending Carrot quest's User-Agent ({@value #CARROT_QUEST_USER_AGENT}) */
    public DashlyWebhooks asCarrotQuest() {
        return copy(secret, includeToken, numericIds, adminObjectInFrom, base64, CARROT_QUEST_USER_AGENT, clock,
                adminNames);
    }

    /** @return a copy reading {@code created} from this clock */
    public DashlyWebhooks withClock(Clock value) {
        return copy(secret, includeToken, numericIds, adminObjectInFrom, base64, userAgent,
                Objects.requireNonNull(value), adminNames);
    }

    /** @return a copy that names this admin (assignee {@code name}; {@code name_internal} is derived from it) */
    public DashlyWebhooks withAdmin(String adminId, String name) {
        Map<String, String> names = new LinkedHashMap<>(adminNames);
        names.put(adminId, name);
        return copy(secret, includeToken, numericIds, adminObjectInFrom, base64, userAgent, clock, names);
    }

    /** An operator's internal note ({@code type=note}): what a slash command written as a note looks like. */
    public Webhook operatorNote(String conversationId, String leadId, String adminId, String text) {
        return operator("note", conversationId, leadId, adminId, html(text));
    }

    /** An operator's reply visible to the visitor ({@code type=reply_admin}). */
    public Webhook operatorReply(String conversationId, String leadId, String adminId, String text) {
        return operator("reply_admin", conversationId, leadId, adminId, html(text));
    }

    /** The operator closed the conversation ({@code type=closed}). */
    public Webhook closed(String conversationId, String leadId, String adminId) {
        return operator("closed", conversationId, leadId, adminId, "");
    }

    /** A visitor's chat message ({@code type=reply_user}), plain text; unassigned conversation [inf]. */
    public Webhook visitorMessage(String conversationId, String leadId, String text) {
        long created = clock.instant().getEpochSecond();
        ConversationState state = state(conversationId);
        ObjectNode part;
        synchronized (state) {
            state.lastUserReply = created;
            state.adminUnread++;
            state.notAnsweredAdminReplies = 0;
            part = part(conversationId, leadId, "reply_user", "u2a", "web_user", text, created, state, null);
            putId(part, "from", leadId);
        }
        part.put("random_id", ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
        return webhook(part);
    }

    private Webhook operator(String type, String conversationId, String leadId, String adminId, String body) {
        Objects.requireNonNull(adminId, "adminId");
        long created = clock.instant().getEpochSecond();
        ConversationState state = state(conversationId);
        ObjectNode part;
        synchronized (state) {
            if ("reply_admin".equals(type)) {
                state.replied = true;
                state.adminUnread = 0;
                state.notAnsweredAdminReplies++;
            }
            if ("closed".equals(type)) {
                state.closed = true;
            }
            part = part(conversationId, leadId, type, "a2u", "web_admin", body, created, state, adminId);
        }
        if (adminObjectInFrom) {
            ObjectNode from = part.putObject("from");
            putId(from, "id", adminId);
            from.put("name", adminName(adminId)).put("avatar", AVATAR).put("type", "admin");
        } else {
            putId(part, "from", adminId);
        }
        part.put("random_id", ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
        return webhook(part);
    }

    private ObjectNode part(String conversationId, String leadId, String type, String direction, String sentVia,
                            String body, long created, ConversationState state, String assigneeId) {
        ObjectNode part = JSON.createObjectNode();
        putId(part, "id", String.valueOf(NEXT_PART_ID.getAndAdd(1 + ThreadLocalRandom.current().nextInt(40))));
        part.put("created", created);
        putId(part, "conversation", conversationId);
        part.put("body", body);
        part.putObject("body_json");
        part.put("direction", direction);
        part.put("type", type);
        part.put("sent_via", sentVia);
        part.putObject("meta_data");
        part.put("reply_type", "no");
        part.putNull("actions");
        part.putNull("edited");
        part.putNull("removed");
        part.putNull("external_id");
        if (state.partGroup == null) {
            state.partGroup = String.valueOf(NEXT_PART_ID.getAndIncrement());
        }
        putId(part, "part_group", state.partGroup);
        part.putNull("conversation_delayed_until");
        part.put("conversation_last_update", created);
        part.put("conversation_closed", state.closed);
        part.put("conversation_replied", state.replied);
        part.putArray("conversation_tags");
        part.put("conversation_admin_unread_count", state.adminUnread);
        if (state.lastUserReply == 0) {
            part.putNull("conversation_last_user_reply_time");
        } else {
            part.put("conversation_last_user_reply_time", state.lastUserReply);
        }
        part.put("conversation_type", "popup_chat");
        part.put("conversation_not_answered_admin_replies", state.notAnsweredAdminReplies);
        part.putNull("channel");
        if (assigneeId == null) {
            part.putNull("assignee");
        } else {
            ObjectNode assignee = part.putObject("assignee");
            putId(assignee, "id", assigneeId);
            String name = adminName(assigneeId);
            assignee.put("name", name).put("avatar", AVATAR).put("type", "admin")
                    .put("name_internal", name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com");
        }
        part.putNull("conversation_assistant_type");
        putId(part, "user", leadId);
        return part;
    }

    private Webhook webhook(ObjectNode part) {
        String conversation;
        try {
            conversation = lowerCaseEscapes(JSON.writeValueAsString(part));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (base64 == Base64Mode.CONVERSATION) {
            conversation = Base64.getEncoder().encodeToString(conversation.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("conversation", conversation);
        fields.put("type", "conversation");
        if (includeToken) {
            fields.put("token", secret);
        }
        String body = encodeForm(fields);
        if (base64 == Base64Mode.BODY) {
            body = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return new Webhook(headers, body);
    }

    /** Jackson writes upper-case hex in its backslash-u escapes; the capture (Python's json) has lower-case. */
    private static String lowerCaseEscapes(String json) {
        Matcher m = UNICODE_ESCAPE.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\\u"
                    + m.group(2).toLowerCase(java.util.Locale.ROOT)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private ConversationState state(String conversationId) {
        return conversations.computeIfAbsent(Objects.requireNonNull(conversationId, "conversationId"),
                id -> new ConversationState());
    }

    private String adminName(String adminId) {
        return adminNames.getOrDefault(adminId, "Operator " + adminId);
    }

    private void putId(ObjectNode node, String field, String id) {
        Objects.requireNonNull(id, field);
        if (numericIds && id.matches("\\d{1,19}")) {
            node.put(field, Long.parseUnsignedLong(id));
        } else {
            node.put(field, id);
        }
    }

    private static String html(String text) {
        return "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>";
    }

    private static String encodeForm(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    private static Map<String, String> decodeForm(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return fields;
    }

    // ---------------------------------------------------------------- sending (loopback only)

    /**
     * POSTs the webhook to {@code url} with its headers and returns the HTTP status.
     *
     * @throws IllegalArgumentException when the URL's host is not a loopback address: these helpers never send
     *     traffic off the machine
     */
    public static int post(Webhook webhook, URI url) throws IOException, InterruptedException {
        requireLoopback(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.bytes()));
        webhook.headers().forEach(request::header);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** {@link #post(Webhook, URI)} with a string URL. */
    public static int post(Webhook webhook, String url) throws IOException, InterruptedException {
        return post(webhook, URI.create(url));
    }

    private static void requireLoopback(URI url) throws IOException {
        String scheme = String.valueOf(url.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        String host = url.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        // Only "localhost" or a literal loopback address: a host name would need a DNS look-up, which is traffic too.
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipLiteral = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") || literal.contains(":");
        if (!"localhost".equalsIgnoreCase(literal)
                && !(ipLiteral && InetAddress.getByName(literal).isLoopbackAddress())) {
            throw new IllegalArgumentException("refusing to send a webhook off loopback: " + url);
        }
    }
}
