package io.switchboard.plugins.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Ticket and comment operations on Usedesk (README, "Vendor facts"): {@code /create/ticket},
 * {@code /tickets}, {@code /ticket}, {@code /create/comment}, {@code /update/ticket}.
 */
final class UsedeskTickets {

    /** {@code /tickets} answers at most this many per page; {@code offset} is the page number. */
    static final int PAGE_SIZE = 100;

    /**
     * How many of a client's newest tickets {@link #findByExternalId} reads: flows ask only after a ticket creation
     * whose answer was lost moments before, so the ticket is among the client's newest; each candidate costs one
     * {@code /ticket} call. A client who got more tickets in between is not searched further (the flow then creates
     * the ticket again): ten reads rather than up to two hundred against Usedesk's rate limit.
     */
    static final int EXTERNAL_ID_CANDIDATES = 10;

    private final UsedeskApi api;

    UsedeskTickets(UsedeskApi api) {
        this.api = api;
    }

    /**
     * {@code /create/ticket}. The body is escaped to HTML; {@code status} is always sent (the draft's or 8,
     * "New"); {@code additional_id} carries the external id for {@link #findByExternalId}; custom fields go as
     * {@code lists:[{id, value}]}. Organization, participants and template have no Usedesk counterpart here and
     * are not sent.
     *
     * @return the ticket with its id, status, external id and UI link ([inf], see {@link UsedeskSettings#ticketUrl})
     */
    Ticket create(TicketDraft draft) {
        ObjectNode body = UsedeskApi.body().put("subject", draft.subject())
                .put("message", UsedeskMapping.html(draft.body()));
        if (draft.clientId() != null) {
            UsedeskMapping.putId(body, "client_id", draft.clientId());
        }
        if (draft.type() != null) {
            body.put("type", UsedeskMapping.type(draft.type()));
        }
        if (draft.priority() != null) {
            body.put("priority", UsedeskMapping.priority(draft.priority()));
        }
        String statusId = draft.statusId() == null ? UsedeskMapping.DEFAULT_STATUS_ID : draft.statusId();
        UsedeskMapping.putId(body, "status", statusId);
        if (!draft.tags().isEmpty()) {
            body.put("tag", String.join(", ", draft.tags()));
        }
        if (draft.assigneeId() != null) {
            UsedeskMapping.putId(body, "assignee_id", draft.assigneeId());
        }
        Long channelId = api.settings().channelId();
        if (channelId != null) {
            body.put("channel_id", channelId);
        }
        if (draft.externalId() != null) {
            body.put("additional_id", draft.externalId());
        }
        if (draft.bodyInternal()) {
            body.put("private_comment", true);
        }
        if (!draft.customFields().isEmpty()) {
            UsedeskMapping.putCustomFields(body, "lists", draft.customFields());
        }
        JsonNode answer = api.call("create/ticket", body, "create a ticket");
        String id = UsedeskMapping.text(answer.path("ticket_id"));
        if (id == null) {
            throw new PermanentVendorException("Could not create a ticket: Usedesk's answer has no ticket_id");
        }
        return new Ticket(id, null, draft.subject(), statusId, UsedeskMapping.status(statusId), draft.clientId(),
                draft.assigneeId(), draft.externalId(), api.settings().ticketUrl(id), null);
    }

    /**
     * {@code /tickets} filtered by {@code client_id} and, when the query names statuses, {@code fstatus} with all of
     * them separated by commas (README, "Vendor facts"): one search however many statuses, sorted by id descending
     * and paged until a page is short or the limit is reached. No {@code fstatus} when the set is empty. List items
     * carry no {@code additional_id}, so {@link Ticket#externalId()} is {@code null} here.
     */
    List<Ticket> find(TicketQuery query) {
        long clientId = UsedeskMapping.id(query.clientId(), "client_id");
        String statuses = query.statusIds().isEmpty() ? null : query.statusIds().stream()
                .map(status -> UsedeskMapping.id(status, "fstatus")).sorted().distinct()
                .map(String::valueOf).collect(Collectors.joining(","));
        // A ticket may move to a later page while the pages are read; it is taken once.
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        list(clientId, statuses, query.limit(), Integer.MAX_VALUE)
                .forEach(item -> byId.putIfAbsent(item.path("id").asText(), item));
        return byId.values().stream()
                .sorted(Comparator.comparingLong((JsonNode item) -> item.path("id").asLong()).reversed())
                .limit(query.limit())
                .map(this::fromListItem)
                .toList();
    }

    /**
     * Usedesk cannot filter by {@code additional_id}, so this reads the client's newest tickets (all statuses, the
     * newest {@value #EXTERNAL_ID_CANDIDATES}: one {@code /tickets} page) and asks {@code /ticket} for each until one
     * carries the key; a list item that already shows its {@code additional_id} needs no {@code /ticket} call.
     * Without a client there is nothing to search in: empty. [inf] Usedesk documents no idempotency key (README,
     * "Vendor facts").
     */
    Optional<Ticket> findByExternalId(String externalId, String clientId) {
        if (clientId == null || externalId == null) {
            return Optional.empty();
        }
        long client = UsedeskMapping.id(clientId, "client_id");
        for (JsonNode item : list(client, null, EXTERNAL_ID_CANDIDATES, 1).stream().limit(EXTERNAL_ID_CANDIDATES).toList()) {
            if (item.has("additional_id")) {
                if (externalId.equals(UsedeskMapping.text(item.path("additional_id")))) {
                    return Optional.of(fromListItem(item));
                }
                continue;
            }
            JsonNode answer = api.call("ticket", UsedeskApi.body().put("ticket_id", item.path("id").asLong()),
                    "read a ticket");
            JsonNode ticket = answer.path("ticket");
            if (externalId.equals(UsedeskMapping.text(ticket.path("additional_id")))) {
                return Optional.of(fromTicket(ticket));
            }
        }
        return Optional.empty();
    }

    /**
     * The comment made from this draft earlier: {@code /ticket} lists the ticket's comments, and the newest whose
     * text (tags removed, whitespace collapsed) equals the draft's is it. Usedesk keeps no idempotency key on a
     * comment, so the text is all there is to match (README, "Vendor facts": two comments with the same text are
     * one to this lookup).
     */
    Optional<ExternalRef> findComment(String ticketId, CommentDraft draft) {
        ObjectNode body = UsedeskApi.body();
        UsedeskMapping.putId(body, "ticket_id", ticketId);
        JsonNode comments = api.call("ticket", body, "read a ticket's comments").path("comments");
        String wanted = comparable(draft.body());
        JsonNode match = null;
        for (JsonNode comment : comments) {
            String message = UsedeskMapping.text(comment.path("message"));
            if (message != null && wanted.equals(comparable(UsedeskEvents.plain(message)))
                    && (match == null || comment.path("id").asLong() > match.path("id").asLong())) {
                match = comment;
            }
        }
        if (match == null || UsedeskMapping.text(match.path("id")) == null) {
            return Optional.empty();
        }
        return Optional.of(new ExternalRef(ExternalRef.EntityType.COMMENT, UsedeskMapping.text(match.path("id")),
                api.settings().ticketUrl(ticketId)));
    }

    /**
     * A ticket's comments from {@code /ticket} ({@code comments}: {@code id}, {@code message} as HTML, {@code type}
     * public / private, {@code from} user / client / trigger, {@code published_at}), oldest first, the newest
     * {@code limit}. Usedesk gives the author's id, not their name or e-mail. [inf] {@code published_at} is read
     * as UTC; its zone is not documented.
     */
    List<io.switchboard.spi.helpdesk.TicketComment> listComments(String ticketId, int limit) {
        ObjectNode body = UsedeskApi.body();
        UsedeskMapping.putId(body, "ticket_id", ticketId);
        List<io.switchboard.spi.helpdesk.TicketComment> all = new ArrayList<>();
        for (JsonNode c : api.call("ticket", body, "read a ticket's comments").path("comments")) {
            String id = UsedeskMapping.text(c.path("id"));
            if (id == null) {
                continue;
            }
            String from = UsedeskMapping.text(c.path("from"));
            io.switchboard.spi.helpdesk.AuthorKind author = "client".equals(from)
                    ? io.switchboard.spi.helpdesk.AuthorKind.CLIENT : "user".equals(from)
                    ? io.switchboard.spi.helpdesk.AuthorKind.AGENT : io.switchboard.spi.helpdesk.AuthorKind.SYSTEM;
            String message = UsedeskMapping.text(c.path("message"));
            all.add(new io.switchboard.spi.helpdesk.TicketComment(id, message == null ? "" : UsedeskEvents.plain(message),
                    "private".equals(UsedeskMapping.text(c.path("type"))), author, null, null,
                    publishedAt(UsedeskMapping.text(c.path("published_at")))));
        }
        all.sort(Comparator.comparingLong(c -> Long.parseLong(c.id().replaceAll("\\D", "0"))));
        return all.size() <= limit ? all : all.subList(all.size() - limit, all.size());
    }

    private static java.time.Instant publishedAt(String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String comparable(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * {@code /create/comment}. Internal notes are {@code private}, the rest {@code public} (Usedesk's default
     * would be private, so the type is always sent). A client's text is posted {@code from=client}. An agent's is
     * posted {@code from=user} with {@code user_id}: the draft's author, else the connection's note author. Usedesk
     * requires {@code user_id} with {@code from=user} (README, "Vendor facts"), so without any author {@code from}
     * is left out.
     *
     * @return the comment's id; its link is the ticket's, as comments have no page of their own
     */
    ExternalRef comment(String ticketId, CommentDraft comment) {
        ObjectNode body = UsedeskApi.body();
        UsedeskMapping.putId(body, "ticket_id", ticketId);
        body.put("message", UsedeskMapping.html(comment.body()));
        body.put("type", comment.internal() ? "private" : "public");
        if (comment.fromClient()) {
            body.put("from", "client");
        } else {
            String author = comment.authorAgentId() != null ? comment.authorAgentId()
                    : api.settings().noteAuthor() == null ? null : String.valueOf(api.settings().noteAuthor());
            if (author != null) {
                body.put("from", "user");
                UsedeskMapping.putId(body, "user_id", author);
            }
        }
        JsonNode answer = api.call("create/comment", body, "add a comment");
        String id = UsedeskMapping.text(answer.path("comment_id"));
        if (id == null) {
            throw new PermanentVendorException("Could not add a comment: Usedesk's answer has no comment_id");
        }
        return new ExternalRef(ExternalRef.EntityType.COMMENT, id, api.settings().ticketUrl(ticketId));
    }

    /**
     * {@code /update/ticket} with {@code ticket_id} and only the parts the update sets: {@code assignee_id},
     * {@code status}, {@code priority} (mapped), {@code tag} (the tags to add, joined by ", "; [inf] that Usedesk
     * adds them rather than replacing the ticket's tags is not documented), and custom fields as
     * {@code list:[{id, value}]} — the update method's field name ("Обновить запрос"; create uses
     * {@code lists}). Nothing is sent when the update sets nothing. An unknown assignee is refused by Usedesk
     * with an error object, which becomes a {@link PermanentVendorException}.
     */
    void update(String ticketId, TicketUpdate update) {
        ObjectNode body = UsedeskApi.body();
        if (update.assigneeId() != null) {
            UsedeskMapping.putId(body, "assignee_id", update.assigneeId());
        }
        if (update.statusId() != null) {
            UsedeskMapping.putId(body, "status", update.statusId());
        }
        if (update.priority() != null) {
            body.put("priority", UsedeskMapping.priority(update.priority()));
        }
        if (!update.addTags().isEmpty()) {
            body.put("tag", String.join(", ", update.addTags()));
        }
        if (!update.customFields().isEmpty()) {
            UsedeskMapping.putCustomFields(body, "list", update.customFields());
        }
        if (body.isEmpty()) {
            return;
        }
        ObjectNode request = UsedeskApi.body();
        UsedeskMapping.putId(request, "ticket_id", ticketId);
        request.setAll(body);
        api.call("update/ticket", request, "update a ticket");
    }

    /**
     * Pages through {@code /tickets} newest first until a short page, {@code limit} items or {@code maxPages};
     * {@code statuses} is the {@code fstatus} value (ids separated by commas), {@code null} for every status.
     */
    private List<JsonNode> list(long clientId, String statuses, int limit, int maxPages) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; page < maxPages && items.size() < limit; page++) {
            ObjectNode body = UsedeskApi.body().put("client_id", clientId).put("sort", "id").put("order", "desc")
                    .put("offset", page);
            if (statuses != null) {
                body.put("fstatus", statuses);
            }
            JsonNode answer = api.call("tickets", body, "find tickets");
            if (!answer.isArray()) {
                throw new PermanentVendorException("Could not find tickets: Usedesk's answer is not a list");
            }
            answer.forEach(item -> {
                if (UsedeskMapping.text(item.path("id")) != null) {
                    items.add(item);
                }
            });
            if (answer.size() < PAGE_SIZE) {
                break;
            }
        }
        return items;
    }

    /** A {@code /tickets} item: its status is in {@code status}. */
    private Ticket fromListItem(JsonNode item) {
        return ticket(item, UsedeskMapping.text(item.path("status")), null);
    }

    /** A {@code /ticket} object: its status is in {@code status_id}, and it carries {@code additional_id}. */
    private Ticket fromTicket(JsonNode ticket) {
        return ticket(ticket, UsedeskMapping.text(ticket.path("status_id")),
                UsedeskMapping.text(ticket.path("additional_id")));
    }

    /**
     * Usedesk's dates are in the account's time zone without an offset (README, "Vendor facts"), so they cannot be
     * made an instant reliably and {@link Ticket#updatedAt()} stays {@code null}.
     */
    private Ticket ticket(JsonNode node, String statusId, String externalId) {
        String id = node.path("id").asText();
        return new Ticket(id, null, node.path("subject").asText(""), statusId, UsedeskMapping.status(statusId),
                UsedeskMapping.text(node.path("client_id")), UsedeskMapping.text(node.path("assignee_id")),
                externalId, api.settings().ticketUrl(id), null);
    }
}
