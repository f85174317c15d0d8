package io.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a Zendesk webhook (README, "Vendor facts") into neutral {@link HelpdeskEvent}s. Two kinds of body arrive:
 *
 * <p><b>Event-subscribed webhooks</b> — a fixed envelope {@code {account_id, id, time, type, zendesk_event_version,
 * subject, detail, event}} [doc for the keys]. Handled types:
 * <ul>
 * <li>{@code zen:event-type:ticket.created} → {@link HelpdeskEvent.TicketCreated} from {@code detail}
 *     ({@code id}, {@code external_id}, {@code requester_id}, {@code subject});</li>
 * <li>{@code zen:event-type:ticket.status_changed} → {@link HelpdeskEvent.TicketChanged} with
 *     {@code event.previous} → {@code event.current} (UPPER-CASE in these payloads, lower-cased here);</li>
 * <li>{@code zen:event-type:ticket.agent_assignment_changed} → {@link HelpdeskEvent.TicketChanged} with the new
 *     assignee from {@code event.current} (an id, or an object with {@code id}) — [inf] this type and its
 *     {@code event} shape are not documented (README, "Inferred, to verify against a live account");</li>
 * <li>{@code zen:event-type:ticket.comment_added} → {@link HelpdeskEvent.CommentAdded} from {@code event.comment}
 *     ({@code id}, {@code body}, {@code is_public}, {@code author.{id, is_staff, name}}) — [inf] the comment's
 *     shape is not documented ("detail" content varies by event); read leniently.</li>
 * </ul>
 * Other types (user, organization events…) are skipped with a note. These payloads say nothing about whether a
 * change came with a reply or from a trigger, so {@code withReply} and {@code byAutomation} are false.
 *
 * <p><b>Trigger webhooks</b> — the body is what the admin wrote in the trigger (Liquid placeholders rendered as
 * strings). The connector understands the templates published in the plugin's README, told apart by
 * {@code event}: {@code ticket_created}, {@code ticket_updated} and
 * {@code comment_added}. A body with a {@code ticket_id} but no known {@code event} is read as
 * {@code ticket_updated}, with a note. Placeholders that rendered empty, or were left unrendered
 * ({@code {{…}}}), count as missing. A template cannot tell the previous status: when it has a
 * {@code previous_status} equal to {@code status}, the status is reported unchanged, otherwise the current status is
 * reported as the new one (with a note when there is no {@code previous_status}).
 *
 * <p>Event ids: {@code event:<envelope id>} or {@code invocation:<X-Zendesk-Webhook-Invocation-Id>}, as in
 * {@link ZendeskWebhook#keys}. Deterministic, no network calls.
 */
final class ZendeskEvents {

    private static final String TYPE_PREFIX = "zen:event-type:";

    private ZendeskEvents() {
    }

    static ParsedEvents<HelpdeskEvent> parse(InboundRequest request) {
        JsonNode root = ZendeskWebhook.tree(request);
        if (isEnvelope(root)) {
            return envelope(root);
        }
        String invocation = request.header(ZendeskWebhook.INVOCATION_ID).map(String::trim)
                .filter(s -> !s.isEmpty()).orElse(null);
        return trigger(root, invocation == null ? null : "invocation:" + invocation);
    }

    /** @return true for the fixed envelope of event-subscribed webhooks */
    static boolean isEnvelope(JsonNode root) {
        String type = text(root.path("type"));
        return type != null && type.startsWith(TYPE_PREFIX);
    }

    /** @return the ticket an envelope or template concerns, or {@code null} */
    static String ticketId(JsonNode root) {
        if (isEnvelope(root)) {
            String subject = text(root.path("subject"));
            if (subject != null && subject.startsWith("zen:ticket:")) {
                return id(subject.substring("zen:ticket:".length()));
            }
            String type = text(root.path("type"));
            return type.startsWith(TYPE_PREFIX + "ticket.") ? id(text(root.path("detail").path("id"))) : null;
        }
        return id(text(root.path("ticket_id")));
    }

    private static ParsedEvents<HelpdeskEvent> envelope(JsonNode root) {
        String type = text(root.path("type")).substring(TYPE_PREFIX.length());
        String id = text(root.path("id"));
        String eventId = id == null ? null : "event:" + id;
        String ticketId = ticketId(root);
        JsonNode detail = root.path("detail");
        JsonNode event = root.path("event");
        List<String> notes = new ArrayList<>();
        if (eventId == null) {
            notes.add("The Zendesk event has no id, so a repeated delivery cannot be recognised.");
        }
        if (type.startsWith("ticket.") && ticketId == null) {
            return ParsedEvents.skipped("Skipped a Zendesk " + type + " event that names no ticket.");
        }
        HelpdeskEvent parsed;
        switch (type) {
            case "ticket.created" -> parsed = new HelpdeskEvent.TicketCreated(eventId, ticketId,
                    text(detail.path("external_id")), id(text(detail.path("requester_id"))),
                    text(detail.path("subject")));
            case "ticket.status_changed" -> {
                String current = ZendeskMapping.statusId(text(event.path("current")));
                if (current == null) {
                    current = ZendeskMapping.statusId(text(detail.path("status")));
                }
                String previous = ZendeskMapping.statusId(text(event.path("previous")));
                if (current == null) {
                    return ParsedEvents.skipped("Skipped a Zendesk status change of ticket " + ticketId
                            + " that names no new status.");
                }
                noteUnknownStatus(current, notes);
                parsed = new HelpdeskEvent.TicketChanged(eventId, ticketId, previous, current,
                        ZendeskMapping.status(current), null, false, false);
            }
            case "ticket.agent_assignment_changed" -> {
                JsonNode current = event.path("current");
                String assignee = id(current.isObject() ? text(current.path("id")) : text(current));
                if (assignee == null) {
                    assignee = id(text(detail.path("assignee_id")));
                }
                if (assignee == null) {
                    return ParsedEvents.skipped("Skipped a Zendesk assignment change of ticket " + ticketId
                            + ": the ticket was unassigned or the new assignee is not named.");
                }
                parsed = new HelpdeskEvent.TicketChanged(eventId, ticketId, null, null, null, assignee, false, false);
            }
            case "ticket.comment_added" -> {
                JsonNode comment = event.path("comment");
                if (!comment.isObject()) {
                    comment = event;
                }
                parsed = comment(eventId, ticketId, comment, id(text(detail.path("requester_id"))), notes);
            }
            default -> {
                return ParsedEvents.skipped("Skipped a Zendesk " + type + " event: only ticket created, status"
                        + " changed, assignment changed and comment added are forwarded.");
            }
        }
        return new ParsedEvents<>(List.of(parsed), notes);
    }

    private static HelpdeskEvent comment(String eventId, String ticketId, JsonNode comment, String requesterId,
                                         List<String> notes) {
        String body = text(comment.path("body"));
        if (body == null) {
            body = text(comment.path("plain_body"));
        }
        if (body == null) {
            String html = text(comment.path("html_body"));
            body = html == null ? "" : plain(html);
        }
        JsonNode author = comment.path("author");
        String authorId = id(author.isObject() ? text(author.path("id")) : text(comment.path("author_id")));
        JsonNode staff = author.path("is_staff");
        AuthorKind kind;
        if ("-1".equals(authorId)) {
            kind = AuthorKind.SYSTEM;
            authorId = null;
        } else if (authorId != null && authorId.equals(requesterId)) {
            kind = AuthorKind.CLIENT;
        } else if (staff.isBoolean() || text(staff) != null) {
            kind = "true".equalsIgnoreCase(staff.asText()) ? AuthorKind.AGENT : AuthorKind.CLIENT;
        } else if (authorId != null) {
            kind = AuthorKind.AGENT;
            notes.add("The Zendesk comment does not say whether its author is staff; taken as an agent.");
        } else {
            kind = AuthorKind.SYSTEM;
        }
        boolean internal = isFalse(comment.path("is_public")) || isFalse(comment.path("public"));
        return new HelpdeskEvent.CommentAdded(eventId, ticketId, text(comment.path("id")), body, internal, kind,
                authorId, text(author.path("email")), text(author.path("name")));
    }

    private static ParsedEvents<HelpdeskEvent> trigger(JsonNode root, String eventId) {
        String ticketId = ticketId(root);
        String event = text(root.path("event"));
        List<String> notes = new ArrayList<>();
        if (ticketId == null) {
            return ParsedEvents.skipped("Skipped a Zendesk webhook that is neither a Zendesk event nor a trigger"
                    + " payload with a ticket_id.");
        }
        if (eventId == null) {
            notes.add("The Zendesk webhook has no invocation id, so a repeated delivery cannot be recognised.");
        }
        String kind = event == null ? "" : event.toLowerCase(Locale.ROOT);
        HelpdeskEvent parsed;
        switch (kind) {
            case "ticket_created" -> parsed = new HelpdeskEvent.TicketCreated(eventId, ticketId,
                    text(root.path("external_id")), id(text(root.path("requester_id"))), text(root.path("subject")));
            case "comment_added" -> {
                String authorId = id(text(root.path("author_id")));
                String requester = id(text(root.path("requester_id")));
                AuthorKind author = authorId == null ? AuthorKind.SYSTEM
                        : authorId.equals(requester) ? AuthorKind.CLIENT : AuthorKind.AGENT;
                String body = text(root.path("comment"));
                if (body == null) {
                    body = text(root.path("latest_comment"));
                }
                parsed = new HelpdeskEvent.CommentAdded(eventId, ticketId, text(root.path("comment_id")),
                        body == null ? "" : body, isFalse(root.path("comment_public")), author, authorId,
                        text(root.path("author_email")), text(root.path("author_name")));
            }
            default -> {
                if (!"ticket_updated".equals(kind)) {
                    notes.add("The Zendesk webhook's event is " + (event == null ? "missing" : "\"" + event + "\"")
                            + "; read as a ticket update.");
                }
                String status = ZendeskMapping.statusId(text(root.path("status")));
                String previous = ZendeskMapping.statusId(text(root.path("previous_status")));
                if (status != null && status.equals(previous)) {
                    status = null;
                    previous = null;
                } else if (status != null && previous == null) {
                    notes.add("The Zendesk webhook gives no previous_status, so the current status is reported as"
                            + " changed.");
                }
                if (status != null) {
                    noteUnknownStatus(status, notes);
                }
                parsed = new HelpdeskEvent.TicketChanged(eventId, ticketId, previous, status,
                        status == null ? null : ZendeskMapping.status(status), id(text(root.path("assignee_id"))),
                        false, false);
            }
        }
        return new ParsedEvents<>(List.of(parsed), notes);
    }

    private static void noteUnknownStatus(String status, List<String> notes) {
        if (ZendeskMapping.STATUSES.stream().noneMatch(s -> s.id().equals(status))) {
            notes.add("\"" + status + "\" is not one of Zendesk's six statuses (a translated label?); its meaning is"
                    + " unknown.");
        }
    }

    private static boolean isFalse(JsonNode node) {
        return "false".equalsIgnoreCase(text(node));
    }

    /**
     * @return the value as text; {@code null} when missing, blank, or an unrendered Liquid placeholder
     *         ({@code {{ticket.assignee.id}}})
     */
    static String text(JsonNode node) {
        String text = ZendeskMapping.text(node);
        return text == null || (text.startsWith("{{") && text.endsWith("}}")) ? null : text;
    }

    /** @return an id, where none may be written as null, blank, "null", 0 or a non-number; {@code null} then */
    private static String id(String text) {
        if (text == null || "null".equals(text) || "0".equals(text)) {
            return null;
        }
        String trimmed = text.trim();
        return trimmed.matches("-?\\d{1,19}") ? trimmed : null;
    }

    /** The text of a comment's HTML: line breaks for {@code <br>} and block ends, tags removed, entities decoded. */
    static String plain(String html) {
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div|li|h[1-6])>", "\n")
                .replaceAll("<[^>]*>", "");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#039;", "'");
        return text.replace("&amp;", "&").strip();
    }
}
