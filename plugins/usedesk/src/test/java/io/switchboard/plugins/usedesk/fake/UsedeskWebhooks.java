package io.switchboard.plugins.usedesk.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Usedesk API-channel webhooks as Usedesk POSTs them with "JSON request" ticked: a JSON body with the channel's
 * {@code secret} at the top level. The "ticket changed" shape is the one of Usedesk's API page "Requests from
 * Usedesk" and its TypeScript client: a {@code trigger} object with the change event's {@code id}, {@code ticket_id},
 * {@code user_id} (the agent; {@code null} when a rule did it), {@code trigger_id} (the rule; {@code null} when a
 * person did it), {@code data[]} of {@code {target, value, old_value}} and {@code old_status}/{@code new_status}.
 * An agent's reply that changes the status adds a {@code comment_from_agent} item to {@code data} [inf: the target
 * name is in the client's list; that it comes in the same event as the status is inferred].
 */
public final class UsedeskWebhooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final AtomicLong nextId = new AtomicLong(99_887_700);

    /** @param secret the API channel's secret (the connection's API token) */
    public UsedeskWebhooks(String secret) {
        this.secret = secret;
    }

    /**
     * @param agentId   the agent who changed it, or {@code null} for a rule
     * @param withReply whether an agent's reply came with the change
     * @return the JSON body of a "ticket changed" webhook for a status change
     */
    public String statusChanged(long ticketId, int oldStatus, int newStatus, Long agentId, boolean withReply) {
        ObjectNode root = JSON.createObjectNode();
        root.put("secret", secret);
        ObjectNode trigger = root.putObject("trigger");
        trigger.put("id", nextId.incrementAndGet());
        if (agentId == null) {
            trigger.put("trigger_id", 77);
            trigger.putNull("user_id");
        } else {
            trigger.putNull("trigger_id");
            trigger.put("user_id", agentId);
        }
        trigger.put("ticket_id", ticketId);
        ArrayNode data = trigger.putArray("data");
        data.addObject().put("target", "status_id").put("value", newStatus).put("old_value", oldStatus);
        if (withReply) {
            data.addObject().put("target", "comment_from_agent").put("value", "Done, closing.");
        }
        trigger.put("changed_at", "2024-05-02 12:00:00");
        trigger.put("old_status", oldStatus);
        trigger.put("new_status", newStatus);
        trigger.put("company_id", 153561);
        root.putArray("custom_fields");
        root.putArray("custom_blocks");
        return root.toString();
    }

    /**
     * The JSON body of a "new comment" webhook (README of the Usedesk plugin, "Vendor facts": {@code comment} with
     * {@code from} user / client / trigger, {@code type} public / private, the message as HTML).
     *
     * @param commentId the comment's id
     * @param message   the comment's HTML
     * @param agentId   the agent who wrote it, or {@code null} when the client did (by e-mail)
     * @param internal  a private comment
     */
    public String commentAdded(long ticketId, long commentId, String message, Long agentId, boolean internal) {
        ObjectNode root = JSON.createObjectNode();
        root.put("secret", secret);
        ObjectNode comment = root.putObject("comment");
        comment.put("id", commentId).put("ticket_id", ticketId).put("message", message)
                .put("type", internal ? "private" : "public").put("from", agentId == null ? "client" : "user");
        if (agentId == null) {
            comment.putNull("user_id");
            comment.put("client_id", 242630);
        } else {
            comment.put("user_id", agentId);
            comment.putNull("client_id");
        }
        comment.put("published_at", "2024-05-02 12:00:00");
        root.putObject("client").put("id", 242630).put("name", "Client");
        return root.toString();
    }
}
