package io.switchboard.plugins.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the platform needs from a Usedesk API-channel webhook before storing it (README, "Vendor facts"). The
 * body is JSON when "JSON request" is ticked in the channel, else a PHP-style form ({@code ticket[id]=…}); both
 * are accepted. Numbers may arrive as strings.
 */
final class UsedeskWebhook {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UsedeskWebhook() {
    }

    /** @return the top-level {@code secret} field (Usedesk's only authenticity proof), if present */
    static Optional<String> secret(InboundRequest request) {
        if (isForm(request)) {
            return Optional.ofNullable(request.formFields().get("secret")).filter(s -> !s.isEmpty());
        }
        return Optional.ofNullable(json(request).get("secret")).map(JsonNode::asText).filter(s -> !s.isEmpty());
    }

    /**
     * Dedup key by event kind — change event id, comment id, new-ticket id (prefixed, as they are different id
     * spaces) — and the ticket id as ordering key, so the events of one ticket are handled in order.
     *
     * @throws WebhookRejectedException 400 when the body is neither JSON nor a form, or names no known event
     */
    static InboundKeys keys(InboundRequest request) {
        Map<String, String> f = isForm(request) ? request.formFields() : null;
        if (f != null) {
            return keys(f.get("trigger[id]"), f.get("trigger[ticket_id]"), f.get("comment[id]"),
                    f.get("comment[ticket_id]"), f.get("ticket[id]"), f.get("ticket_id"), f.get("id"));
        }
        JsonNode root = json(request);
        JsonNode trigger = root.path("trigger");
        JsonNode comment = root.path("comment");
        JsonNode ticket = root.path("ticket");
        return keys(text(trigger.path("id")), text(trigger.path("ticket_id")), text(comment.path("id")),
                text(comment.path("ticket_id")), text(ticket.path("id")), text(root.path("ticket_id")),
                text(root.path("id")));
    }

    private static InboundKeys keys(String triggerId, String triggerTicket, String commentId, String commentTicket,
                                    String ticketId, String flatTicketId, String flatId) {
        if (triggerId != null) {
            return InboundKeys.of("trigger:" + triggerId, triggerTicket);
        }
        if (commentId != null) {
            return InboundKeys.of("comment:" + commentId, commentTicket);
        }
        if (ticketId != null) {
            return InboundKeys.of("ticket:" + ticketId, ticketId);
        }
        if (flatTicketId != null) {
            // A change event with its fields at the top level (the documented flat variant).
            return InboundKeys.of(flatId == null ? null : "trigger:" + flatId, flatTicketId);
        }
        throw WebhookRejectedException.malformed("not a Usedesk ticket, comment or change event");
    }

    /**
     * @return the body as one JSON tree: a JSON body as is; a PHP-style form ({@code trigger[data][0][target]=…})
     *         as nested objects, list indexes becoming object keys (so readers iterate {@code data} the same way
     *         in both), all values strings
     * @throws WebhookRejectedException 400 when a JSON body is not a JSON object
     */
    static JsonNode tree(InboundRequest request) {
        if (!isForm(request)) {
            return json(request);
        }
        ObjectNode root = JSON.createObjectNode();
        request.formFields().forEach((name, value) -> {
            String[] path = name.replace("]", "").split("\\[");
            if (path.length == 0) {
                return;   // a part named "[]" or "[" names no field (found by the contract suite's broken bodies)
            }
            ObjectNode parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
            }
            parent.put(path[path.length - 1], value);
        });
        return root;
    }

    private static boolean isForm(InboundRequest request) {
        return "application/x-www-form-urlencoded".equals(request.mediaType());
    }

    private static JsonNode json(InboundRequest request) {
        try {
            JsonNode node = JSON.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw WebhookRejectedException.malformed("the body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw WebhookRejectedException.malformed("the body is not valid JSON");
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
