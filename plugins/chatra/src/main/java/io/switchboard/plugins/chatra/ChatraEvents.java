package io.switchboard.plugins.chatra;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.Contact;
import io.switchboard.spi.channel.SenderKind;
import io.switchboard.spi.channel.Visit;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a Chatra webhook into channel events (README, "What becomes what"). No network calls: the webhook carries
 * the visitor, the chat and the new messages.
 *
 * <ul>
 * <li>{@code chatStarted} → {@link ChannelEvent.ConversationStarted} (contact and visit), then its messages;</li>
 * <li>{@code chatFragment} → its messages;</li>
 * <li>{@code chatTranscript} → its messages (the ids of the fragments', so the platform drops them as repeats), then
 *     {@link ChannelEvent.ConversationEnded} by the client;</li>
 * <li>a visitor message → {@link ChannelEvent.MessageReceived} from the client; an agent's → from an agent (with
 *     the agent's e-mail when the webhook has it); one the plugin itself sent (its {@code receivedFrom} mark) →
 *     nothing, with a note;</li>
 * <li>any of these, and {@code clientInfoUpdated}, with a name, e-mail or phone of the visitor →
 *     {@link ChannelEvent.ContactIdentified}, whose id is derived from those values: a repeat is dropped, a change is
 *     new;</li>
 * <li>any other event → nothing, with a note.</li>
 * </ul>
 */
final class ChatraEvents {

    /** What the plugin puts in {@code receivedFrom} of the messages it sends, to know them when they come back. */
    static final String RECEIVED_FROM = "Switchboard";

    private ChatraEvents() {
    }

    static ParsedEvents<ChannelEvent> parse(InboundRequest request) {
        ChatraWebhook.Body body = ChatraWebhook.read(request);
        List<ChannelEvent> events = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Contact contact = contact(body);
        String conversation = body.conversationId();
        switch (body.eventName()) {
            case "chatStarted" -> {
                events.add(new ChannelEvent.ConversationStarted("start:" + chatKey(body), conversation,
                        contact.url(), contact, visit(body.client())));
                messages(body, contact, events, notes);
            }
            case "chatFragment" -> messages(body, contact, events, notes);
            case "chatTranscript" -> {
                messages(body, contact, events, notes);
                List<String> ids = body.messageIds();
                events.add(new ChannelEvent.ConversationEnded("end:" + chatKey(body) + ":"
                        + (ids.isEmpty() ? "-" : ids.get(ids.size() - 1)), conversation, true));
            }
            case "clientInfoUpdated" -> {
                // Handled below: only the contact details matter.
            }
            default -> {
                return ParsedEvents.skipped("Chatra event '" + body.eventName() + "' of client " + body.clientId()
                        + " is not one this connector reads: skipped");
            }
        }
        if (contact.name() != null || contact.email() != null || contact.phone() != null) {
            events.add(new ChannelEvent.ContactIdentified("contact:" + body.clientId() + ":"
                    + ChatraJson.digest(contact.name(), contact.email(), contact.phone()), conversation, contact));
        } else if ("clientInfoUpdated".equals(body.eventName())) {
            notes.add("Chatra client " + body.clientId() + " was updated without a name, e-mail or phone: nothing "
                    + "to do with it");
        }
        if (events.isEmpty() && notes.isEmpty()) {
            notes.add("Chatra event '" + body.eventName() + "' of client " + body.clientId() + " carried no "
                    + "messages");
        }
        return new ParsedEvents<>(events, notes);
    }

    private static String chatKey(ChatraWebhook.Body body) {
        return body.chatId() == null ? body.clientId() : body.chatId();
    }

    private static void messages(ChatraWebhook.Body body, Contact contact, List<ChannelEvent> events,
                                 List<String> notes) {
        for (JsonNode message : body.messages()) {
            String id = body.messageId(message);
            String type = message.path("type").asText("").trim().toLowerCase(Locale.ROOT);
            String text = ChatraJson.plainText(ChatraWebhook.text(message));
            SenderKind sender = switch (type) {
                case "client" -> SenderKind.CLIENT;
                case "agent" -> SenderKind.AGENT;
                case "bot" -> SenderKind.BOT;
                default -> null;
            };
            if (sender == null) {
                notes.add("Chatra message " + id + " of type '" + (type.isEmpty() ? "none" : type)
                        + "' in chat " + body.chatId() + ": skipped");
                continue;
            }
            if (sender == SenderKind.AGENT && RECEIVED_FROM.equals(message.path("receivedFrom").asText(""))) {
                notes.add("Chatra message " + id + " was sent by this connection: skipped");
                continue;
            }
            if (text.isEmpty()) {
                notes.add("Chatra message " + id + " in chat " + body.chatId() + " has no text (a file?): skipped");
                continue;
            }
            String agentEmail = sender == SenderKind.AGENT ? agentEmail(body, message) : null;
            events.add(new ChannelEvent.MessageReceived("msg:" + id, body.conversationId(), id, sender, agentEmail,
                    contact, text));
        }
    }

    /** @return the agent's e-mail from the message, else from {@code agents[]} by id [inf: neither is documented] */
    private static String agentEmail(ChatraWebhook.Body body, JsonNode message) {
        String direct = ChatraJson.text(message, "agentEmail", "agent.email");
        if (direct != null) {
            return direct;
        }
        String agentId = ChatraJson.id(message.get("agentId"));
        for (JsonNode agent : body.agents()) {
            if (agentId != null && agentId.equals(ChatraJson.id(agent.get("id")))) {
                return ChatraJson.text(agent, "email");
            }
        }
        return body.agents().size() == 1 && agentId == null ? ChatraJson.text(body.agents().get(0), "email") : null;
    }

    /** The visitor as a contact: the webhook's {@code client} and {@code GET /clients/{id}} share the shape. */
    static Contact contact(String clientId, JsonNode client) {
        Map<String, String> attributes = new LinkedHashMap<>();
        putIfPresent(attributes, "displayed_name", ChatraJson.text(client, "displayedName"));
        putIfPresent(attributes, "chat_id", ChatraJson.id(client.get("chatId")));
        putIfPresent(attributes, "country", ChatraJson.text(client, "location.country", "country", "geo.country"));
        putIfPresent(attributes, "city", ChatraJson.text(client, "location.city", "city", "geo.city"));
        JsonNode data = client.path("integrationData");
        if (data.isObject()) {
            data.fields().forEachRemaining(f -> putIfPresent(attributes, "data." + f.getKey(),
                    ChatraJson.text(data, f.getKey())));
        }
        return new Contact(clientId,
                ChatraJson.text(client, "name", "basicInfo.name", "info.name"),
                ChatraJson.text(client, "email", "basicInfo.email", "info.email"),
                ChatraJson.text(client, "phone", "basicInfo.phone", "info.phone"),
                ChatraJson.text(client, "chatLink", "chatUrl", "link"), attributes);
    }

    private static Contact contact(ChatraWebhook.Body body) {
        return contact(body.clientId(), body.client());
    }

    /** The visit: key names are not published, so several are tried (README, "Inferred"). */
    static Visit visit(JsonNode client) {
        List<String> pages = new ArrayList<>();
        for (String key : List.of("pages", "visitedPages", "lastVisit.pages", "visit.pages")) {
            JsonNode node = client;
            for (String part : key.split("\\.")) {
                node = node.path(part);
            }
            if (node.isArray() && !node.isEmpty()) {
                node.forEach(page -> {
                    String url = page.isObject() ? ChatraJson.text(page, "url", "href", "title")
                            : page.isTextual() ? page.asText().strip() : null;
                    if (url != null && !url.isEmpty()) {
                        pages.add(url);
                    }
                });
                break;
            }
        }
        String source = ChatraJson.text(client, "referrer", "referer", "source", "trafficSource", "utm.source",
                "utm.utm_source");
        String campaign = ChatraJson.text(client, "utm.campaign", "utm.utm_campaign");
        if (campaign != null) {
            source = source == null ? "campaign " + campaign : source + " (campaign " + campaign + ")";
        }
        String city = ChatraJson.text(client, "location.city", "city", "geo.city");
        String country = ChatraJson.text(client, "location.country", "country", "geo.country");
        if (city != null && country != null && !city.contains(country)) {
            city = city + ", " + country;
        } else if (city == null) {
            city = country;
        }
        return new Visit(city, pages, source,
                ChatraJson.text(client, "device", "deviceType", "platform"),
                ChatraJson.text(client, "os", "osName", "system"),
                ChatraJson.text(client, "browser", "browserName", "userAgent"),
                ChatraJson.text(client, "ip", "ipAddress", "location.ip"));
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
