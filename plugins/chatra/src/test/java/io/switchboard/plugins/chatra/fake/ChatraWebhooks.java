package io.switchboard.plugins.chatra.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhooks Chatra POSTs (Settings → Integrations → Webhooks, one URL), to be sent by tests to a Switchboard
 * inbound URL: a JSON body with {@code eventName}, {@code client} (the visitor, see {@link ChatraVisitor}),
 * {@code agents} and {@code messages}, {@code Content-Type: application/json}.
 *
 * <h2>Sources</h2>
 * Public consumers of real Chatra webhooks: the Go service {@code Vovarama1992/chatra-ai-bridge}
 * ({@code internal/chatra/handler.go}: {@code eventName}, {@code client.chatId}, {@code client.id},
 * {@code messages[].type}, {@code messages[].text}; it acts on {@code chatFragment} only), a Rails controller and its
 * RSpec replaying webhooks ({@code client.id}, {@code client.chatId}, {@code messages[].type == "client"},
 * {@code messages[].text}), a Flask bot ({@code eventName}, {@code messages[].type}, {@code messages[].message},
 * {@code client.id}) and a Bun bridge ({@code client.id}, {@code client.displayedName}, {@code messages[0].message},
 * {@code client.info}). Chatra's API help page (https://chatra.com/help/api/) names {@code receivedFrom} as what
 * marks a message sent through the API; a public MCP connector's description of {@code POST /messages/} says it
 * "marks the message in webhooks" (see {@link ChatraFake}).
 *
 * <h2>What it sends</h2>
 * <ul>
 *   <li>{@link #chatStarted}: {@code eventName=chatStarted}, the visitor's first message, {@code agents: []} (bot
 *       bridges rely on the empty array while no agent has joined).</li>
 *   <li>{@link #clientMessages} / {@link #clientMessage} / {@link #agentMessage} / {@link #echo}:
 *       {@code chatFragment} with only the new messages (a fragment can batch several).</li>
 *   <li>{@link #transcript}: {@code chatTranscript}, sent when the chat ends, with every message of the chat, each
 *       with the same id it had in its fragment.</li>
 *   <li>{@link #clientInfoUpdated}: {@code eventName=clientInfoUpdated}, the visitor, no messages [inf: no public
 *       consumer shows this event; its name comes from the project's brief].</li>
 *   <li>{@link #event}: any other {@code eventName}, for "unknown event" tests.</li>
 * </ul>
 * Each message: {@code id} (17 characters [inf: the key is not shown by the consumers]), {@code type}
 * ({@code client} or {@code agent}), {@code agentId} for agent messages [inf], the text under both {@code text} and
 * {@code message} (consumers disagree on the key; {@link #withTextKey} sends one only), {@code createdAt} in epoch
 * milliseconds [inf], {@code receivedFrom} on a message sent through the API ({@link #echo}). {@code agents[]}:
 * {@code id}, {@code name} [doc: code] and {@code email} [inf; {@link #withoutAgentEmails()} leaves it out].
 *
 * <p>Messy variants: {@link #withNumericIds()} (message ids — and a site's numeric {@code clientId} — as JSON
 * numbers), {@link #withEmptyFields()} (unknown values as {@code null} / {@code ""} / {@code []} instead of absent keys),
 * {@link #withTextKey}, {@link Webhook#redelivery()}. Instances are immutable; {@code with…} copies share the chats'
 * history, so a transcript made by a copy still repeats the fragments' ids.
 *
 * <p>{@link #post(Webhook, URI)} sends one with {@code java.net.http} and refuses any host that is not loopback.
 */
public final class ChatraWebhooks {

    /** Where a message's text goes. */
    public enum TextKey { TEXT, MESSAGE, BOTH }

    /**
     * One webhook request.
     *
     * @param headers the request headers
     * @param body    the JSON body as sent
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

        /** @return the body parsed */
        public JsonNode json() {
            try {
                return ChatraWire.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @return the ids of the messages it carries, as text, in order */
        public List<String> messageIds() {
            List<String> ids = new ArrayList<>();
            json().path("messages").forEach(m -> ids.add(m.path("id").asText()));
            return ids;
        }

        /** @return the same request again, as Chatra's retry of an unanswered delivery would send it [inf] */
        public Webhook redelivery() {
            return new Webhook(headers, body);
        }
    }

    /** A message of a chat as the generator remembers it. */
    private record Message(String id, String type, String agentId, String text, long createdAt, String receivedFrom) {
    }

    private record AgentRef(String id, String name, String email) {
    }

    private static final class Chat {
        final List<Message> messages = new ArrayList<>();
        final Map<String, AgentRef> agents = new LinkedHashMap<>();
    }

    /** Numeric message ids for {@link #withNumericIds()}: above 2^53 so that a double-based reader loses digits. */
    private static final AtomicLong NEXT_NUMERIC_ID = new AtomicLong(9_007_199_254_741_000L);

    private final Clock clock;
    private final TextKey textKey;
    private final boolean numericIds;
    private final boolean emptyFields;
    private final boolean agentEmails;
    private final Map<String, Chat> chats;

    /** A generator with the system clock. */
    public ChatraWebhooks() {
        this(Clock.systemUTC());
    }

    /** A generator whose {@code createdAt} values come from this clock. */
    public ChatraWebhooks(Clock clock) {
        this(clock, TextKey.BOTH, false, false, true, new ConcurrentHashMap<>());
    }

    private ChatraWebhooks(Clock clock, TextKey textKey, boolean numericIds, boolean emptyFields, boolean agentEmails,
                           Map<String, Chat> chats) {
        this.clock = Objects.requireNonNull(clock);
        this.textKey = textKey;
        this.numericIds = numericIds;
        this.emptyFields = emptyFields;
        this.agentEmails = agentEmails;
        this.chats = chats;
    }

    /** @return a copy that puts message text under one key only (or both, the default) */
    public ChatraWebhooks withTextKey(TextKey key) {
        return new ChatraWebhooks(clock, key, numericIds, emptyFields, agentEmails, chats);
    }

    /** @return a copy that writes message ids (and all-digit visitor ids) as JSON numbers */
    public ChatraWebhooks withNumericIds() {
        return new ChatraWebhooks(clock, textKey, true, emptyFields, agentEmails, chats);
    }

    /** @return a copy that writes unknown values as {@code null}, {@code ""} or {@code []} instead of leaving them out */
    public ChatraWebhooks withEmptyFields() {
        return new ChatraWebhooks(clock, textKey, numericIds, true, agentEmails, chats);
    }

    /** @return a copy whose {@code agents[]} entries carry no {@code email} */
    public ChatraWebhooks withoutAgentEmails() {
        return new ChatraWebhooks(clock, textKey, numericIds, emptyFields, false, chats);
    }

    /** The visitor's first message opens the chat: {@code chatStarted}, {@code agents: []}. */
    public Webhook chatStarted(ChatraVisitor visitor, String firstText) {
        Chat chat = chat(visitor);
        Message first = add(chat, "client", null, firstText, null);
        return webhook("chatStarted", visitor, chat, List.of(first));
    }

    /** One new visitor message: a {@code chatFragment}. */
    public Webhook clientMessage(ChatraVisitor visitor, String text) {
        return clientMessages(visitor, text);
    }

    /** Several new visitor messages batched in one {@code chatFragment}. */
    public Webhook clientMessages(ChatraVisitor visitor, String... texts) {
        Chat chat = chat(visitor);
        List<Message> added = new ArrayList<>();
        for (String text : texts) {
            added.add(add(chat, "client", null, text, null));
        }
        return webhook("chatFragment", visitor, chat, added);
    }

    /** An agent's message typed in Chatra: a {@code chatFragment}; the agent joins the chat's {@code agents}. */
    public Webhook agentMessage(ChatraVisitor visitor, String agentId, String agentName, String agentEmail,
                                String text) {
        Chat chat = chat(visitor);
        chat.agents.putIfAbsent(agentId, new AgentRef(agentId, agentName, agentEmail));
        return webhook("chatFragment", visitor, chat, List.of(add(chat, "agent", agentId, text, null)));
    }

    /**
     * The {@code chatFragment} Chatra sends for a message that came in through the API ({@link ChatraFake}'s
     * {@code POST /messages/}): same id, its agent, its {@code receivedFrom}.
     */
    public Webhook echo(ChatraVisitor visitor, ChatraFake.SentMessage sent, ChatraFake.Agent agent) {
        Chat chat = chat(visitor);
        chat.agents.putIfAbsent(agent.id(), new AgentRef(agent.id(), agent.name(), agent.email()));
        Message m = new Message(sent.id(), "agent", agent.id(), sent.text(), sent.createdAt(), sent.receivedFrom());
        synchronized (chat) {
            chat.messages.add(m);
        }
        return webhook("chatFragment", visitor, chat, List.of(m));
    }

    /** The chat ended: {@code chatTranscript} with every message so far, each with its fragment's id. */
    public Webhook transcript(ChatraVisitor visitor) {
        Chat chat = chat(visitor);
        List<Message> all;
        synchronized (chat) {
            all = List.copyOf(chat.messages);
        }
        return webhook("chatTranscript", visitor, chat, all);
    }

    /** The visitor's details changed: {@code clientInfoUpdated} with the visitor and no messages [inf]. */
    public Webhook clientInfoUpdated(ChatraVisitor visitor) {
        return webhook("clientInfoUpdated", visitor, chat(visitor), List.of());
    }

    /** A webhook with any {@code eventName}, the visitor and no messages. */
    public Webhook event(String eventName, ChatraVisitor visitor) {
        return webhook(eventName, visitor, chat(visitor), List.of());
    }

    private Chat chat(ChatraVisitor visitor) {
        return chats.computeIfAbsent(visitor.chatId(), id -> new Chat());
    }

    private Message add(Chat chat, String type, String agentId, String text, String receivedFrom) {
        String id = numericIds ? String.valueOf(NEXT_NUMERIC_ID.getAndAdd(7)) : ChatraWire.newId();
        Message m = new Message(id, type, agentId, text, clock.millis(), receivedFrom);
        synchronized (chat) {
            chat.messages.add(m);
        }
        return m;
    }

    private Webhook webhook(String eventName, ChatraVisitor visitor, Chat chat, List<Message> messages) {
        ObjectNode root = ChatraWire.JSON.createObjectNode();
        root.put("eventName", eventName);
        ObjectNode client = ChatraWire.visitor(visitor, emptyFields);
        if (numericIds && visitor.id().matches("\\d{1,18}")) {
            client.put("id", Long.parseLong(visitor.id()));
        }
        root.set("client", client);
        ArrayNode agents = root.putArray("agents");
        synchronized (chat) {
            for (AgentRef a : chat.agents.values()) {
                ObjectNode agent = agents.addObject().put("id", a.id()).put("name", a.name());
                if (agentEmails && a.email() != null) {
                    agent.put("email", a.email());
                }
            }
        }
        ArrayNode list = root.putArray("messages");
        for (Message m : messages) {
            ObjectNode node = list.addObject();
            if (numericIds && m.id().matches("\\d{1,18}")) {
                node.put("id", Long.parseLong(m.id()));
            } else {
                node.put("id", m.id());
            }
            node.put("type", m.type());
            if (m.agentId() != null) {
                node.put("agentId", m.agentId());
            } else if (emptyFields) {
                node.putNull("agentId");
            }
            if (textKey != TextKey.MESSAGE) {
                node.put("text", m.text());
            }
            if (textKey != TextKey.TEXT) {
                node.put("message", m.text());
            }
            node.put("createdAt", m.createdAt());
            if (m.receivedFrom() != null) {
                node.put("receivedFrom", m.receivedFrom());
            }
        }
        try {
            return new Webhook(Map.of("Content-Type", "application/json"),
                    ChatraWire.JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- sending (loopback only)

    /**
     * POSTs the webhook to {@code url} and returns the HTTP status.
     *
     * @throws IllegalArgumentException when the URL's host is not a loopback address
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
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipLiteral = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") || literal.contains(":");
        if (!"localhost".equalsIgnoreCase(literal)
                && !(ipLiteral && InetAddress.getByName(literal).isLoopbackAddress())) {
            throw new IllegalArgumentException("refusing to send a webhook off loopback: " + url);
        }
    }
}
