package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.helpdesk.TicketUpdate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tickets, notes, agents and statuses. ${connectorName} keeps no idempotency key of ours, so a ticket carries the
 * platform's key as a tag ({@value #KEY_TAG_PREFIX}…) and a retry finds it among the requester's tickets.
 */
final class ${classPrefix}Tickets {

    static final String KEY_TAG_PREFIX = "switchboard-";

    /** ${connectorName}'s fixed statuses (a helpdesk with custom statuses would read them from its API). */
    static final List<TicketStatusOption> STATUSES = List.of(
            new TicketStatusOption("2", "Open", TicketStatus.OPEN),
            new TicketStatusOption("3", "Pending", TicketStatus.PENDING),
            new TicketStatusOption("4", "Resolved", TicketStatus.RESOLVED),
            new TicketStatusOption("5", "Closed", TicketStatus.CLOSED));

    private ${classPrefix}Tickets() {
    }

    static Ticket create(TicketDraft draft, ConnectorContext ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", draft.subject());
        body.put("description", escape(draft.body()).replace("\n", "<br>"));
        body.put("status", draft.statusId() == null ? 2 : number(draft.statusId(), "status"));
        body.put("priority", 1);
        if (draft.clientId() != null) {
            body.put("requester_id", number(draft.clientId(), "client id"));
        }
        if (draft.assigneeId() != null) {
            body.put("responder_id", number(draft.assigneeId(), "agent id"));
        }
        List<String> tags = new ArrayList<>(draft.tags());
        if (draft.externalId() != null) {
            tags.add(KEY_TAG_PREFIX + draft.externalId());
        }
        body.put("tags", tags);
        return ticket(${classPrefix}Api.send(ctx, "POST", "api/v2/tickets", body, "create a ticket"), ctx);
    }

    static ExternalRef addComment(String ticketId, CommentDraft comment, ConnectorContext ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("body", escape(comment.body()).replace("\n", "<br>"));
        body.put("private", comment.internal());
        JsonNode note = ${classPrefix}Api.send(ctx, "POST", "api/v2/tickets/" + ${classPrefix}Clients.encode(ticketId)
                + "/notes", body, "add a note");
        String id = ${classPrefix}Api.text(note.path("id"));
        if (id == null) {
            throw new PermanentVendorException("${connectorName} answered with a note without an id");
        }
        return new ExternalRef(ExternalRef.EntityType.COMMENT, id, null);
    }

    static List<Ticket> find(TicketQuery query, ConnectorContext ctx) {
        JsonNode tickets = ${classPrefix}Api.get(ctx, "api/v2/tickets?order_by=updated_at&requester_id="
                + ${classPrefix}Clients.encode(query.clientId()), "list the client's tickets");
        List<Ticket> found = new ArrayList<>();
        for (JsonNode node : tickets) {
            Ticket ticket = ticket(node, ctx);
            if (query.statusIds().isEmpty() || query.statusIds().contains(ticket.statusId())) {
                found.add(ticket);
            }
        }
        return found.subList(0, Math.min(found.size(), Math.max(query.limit(), 0)));
    }

    static Optional<Ticket> findByExternalId(String externalId, String clientId, ConnectorContext ctx) {
        if (clientId == null) {
            return Optional.empty();
        }
        JsonNode tickets = ${classPrefix}Api.get(ctx, "api/v2/tickets?requester_id="
                + ${classPrefix}Clients.encode(clientId), "list the client's tickets");
        for (JsonNode node : tickets) {
            for (JsonNode tag : node.path("tags")) {
                if ((KEY_TAG_PREFIX + externalId).equals(tag.asText())) {
                    return Optional.of(ticket(node, ctx));
                }
            }
        }
        return Optional.empty();
    }

    static void update(String ticketId, TicketUpdate update, ConnectorContext ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (update.statusId() != null) {
            body.put("status", number(update.statusId(), "status"));
        }
        if (update.assigneeId() != null) {
            body.put("responder_id", number(update.assigneeId(), "agent id"));
        }
        if (!update.addTags().isEmpty()) {
            body.put("tags", update.addTags());
        }
        if (!body.isEmpty()) {
            ${classPrefix}Api.send(ctx, "PUT", "api/v2/tickets/" + ${classPrefix}Clients.encode(ticketId), body,
                    "update a ticket");
        }
    }

    static List<Agent> agents(ConnectorContext ctx) {
        List<Agent> agents = new ArrayList<>();
        for (JsonNode agent : ${classPrefix}Api.get(ctx, "api/v2/agents", "list agents")) {
            agents.add(new Agent(agent.path("id").asText(), ${classPrefix}Api.text(agent.path("contact").path("name")),
                    ${classPrefix}Api.text(agent.path("contact").path("email")),
                    agent.path("available").asBoolean(true)));
        }
        return agents;
    }

    static TicketStatus meaning(String statusId) {
        return STATUSES.stream().filter(s -> s.id().equals(statusId)).map(TicketStatusOption::meaning).findFirst()
                .orElse(TicketStatus.OTHER);
    }

    private static Ticket ticket(JsonNode node, ConnectorContext ctx) {
        String id = ${classPrefix}Api.text(node.path("id"));
        if (id == null) {
            throw new PermanentVendorException("${connectorName} answered with a ticket without an id");
        }
        String status = ${classPrefix}Api.text(node.path("status"));
        String externalId = null;
        for (JsonNode tag : node.path("tags")) {
            if (tag.asText().startsWith(KEY_TAG_PREFIX)) {
                externalId = tag.asText().substring(KEY_TAG_PREFIX.length());
            }
        }
        String url = ${classPrefix}Settings.from(ctx.config()).resolve("a/tickets/" + id).toString();
        return new Ticket(id, id, ${classPrefix}Api.text(node.path("subject")), status, meaning(status),
                ${classPrefix}Api.text(node.path("requester_id")), ${classPrefix}Api.text(node.path("responder_id")),
                externalId, url, instant(${classPrefix}Api.text(node.path("updated_at"))));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** ${connectorName}'s ids are numbers; anything else is a mistake no retry fixes. */
    private static long number(String id, String what) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new PermanentVendorException("${connectorName} " + what + "s are numbers, not '" + id + "'", e);
        }
    }

    /** ${connectorName} takes HTML descriptions and notes: the platform's plain text is escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
