package io.switchboard.plugins.dashly;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.Contact;
import io.switchboard.spi.channel.SenderKind;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Dashly webhook into channel events (README, "What becomes what"). No network calls: the webhook carries the
 * message, its conversation and usually its lead's id; the lead's details are read later, when a flow needs them.
 *
 * <ul>
 * <li>an operator's message (part type {@code reply_admin} or {@code note}) starting with {@code /word} →
 *     {@link ChannelEvent.SlashCommand}; other operator messages → {@link ChannelEvent.MessageReceived} from an
 *     agent;</li>
 * <li>a visitor's message ({@code reply_user}) → {@link ChannelEvent.MessageReceived} from the client;</li>
 * <li>{@code closed} / {@code final_closed} → {@link ChannelEvent.ConversationEnded};</li>
 * <li>a system event with {@code $name}, {@code $email} or {@code $phone} among the lead's properties →
 *     {@link ChannelEvent.ContactIdentified};</li>
 * <li>anything else (assignments, tags, removed messages, auto-messages…) → nothing, with a note saying why.</li>
 * </ul>
 */
final class DashlyEvents {

    /** "/word rest": the command word is letters, digits, '_' or '-'; the rest may span lines. */
    private static final Pattern COMMAND = Pattern.compile("^/\\s?([\\p{L}\\p{N}_-]+)(?:\\s+(.*))?$", Pattern.DOTALL);

    private DashlyEvents() {
    }

    static ParsedEvents<ChannelEvent> parse(InboundRequest request, DashlySettings settings) {
        DashlyWebhook.Body body = DashlyWebhook.read(request);
        if ("conversation".equals(body.type())) {
            return part(body.object(), settings);
        }
        if ("event".equals(body.type())) {
            return systemEvent(body.object(), settings);
        }
        return ParsedEvents.skipped("Dashly webhook of type '" + body.type() + "' is not one this connector reads");
    }

    private static ParsedEvents<ChannelEvent> part(JsonNode part, DashlySettings settings) {
        String partId = DashlyJson.id(part.get("id"));
        String conversation = DashlyJson.id(part.get("conversation"));
        String type = part.path("type").asText("").toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            // Old payloads carry only the direction.
            type = "a2u".equals(part.path("direction").asText("")) ? "reply_admin"
                    : "u2a".equals(part.path("direction").asText("")) ? "reply_user" : "";
        }
        if (part.path("removed").asBoolean(false)) {
            return ParsedEvents.skipped("Dashly message " + partId + " was removed: skipped");
        }
        String lead = DashlyJson.leadId(part);
        Contact contact = new Contact(lead, null, null, null, settings.leadUrl(lead), Map.of());
        String eventId = "part:" + partId;
        switch (type) {
            case "reply_admin", "note" -> {
                String text = DashlyJson.plainText(part.path("body").asText(""));
                Matcher command = COMMAND.matcher(text);
                if (command.matches()) {
                    String argument = command.group(2) == null ? "" : command.group(2).strip();
                    return ParsedEvents.of(List.of(new ChannelEvent.SlashCommand(eventId, conversation,
                            settings.conversationUrl(conversation), command.group(1).toLowerCase(Locale.ROOT),
                            argument, null, contact, settings.siteName())));
                }
                return ParsedEvents.of(List.of(new ChannelEvent.MessageReceived(eventId, conversation, partId,
                        SenderKind.AGENT, null, contact, text)));
            }
            case "reply_user" -> {
                return ParsedEvents.of(List.of(new ChannelEvent.MessageReceived(eventId, conversation, partId,
                        SenderKind.CLIENT, null, contact, DashlyJson.plainText(part.path("body").asText("")))));
            }
            case "closed", "final_closed" -> {
                return ParsedEvents.of(List.of(new ChannelEvent.ConversationEnded(eventId, conversation, false)));
            }
            default -> {
                return ParsedEvents.skipped("Dashly message " + partId + " of type '" + (type.isEmpty() ? "none"
                        : type) + "' in conversation " + conversation + ": nothing to do with it");
            }
        }
    }

    private static ParsedEvents<ChannelEvent> systemEvent(JsonNode event, DashlySettings settings) {
        String lead = DashlyJson.leadId(event);
        JsonNode props = event.path("props");
        if (!props.isObject() || props.isEmpty()) {
            props = event.path("user").path("props");
        }
        Map<String, String> known = new LinkedHashMap<>();
        for (String key : List.of("$name", "$email", "$phone")) {
            String value = props.path(key).asText("").trim();
            if (!value.isEmpty()) {
                known.put(key, value);
            }
        }
        String name = event.path("name").asText(event.path("event").asText("?"));
        if (lead == null || known.isEmpty()) {
            return ParsedEvents.skipped("Dashly event '" + name + "' names no lead with a name, e-mail or phone: "
                    + "nothing to do with it");
        }
        Contact contact = new Contact(lead, known.get("$name"), known.get("$email"), known.get("$phone"),
                settings.leadUrl(lead), Map.of());
        String id = DashlyJson.id(event.get("id"));
        return ParsedEvents.of(List.of(new ChannelEvent.ContactIdentified("event:" + id, null, contact)));
    }
}
