package io.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketUpdate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tickets and comments on Zendesk (README, "Vendor facts"): create with {@code POST /api/v2/tickets}, read a
 * requester's tickets with {@code GET /api/v2/users/{id}/tickets/requested}, find by idempotency key with
 * {@code GET /api/v2/tickets?external_id=…}, and comment or change through {@code PUT /api/v2/tickets/{id}}.
 *
 * <p>Lookups deliberately avoid the search API: its index lags behind writes, so a ticket created a
 * minute ago by the previous call of the same client would not be found, and a retry would not see the ticket its
 * first attempt created. The list endpoints read the database.
 */
final class ZendeskTickets {

    /** Pages of a ticket's comments {@link #findComment} reads, newest first (100 each). */
    private static final int COMMENT_PAGES = 3;

    /** A requester's tickets are read up to this many pages of 100 (then filtered and sorted here). */
    static final int REQUESTED_PAGES = 20;

    private final ZendeskApi api;

    ZendeskTickets(ZendeskApi api) {
        this.api = api;
    }

    /**
     * {@code POST /api/v2/tickets} with subject, first comment ({@code public} unless the draft's body is internal),
     * requester, organization, assignee, priority and type (same names at Zendesk), tags, custom fields and the
     * idempotency key as {@code external_id} and as the {@code Idempotency-Key} header (a retry after a lost answer
     * gets the ticket created the first time, see {@link ZendeskApi#postOnce}). Without a status Zendesk's default applies: {@code new}, or
     * {@code open} when an assignee is set (Zendesk does not keep assigned tickets new). Zendesk requires a first
     * comment: when the draft's body is empty, the subject is used. Participants and templates have no counterpart
     * here and are not sent.
     *
     * @return the ticket as Zendesk stored it, with its agent-UI link
     */
    Ticket create(TicketDraft draft) {
        ObjectNode ticket = ZendeskApi.JSON.createObjectNode().put("subject", draft.subject());
        ticket.putObject("comment").put("body", draft.body().isBlank() ? draft.subject() : draft.body())
                .put("public", !draft.bodyInternal());
        if (draft.clientId() != null) {
            ZendeskMapping.putId(ticket, "requester_id", draft.clientId());
        }
        if (draft.organizationId() != null) {
            ZendeskMapping.putId(ticket, "organization_id", draft.organizationId());
        }
        if (draft.assigneeId() != null) {
            ZendeskMapping.putId(ticket, "assignee_id", draft.assigneeId());
        }
        if (draft.priority() != null) {
            ticket.put("priority", ZendeskMapping.priority(draft.priority()));
        }
        if (draft.type() != null) {
            ticket.put("type", ZendeskMapping.type(draft.type()));
        }
        if (draft.statusId() != null) {
            ticket.put("status", ZendeskMapping.settableStatus(draft.statusId()));
        }
        if (!draft.tags().isEmpty()) {
            ArrayNode tags = ticket.putArray("tags");
            draft.tags().stream().filter(t -> t != null && !t.isBlank()).forEach(tags::add);
        }
        if (!draft.customFields().isEmpty()) {
            ZendeskMapping.putTicketFields(ticket, draft.customFields());
        }
        if (draft.externalId() != null && !draft.externalId().isBlank()) {
            ticket.put("external_id", draft.externalId());
        }
        ObjectNode body = ZendeskApi.JSON.createObjectNode();
        body.set("ticket", ticket);
        JsonNode created = api.postOnce("tickets", body, draft.externalId(), "create a ticket").path("ticket");
        if (ZendeskMapping.idText(created.path("id")) == null) {
            throw new PermanentVendorException("Could not create a ticket: Zendesk's answer has no ticket id");
        }
        return ticket(created);
    }

    /**
     * The requester's tickets ({@code /users/{id}/tickets/requested}, cursor-paginated, at most
     * {@value #REQUESTED_PAGES} pages), filtered by status here, newest (highest id) first, cut to the limit. Sorting
     * is done here because Zendesk is reported to ignore sort parameters under cursor pagination; a requester with
     * more than {@value #REQUESTED_PAGES}00 tickets may have the newest ones missed ([inf] the order of this list
     * is not documented).
     */
    List<Ticket> find(TicketQuery query) {
        long requester = ZendeskMapping.id(query.clientId(), "requester id");
        Set<String> statuses = query.statusIds().stream().map(ZendeskMapping::statusId).collect(Collectors.toSet());
        return api.list("users/" + requester + "/tickets/requested", "tickets", REQUESTED_PAGES, "find tickets")
                .stream()
                .filter(t -> ZendeskMapping.idText(t.path("id")) != null)
                .filter(t -> statuses.isEmpty() || statuses.contains(ZendeskMapping.statusId(
                        ZendeskMapping.text(t.path("status")))))
                .sorted(Comparator.comparingLong((JsonNode t) -> t.path("id").asLong()).reversed())
                .limit(query.limit())
                .map(this::ticket)
                .toList();
    }

    /**
     * {@code GET /api/v2/tickets?external_id=…} (Zendesk: "external_id is free text … use it as your dedup key"). Of
     * several tickets with the key, one whose requester is {@code clientId} is preferred, then the newest. The
     * client is not needed to search.
     */
    Optional<Ticket> findByExternalId(String externalId, String clientId) {
        if (externalId == null || externalId.isBlank()) {
            return Optional.empty();
        }
        JsonNode answer = api.get("tickets?" + ZendeskApi.query(ZendeskApi.params("external_id", externalId)),
                "find a ticket by its idempotency key");
        List<JsonNode> found = new java.util.ArrayList<>();
        answer.path("tickets").forEach(t -> {
            if (ZendeskMapping.idText(t.path("id")) != null && externalId.equals(ZendeskMapping.text(t.path("external_id")))) {
                found.add(t);
            }
        });
        return found.stream()
                .max(Comparator.comparing((JsonNode t) -> clientId != null
                                && clientId.equals(ZendeskMapping.idText(t.path("requester_id"))))
                        .thenComparingLong(t -> t.path("id").asLong()))
                .map(this::ticket);
    }

    /**
     * The comment made from this draft earlier: {@code GET /api/v2/tickets/{id}/comments?sort_order=desc} (List
     * Comments, newest first, at most {@value #COMMENT_PAGES} pages) and the first whose {@code plain_body} — else
     * {@code body} — equals the draft's text, whitespace collapsed. Zendesk keeps no idempotency key on a comment,
     * so two comments with the same text are one to this lookup (README, "Vendor facts").
     */
    Optional<ExternalRef> findComment(String ticketId, CommentDraft draft) {
        long id = ZendeskMapping.id(ticketId, "ticket id");
        String wanted = comparable(draft.body());
        for (JsonNode comment : api.list("tickets/" + id + "/comments?sort_order=desc", "comments", COMMENT_PAGES,
                "read a ticket's comments")) {
            String text = ZendeskMapping.text(comment.path("plain_body"));
            if (text == null) {
                text = ZendeskMapping.text(comment.path("body"));
            }
            String commentId = ZendeskMapping.idText(comment.path("id"));
            if (text != null && commentId != null && wanted.equals(comparable(text))) {
                return Optional.of(new ExternalRef(ExternalRef.EntityType.COMMENT, commentId,
                        api.settings().ticketUrl(ticketId.trim())));
            }
        }
        return Optional.empty();
    }

    private static String comparable(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * A comment is added through a ticket update: {@code PUT /api/v2/tickets/{id}} with
     * {@code ticket.comment = {body, public, author_id}}. An internal note is {@code public:false}, everything else
     * {@code public:true} (sent explicitly, whatever Zendesk's default). Author: the given agent; for text written by
     * the client, the ticket's requester (read first with {@code GET /api/v2/tickets/{id}}); otherwise the API
     * token's agent. The comment's idempotency key has no place at Zendesk and is not sent.
     *
     * @return the comment's id from the update's audit ({@code audit.events[type=Comment].id}); [inf] when the audit
     *         names none, the audit id prefixed {@code audit:}; the link is the ticket's
     */
    ExternalRef comment(String ticketId, CommentDraft draft) {
        long id = ZendeskMapping.id(ticketId, "ticket id");
        ObjectNode comment = ZendeskApi.JSON.createObjectNode().put("body", draft.body())
                .put("public", !draft.internal());
        if (draft.authorAgentId() != null) {
            ZendeskMapping.putId(comment, "author_id", draft.authorAgentId());
        } else if (draft.fromClient()) {
            String requester = ZendeskMapping.idText(api.get("tickets/" + id, "read a ticket").path("ticket")
                    .path("requester_id"));
            if (requester != null) {
                comment.put("author_id", Long.parseLong(requester));
            }
        }
        ObjectNode ticket = ZendeskApi.JSON.createObjectNode();
        ticket.set("comment", comment);
        ObjectNode body = ZendeskApi.JSON.createObjectNode();
        body.set("ticket", ticket);
        JsonNode answer = api.put("tickets/" + id, body, "add a comment");
        String commentId = null;
        for (JsonNode event : answer.path("audit").path("events")) {
            if ("Comment".equals(event.path("type").asText()) && ZendeskMapping.idText(event.path("id")) != null) {
                commentId = event.path("id").asText();
                break;
            }
        }
        if (commentId == null) {
            String audit = ZendeskMapping.idText(answer.path("audit").path("id"));
            if (audit == null) {
                throw new PermanentVendorException("Could not add a comment: Zendesk's answer names neither the"
                        + " comment nor the change");
            }
            commentId = "audit:" + audit;
        }
        return new ExternalRef(ExternalRef.EntityType.COMMENT, commentId, api.settings().ticketUrl(ticketId.trim()));
    }

    /**
     * {@code PUT /api/v2/tickets/{id}} with only what the update sets: {@code assignee_id}, {@code status} (one of
     * new/open/pending/hold/solved; closed cannot be set), {@code priority} and {@code custom_fields}; then, when it
     * adds tags, {@code PUT /api/v2/tickets/{id}/tags} with {@code {"tags":[…]}} — Zendesk's "Add Tags", which keeps
     * the ticket's other tags (README, "Vendor facts": {@code tags} on the ticket update would replace them, and
     * {@code additional_tags} is documented only for Update Many Tickets). No call when nothing is set. A closed
     * ticket cannot be updated: Zendesk refuses it (422), which becomes a {@link PermanentVendorException} with
     * Zendesk's words. Both calls set absolute values, so a retry after a partial failure repeats them harmlessly.
     */
    void update(String ticketId, TicketUpdate update) {
        long id = ZendeskMapping.id(ticketId, "ticket id");
        ObjectNode ticket = ZendeskApi.JSON.createObjectNode();
        if (update.assigneeId() != null) {
            ZendeskMapping.putId(ticket, "assignee_id", update.assigneeId());
        }
        if (update.statusId() != null) {
            ticket.put("status", ZendeskMapping.settableStatus(update.statusId()));
        }
        if (update.priority() != null) {
            ticket.put("priority", ZendeskMapping.priority(update.priority()));
        }
        if (!update.customFields().isEmpty()) {
            ZendeskMapping.putTicketFields(ticket, update.customFields());
        }
        if (!ticket.isEmpty()) {
            ObjectNode body = ZendeskApi.JSON.createObjectNode();
            body.set("ticket", ticket);
            api.put("tickets/" + id, body, "update a ticket");
        }
        List<String> tags = update.addTags().stream().filter(t -> t != null && !t.isBlank()).distinct().toList();
        if (!tags.isEmpty()) {
            ObjectNode body = ZendeskApi.JSON.createObjectNode();
            ArrayNode array = body.putArray("tags");
            tags.forEach(array::add);
            api.put("tickets/" + id + "/tags", body, "add tags to a ticket");
        }
    }

    private Ticket ticket(JsonNode node) {
        String id = node.path("id").asText();
        String statusId = ZendeskMapping.statusId(ZendeskMapping.text(node.path("status")));
        String subject = ZendeskMapping.text(node.path("subject"));
        if (subject == null) {
            subject = node.path("raw_subject").asText("");
        }
        return new Ticket(id, null, subject, statusId, ZendeskMapping.status(statusId),
                ZendeskMapping.idText(node.path("requester_id")), ZendeskMapping.idText(node.path("assignee_id")),
                ZendeskMapping.text(node.path("external_id")), api.settings().ticketUrl(id),
                ZendeskMapping.instant(node.path("updated_at")));
    }
}
