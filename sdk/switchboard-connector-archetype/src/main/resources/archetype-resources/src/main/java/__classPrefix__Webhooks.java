package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.SharedSecret;
import java.io.IOException;
import java.util.List;

/**
 * Webhooks of ${connectorName}'s automation rules. The tenant sets up a rule per event with the action "Trigger
 * webhook", POST to the connection's inbound URL, the header {@code Authorization: Bearer <webhook token>}, and a
 * JSON body with the placeholders of the README ("Webhooks"): {@code event} (ticket_created, note_added,
 * status_changed), {@code ticket_id} and the event's fields. The platform never stores the Authorization header.
 */
final class ${classPrefix}Webhooks {

    private ${classPrefix}Webhooks() {
    }

    /** With a webhook token configured, the request must carry it (compared in constant time). */
    static void verify(InboundRequest request, ConnectorContext ctx) {
        String expected = ${classPrefix}Settings.from(ctx.config()).webhookToken();
        if (expected == null) {
            return;   // the connection's unguessable URL is the only proof the tenant chose
        }
        String given = request.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip()).orElse(null);
        SharedSecret.require(expected, given, "bearer token");
    }

    /** Dedup: the event, its ticket and what identifies it; ordering: the ticket. */
    static InboundKeys keys(InboundRequest request) {
        JsonNode body = body(request);
        String event = ${classPrefix}Api.text(body.path("event"));
        String ticket = ${classPrefix}Api.text(body.path("ticket_id"));
        if (event == null || ticket == null) {
            throw WebhookRejectedException.malformed("not a ${connectorName} webhook: no 'event' or 'ticket_id'");
        }
        return InboundKeys.of(dedupKey(event, ticket, body), ticket);
    }

    static ParsedEvents<HelpdeskEvent> parse(InboundRequest request) {
        JsonNode body = body(request);
        String event = ${classPrefix}Api.text(body.path("event"));
        String ticket = ${classPrefix}Api.text(body.path("ticket_id"));
        if (event == null || ticket == null) {
            return ParsedEvents.skipped("Not a ${connectorName} webhook: no 'event' or 'ticket_id'.");
        }
        String id = dedupKey(event, ticket, body);
        switch (event) {
            case "ticket_created":
                return ParsedEvents.of(List.of(new HelpdeskEvent.TicketCreated(id, ticket, null,
                        ${classPrefix}Api.text(body.path("requester_id")), ${classPrefix}Api.text(body.path("subject")))));
            case "note_added":
                boolean fromRequester = body.path("from_requester").asBoolean(false);
                return ParsedEvents.of(List.of(new HelpdeskEvent.CommentAdded(id, ticket,
                        ${classPrefix}Api.text(body.path("note_id")), plain(${classPrefix}Api.text(body.path("body"))),
                        body.path("private").asBoolean(false), fromRequester ? AuthorKind.CLIENT : AuthorKind.AGENT,
                        null, ${classPrefix}Api.text(body.path("author_email")),
                        ${classPrefix}Api.text(body.path("author_name")))));
            case "status_changed":
                String status = ${classPrefix}Api.text(body.path("status"));
                return ParsedEvents.of(List.of(new HelpdeskEvent.TicketChanged(id, ticket,
                        ${classPrefix}Api.text(body.path("old_status")), status,
                        status == null ? null : ${classPrefix}Tickets.meaning(status), null, false, false)));
            default:
                return ParsedEvents.skipped("${connectorName} event '" + event + "' is not forwarded.");
        }
    }

    private static String dedupKey(String event, String ticket, JsonNode body) {
        String detail = switch (event) {
            case "note_added" -> ${classPrefix}Api.text(body.path("note_id"));
            case "status_changed" -> ${classPrefix}Api.text(body.path("status")) + "@"
                    + ${classPrefix}Api.text(body.path("changed_at"));
            default -> null;
        };
        return event + ":" + ticket + (detail == null ? "" : ":" + detail);
    }

    private static JsonNode body(InboundRequest request) {
        try {
            JsonNode node = ${classPrefix}Api.JSON.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw WebhookRejectedException.malformed("the body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw WebhookRejectedException.malformed("the body is not valid JSON");
        }
    }

    /** Notes arrive as HTML: tags dropped, line breaks kept, the usual entities decoded. */
    private static String plain(String html) {
        if (html == null) {
            return "";
        }
        return html.replaceAll("(?i)<br\\s*/?>|</p>", "\n").replaceAll("<[^>]*>", "").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&").strip();
    }
}
