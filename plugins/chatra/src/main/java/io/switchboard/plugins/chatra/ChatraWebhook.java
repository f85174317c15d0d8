package io.switchboard.plugins.chatra;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Chatra webhook (README, "What becomes what"): a JSON object with {@code eventName}, {@code client} (the
 * visitor: {@code id}, {@code chatId}, contact details and visit data), {@code agents} and {@code messages}.
 */
final class ChatraWebhook {

    /**
     * One webhook.
     *
     * @param eventName {@code chatStarted}, {@code chatFragment}, {@code chatTranscript}, {@code clientInfoUpdated}…
     * @param clientId  the visitor's id
     * @param chatId    the chat's id, or {@code null}
     * @param client    the {@code client} object
     * @param agents    the {@code agents} array (empty when absent)
     * @param messages  the {@code messages} array (empty when absent)
     */
    record Body(String eventName, String clientId, String chatId, JsonNode client, JsonNode agents,
                JsonNode messages) {

        /** @return the conversation id: {@code <client id>:<chat id>}, or the client id alone without a chat */
        String conversationId() {
            return ChatraConversation.of(clientId, chatId);
        }

        /** @return the id of each message (its own, or one derived from its content), in order */
        List<String> messageIds() {
            List<String> ids = new ArrayList<>();
            messages.forEach(m -> ids.add(messageId(m)));
            return ids;
        }

        /**
         * @return the message's {@code id}; without one, an id derived from the chat, type, time and text, so that the
         *         same message in a fragment and in the transcript gets the same id
         */
        String messageId(JsonNode message) {
            String id = ChatraJson.id(message.get("id"));
            if (id != null) {
                return id;
            }
            return "d" + ChatraJson.digest(chatId, message.path("type").asText(""),
                    message.path("createdAt").asText(""), text(message));
        }
    }

    private ChatraWebhook() {
    }

    /**
     * @return the webhook's parts
     * @throws WebhookRejectedException 400 when the body is not a Chatra webhook
     */
    static Body read(InboundRequest request) {
        JsonNode root;
        try {
            root = ChatraJson.JSON.readTree(request.body());
        } catch (IOException e) {
            throw WebhookRejectedException.malformed("not a Chatra webhook: the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRejectedException.malformed("not a Chatra webhook: the body is not a JSON object");
        }
        String eventName = root.path("eventName").asText("").trim();
        if (eventName.isEmpty()) {
            throw WebhookRejectedException.malformed("not a Chatra webhook: no 'eventName'");
        }
        JsonNode client = root.path("client");
        String clientId = ChatraJson.id(client.get("id"));
        if (!client.isObject() || clientId == null) {
            throw WebhookRejectedException.malformed("Chatra webhook '" + eventName + "' names no client (visitor) "
                    + "id");
        }
        String chatId = ChatraJson.id(client.get("chatId"));
        if (chatId == null) {
            chatId = ChatraJson.id(root.get("chatId"));
        }
        JsonNode agents = root.path("agents").isArray() ? root.path("agents") : ChatraJson.JSON.createArrayNode();
        JsonNode messages = root.path("messages").isArray() ? root.path("messages")
                : ChatraJson.JSON.createArrayNode();
        return new Body(eventName, clientId, chatId, client, agents, messages);
    }

    /** @return a message's text: {@code text}, else {@code message} (public consumers disagree on the key) */
    static String text(JsonNode message) {
        String text = ChatraJson.text(message, "text");
        return text != null ? text : ChatraJson.text(message, "message");
    }

    /**
     * Dedup key: the event and what it carries (a redelivery has the same); ordering key: the visitor, so one
     * visitor's chat start, messages, details and chat end are handled in order.
     */
    static InboundKeys keys(InboundRequest request) {
        Body body = read(request);
        String chat = body.chatId() == null ? "-" : body.chatId();
        List<String> ids = body.messageIds();
        String dedup = switch (body.eventName()) {
            case "chatStarted" -> "chatStarted:" + chat;
            case "chatFragment" -> "chatFragment:" + chat + ":" + ChatraJson.digest(ids.toArray(String[]::new));
            case "chatTranscript" -> "chatTranscript:" + chat + ":" + (ids.isEmpty() ? "-" : ids.get(ids.size() - 1));
            default -> body.eventName() + ":" + body.clientId() + ":" + ChatraJson.digest(request.bodyText());
        };
        return InboundKeys.of(dedup, "client:" + body.clientId());
    }
}
