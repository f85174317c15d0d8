package io.switchboard.plugins.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a Usedesk API-channel webhook (README, "Vendor facts") into a neutral {@link HelpdeskEvent}. The kind is
 * told as the vendor's TypeScript client does: {@code chat_id} → chat event (skipped), {@code trigger} (or
 * {@code ticket_id} + {@code data} at the top level, the documented flat form) → ticket changed, {@code comment} →
 * comment added, {@code csi} → rating (skipped), {@code ticket} → ticket created. Numbers may be strings; JSON and
 * form bodies read the same (see {@link UsedeskWebhook#tree}). Event ids carry the kind as prefix, as in
 * {@link UsedeskWebhook#keys}, since the three id spaces overlap. Deterministic, no network calls.
 */
final class UsedeskEvents {

    /** Change targets the neutral event carries; the others are listed in a note. */
    private static final Set<String> MAPPED_TARGETS = Set.of("status_id", "assignee_id", "comment_from_agent");

    private UsedeskEvents() {
    }

    static ParsedEvents<HelpdeskEvent> parse(InboundRequest request) {
        JsonNode root = UsedeskWebhook.tree(request);
        if (text(root.path("chat_id")) != null) {
            return ParsedEvents.skipped("Skipped a Usedesk chat event (chat " + text(root.path("chat_id"))
                    + "): chat channels are not handled through the API channel webhook.");
        }
        if (root.path("trigger").isObject()) {
            return changed(root.path("trigger"));
        }
        if (text(root.path("ticket_id")) != null && root.has("data")) {
            return changed(root);
        }
        if (root.path("comment").isObject()) {
            return ParsedEvents.of(List.of(comment(root.path("comment"), root.path("client"))));
        }
        if (root.path("csi").isObject()) {
            return ParsedEvents.skipped("Skipped a Usedesk satisfaction rating (CSI) for ticket "
                    + text(root.path("csi").path("ticket_id")) + ": ratings are not forwarded.");
        }
        if (root.path("ticket").isObject()) {
            return ParsedEvents.of(List.of(created(root.path("ticket"), root.path("client"))));
        }
        return ParsedEvents.skipped("Skipped a Usedesk webhook that is neither a new ticket, a new comment nor a"
                + " ticket change.");
    }

    /**
     * A new ticket. Its custom fields (inside {@code ticket} in the official example, at the top level in the TS
     * client) have no place in the neutral event and are not read.
     */
    private static HelpdeskEvent created(JsonNode ticket, JsonNode client) {
        String id = text(ticket.path("id"));
        String clientId = id(ticket.path("client_id"));
        return new HelpdeskEvent.TicketCreated("ticket:" + id, id, text(ticket.path("additional_id")),
                clientId != null ? clientId : id(client.path("id")), text(ticket.path("subject")));
    }

    /**
     * A new comment: {@code from} tells the author (user → agent, client → client, trigger → system; when it is
     * missing, a {@code user_id} means an agent); {@code type} private → internal. The client's e-mail and name
     * come from the {@code client} object for client comments; agents' are not in the payload.
     */
    private static HelpdeskEvent comment(JsonNode comment, JsonNode client) {
        String from = text(comment.path("from"));
        String userId = id(comment.path("user_id"));
        AuthorKind author = from == null ? (userId != null ? AuthorKind.AGENT : AuthorKind.CLIENT)
                : switch (from) {
                    case "user" -> AuthorKind.AGENT;
                    case "client" -> AuthorKind.CLIENT;
                    default -> AuthorKind.SYSTEM;
                };
        String authorId = null;
        String email = null;
        String name = null;
        if (author == AuthorKind.AGENT) {
            authorId = userId;
        } else if (author == AuthorKind.CLIENT) {
            authorId = id(comment.path("client_id")) != null ? id(comment.path("client_id")) : id(client.path("id"));
            email = firstEmail(client.path("emails"));
            name = text(client.path("name"));
        }
        String id = text(comment.path("id"));
        return new HelpdeskEvent.CommentAdded("comment:" + id, text(comment.path("ticket_id")), id,
                plain(comment.path("message").asText("")), "private".equals(text(comment.path("type"))), author,
                authorId, email, name);
    }

    /**
     * A change event. Status and assignee come from {@code data} ({@code target}, {@code value},
     * {@code old_value}), the status also from {@code old_status}/{@code new_status} when they differ. The change
     * came with an agent reply when {@code data} has a {@code comment_from_agent} target; it was automatic when a
     * rule ({@code trigger_id}) made it or no agent ({@code user_id}) did.
     */
    private static ParsedEvents<HelpdeskEvent> changed(JsonNode trigger) {
        String oldStatus = null;
        String newStatus = null;
        String newAssignee = null;
        boolean withReply = false;
        Set<String> unmapped = new TreeSet<>();
        for (JsonNode change : trigger.path("data")) {
            String target = text(change.path("target"));
            if ("status_id".equals(target)) {
                oldStatus = text(change.path("old_value"));
                newStatus = text(change.path("value"));
            } else if ("assignee_id".equals(target)) {
                newAssignee = id(change.path("value"));
            } else if ("comment_from_agent".equals(target)) {
                withReply = true;
            }
            if (target != null && !MAPPED_TARGETS.contains(target)) {
                unmapped.add(target);
            }
        }
        if (newStatus == null) {
            String before = text(trigger.path("old_status"));
            String after = text(trigger.path("new_status"));
            if (after != null && !after.equals(before)) {
                oldStatus = before;
                newStatus = after;
            }
        }
        boolean byAutomation = id(trigger.path("trigger_id")) != null || id(trigger.path("user_id")) == null;
        String eventId = text(trigger.path("id"));
        List<String> notes = new ArrayList<>();
        if (eventId == null) {
            notes.add("The Usedesk change event has no id, so a repeated delivery cannot be recognised.");
        }
        if (!unmapped.isEmpty()) {
            notes.add("Usedesk change targets not forwarded: " + String.join(", ", unmapped) + ".");
        }
        HelpdeskEvent event = new HelpdeskEvent.TicketChanged(eventId == null ? null : "trigger:" + eventId,
                text(trigger.path("ticket_id")), oldStatus, newStatus,
                newStatus == null ? null : UsedeskMapping.status(newStatus), newAssignee, withReply, byAutomation);
        return new ParsedEvents<>(List.of(event), notes);
    }

    private static String firstEmail(JsonNode emails) {
        for (JsonNode email : emails) {
            String address = email.isObject() ? text(email.path("email")) : text(email);
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    /**
     * The text of a comment's HTML: line breaks for {@code <br>} and block ends, tags removed, the common
     * entities decoded.
     */
    static String plain(String html) {
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div|li|h[1-6])>", "\n")
                .replaceAll("<[^>]*>", "");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#039;", "'");
        // &amp; last, so "&amp;lt;" becomes the text "&lt;" and not "<".
        return text.replace("&amp;", "&").strip();
    }

    private static String text(JsonNode node) {
        return UsedeskMapping.text(node);
    }

    /** An id, where Usedesk may write "none" as null, {@code "null"} or 0. */
    private static String id(JsonNode node) {
        String text = text(node);
        return text == null || "null".equals(text) || "0".equals(text) ? null : text;
    }
}
