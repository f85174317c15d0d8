package io.switchboard.plugins.deskie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketComment;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketPriority;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.helpdesk.TicketUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Deskie cases as the platform's tickets, their messages and notes as comments (README, "Vendor facts"; pages
 * "Cases", "Messages"; palachX/laravel-omnidesk {@code CasesClient}, {@code MessagesClient}, {@code NotesClient}):
 * <ul>
 * <li>create: {@code POST /api/cases.json} {@code {"case":{user_email | user_phone | user_custom_id, subject,
 *     content, priority, status, staff_id, labels, custom_fields}}};</li>
 * <li>find: {@code GET /api/cases.json?user_id=…&status[]=…} (keyed list, paged); the user filter is [inf], so the
 *     answer is filtered by {@code user_id} again;</li>
 * <li>update: {@code PUT /api/cases/{id}.json} {@code {"case":{status, priority, staff_id, labels,
 *     custom_fields}}};</li>
 * <li>reply / customer message: {@code POST /api/cases/{id}/messages.json} {@code {"message":{content, staff_id |
 *     user_id}}}; internal note: {@code POST /api/cases/{id}/note.json} {@code {"note":{content}}}, answered
 *     {@code {"message":{…,"note":true}}};</li>
 * <li>read messages: {@code GET /api/cases/{id}/messages.json?order=desc} (keyed list).</li>
 * </ul>
 */
final class DeskieCases {

    /** Deskie's three case statuses ("Cases": {@code open}, {@code waiting}, {@code closed}). */
    static final List<TicketStatusOption> STATUSES = List.of(
            new TicketStatusOption("open", "Open", TicketStatus.OPEN),
            new TicketStatusOption("waiting", "Waiting", TicketStatus.PENDING),
            new TicketStatusOption("closed", "Closed", TicketStatus.CLOSED));

    /** A user's cases: at most this many pages of 100 are read. */
    static final int MAX_PAGES = 5;
    /** Looking for a comment made earlier reads at most this many pages of a case's messages, newest first. */
    static final int COMMENT_PAGES = 3;

    private final DeskieApi api;

    DeskieCases(DeskieApi api) {
        this.api = api;
    }

    /** @return the neutral meaning of a Deskie status; unknown values are {@link TicketStatus#OTHER} */
    static TicketStatus meaning(String status) {
        if (status == null) {
            return TicketStatus.OTHER;
        }
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> TicketStatus.OPEN;
            case "waiting" -> TicketStatus.PENDING;
            case "closed" -> TicketStatus.CLOSED;
            default -> TicketStatus.OTHER;
        };
    }

    /** LOW → low, NORMAL → normal, HIGH → high, URGENT → critical ({@code normal} is documented; the rest [inf]). */
    static String priority(TicketPriority priority) {
        return switch (priority) {
            case LOW -> "low";
            case NORMAL -> "normal";
            case HIGH -> "high";
            case URGENT -> "critical";
        };
    }

    /**
     * {@code POST /api/cases.json} for the draft's client: Deskie identifies the user of a new case by e-mail, phone
     * or custom id, not by id, so the user is read first ({@code GET /api/users/{id}.json}) and its identity sent.
     * An internal first message cannot be the case's content (that is the customer's message), so the case is
     * created with the subject as content and the body is added as a note.
     */
    Ticket create(TicketDraft draft) {
        if (draft.clientId() == null) {
            throw new PermanentVendorException("Could not create a Deskie case: Deskie needs the user (client) of"
                    + " every case; the flow gave none");
        }
        JsonNode user = new DeskieUsers(api).read(draft.clientId());
        ObjectNode kase = DeskieText.JSON.createObjectNode();
        String email = DeskieText.text(user.path("user_email"));
        String phone = DeskieText.text(user.path("user_phone"));
        String customId = DeskieText.text(user.path("user_custom_id"));
        if (email != null) {
            kase.put("user_email", email);
        } else if (phone != null) {
            kase.put("user_phone", phone);
        } else if (customId != null) {
            kase.put("user_custom_id", customId);
            String channel = DeskieText.text(user.path("user_custom_channel"));
            channel = channel != null ? channel : api.settings().customChannel();
            if (channel != null) {
                kase.put("channel", channel);
            }
        } else {
            throw new PermanentVendorException("Could not create a Deskie case: user " + draft.clientId()
                    + " has no e-mail, phone or custom id");
        }
        String body = draft.body().isBlank() || draft.bodyInternal() ? draft.subject() : draft.body();
        kase.put("subject", draft.subject()).put("content", body);
        if (draft.priority() != null) {
            kase.put("priority", priority(draft.priority()));
        }
        if (draft.statusId() != null) {
            kase.put("status", status(draft.statusId()));
        }
        if (draft.assigneeId() != null) {
            kase.put("staff_id", number(draft.assigneeId(), "agent"));
        }
        Set<Long> labels = labelIds(draft.tags());
        if (!labels.isEmpty()) {
            ArrayNode array = kase.putArray("labels");
            labels.forEach(array::add);
        }
        Map<String, String> fields = new LinkedHashMap<>(draft.customFields());
        String keyField = api.settings().externalIdField();
        if (draft.externalId() != null && keyField != null) {
            fields.put(keyField, draft.externalId());
        }
        DeskieUsers.putCustomFields(kase, fields);
        if (draft.organizationId() != null || !draft.participantIds().isEmpty()) {
            api.context().log().log(System.Logger.Level.DEBUG, "Deskie cases have no organization or participants:"
                    + " those parts of the draft were not written");
        }
        ObjectNode request = DeskieText.JSON.createObjectNode();
        request.set("case", kase);
        Ticket ticket = ticket(DeskieApi.one(api.post("cases.json", request, "create a Deskie case"), "case",
                "create a Deskie case"));
        if (draft.bodyInternal() && !draft.body().isBlank()) {
            comment(ticket.id(), CommentDraft.internalNote(draft.body(), null));
        }
        return ticket.externalId() == null && draft.externalId() != null && keyField != null
                ? withKey(ticket, draft.externalId()) : ticket;
    }

    /** A user's cases in the statuses (all when none), newest (highest case id) first, cut to the limit. */
    List<Ticket> find(TicketQuery query) {
        String user = DeskieUsers.bare(query.clientId());
        StringJoiner q = new StringJoiner("&");
        q.add("user_id=" + user);
        query.statusIds().stream().sorted().forEach(s -> q.add(DeskieText.query("status[]") + "="
                + DeskieText.query(s)));
        Set<String> wanted = query.statusIds();
        return api.list("cases.json", q.toString(), "case", MAX_PAGES, "find the Deskie cases of user " + user)
                .stream().map(this::ticket)
                // Deskie's user filter is [inf]: the user and status are checked here again.
                .filter(t -> user.equals(t.clientId()))
                .filter(t -> wanted.isEmpty() || t.statusId() != null && wanted.contains(t.statusId()))
                .sorted(Comparator.comparingLong(DeskieCases::numericId).reversed())
                .limit(query.limit()).toList();
    }

    /**
     * With the key field configured: the case whose {@code cf_N} is the key, among the client's cases (or, without a
     * client, the newest page of the account's cases). Without the field nothing can be searched: Deskie keeps no
     * external id on a case.
     */
    Optional<Ticket> findByExternalId(String externalId, String clientId) {
        String field = api.settings().externalIdField();
        if (field == null) {
            api.context().log().log(System.Logger.Level.DEBUG, "No case field for Switchboard's key is configured:"
                    + " a Deskie case cannot be found by its key");
            return Optional.empty();
        }
        String query = clientId == null ? "" : "user_id=" + DeskieUsers.bare(clientId);
        String cf = DeskieText.customFieldKey(field);
        return api.list("cases.json", query, "case", clientId == null ? 1 : 2, "find a Deskie case by its key")
                .stream().filter(c -> externalId.equals(DeskieText.text(c.path("custom_fields").path(cf))))
                .map(this::ticket).max(Comparator.comparingLong(DeskieCases::numericId));
    }

    /**
     * An internal note → {@code POST …/note.json}; the client's words → {@code POST …/messages.json} with the case's
     * {@code user_id} (read from the case); anything else is an agent's reply, sent to the customer by Deskie, with
     * {@code staff_id} = the draft's author, else the connection's agent.
     */
    ExternalRef comment(String caseId, CommentDraft draft) {
        String id = caseId(caseId);
        ObjectNode inner = DeskieText.JSON.createObjectNode().put("content", draft.body());
        ObjectNode request = DeskieText.JSON.createObjectNode();
        JsonNode answer;
        if (draft.internal()) {
            if (draft.authorAgentId() != null) {
                inner.put("staff_id", number(draft.authorAgentId(), "agent"));
            }
            request.set("note", inner);
            answer = api.post("cases/" + id + "/note.json", request, "add a note to Deskie case " + id);
        } else {
            if (draft.fromClient()) {
                JsonNode kase = read(id);
                String user = DeskieText.id(kase.path("user_id"));
                if (user == null) {
                    throw new PermanentVendorException("Could not add the customer's message to Deskie case " + id
                            + ": the case has no user");
                }
                inner.put("user_id", Long.parseLong(user));
            } else {
                String staff = draft.authorAgentId() != null ? draft.authorAgentId()
                        : new DeskieStaff(api).defaultStaffId();
                inner.put("staff_id", number(staff, "agent"));
            }
            request.set("message", inner);
            answer = api.post("cases/" + id + "/messages.json", request, "add a message to Deskie case " + id);
        }
        JsonNode message = DeskieApi.one(answer, "message", "add a message to Deskie case " + id);
        String messageId = DeskieText.id(message.path("message_id"));
        if (messageId == null) {
            throw new PermanentVendorException("Could not add a message to Deskie case " + id
                    + ": Deskie's answer has no message_id");
        }
        return new ExternalRef(ExternalRef.EntityType.COMMENT, messageId, api.settings().caseUrl(id));
    }

    /**
     * The newest message of the case whose text (HTML removed, whitespace collapsed) is the draft's and whose
     * {@code note} flag is the draft's {@code internal}; Deskie keeps no idempotency key on a message, so two
     * messages with the same text are one to this lookup.
     */
    Optional<ExternalRef> findComment(String caseId, CommentDraft draft) {
        String id = caseId(caseId);
        String wanted = DeskieText.comparable(draft.body());
        return api.list("cases/" + id + "/messages.json", "order=desc", "message", COMMENT_PAGES,
                        "read the messages of Deskie case " + id).stream()
                .filter(m -> DeskieText.flag(m.path("note")) == draft.internal())
                .filter(m -> wanted.equals(DeskieText.comparable(messageText(m))))
                .max(Comparator.comparingLong(m -> m.path("message_id").asLong()))
                .map(m -> new ExternalRef(ExternalRef.EntityType.COMMENT, DeskieText.text(m.path("message_id")),
                        api.settings().caseUrl(id)));
    }

    /**
     * A case's messages ({@code GET /api/cases/{id}/messages.json}, newest first, at most {@code COMMENT_PAGES}
     * pages), returned oldest first, the newest {@code limit}: the author is an agent when {@code staff_id} is set,
     * the customer when {@code user_id} is, else a rule ({@code sent_via_rule}); {@code note} marks internal notes.
     */
    List<TicketComment> listComments(String caseId, int limit) {
        String id = caseId(caseId);
        List<TicketComment> comments = new ArrayList<>();
        for (JsonNode m : api.list("cases/" + id + "/messages.json", "order=desc", "message", COMMENT_PAGES,
                "read the messages of Deskie case " + id)) {
            String messageId = DeskieText.text(m.path("message_id"));
            if (messageId == null) {
                continue;
            }
            AuthorKind author = m.path("staff_id").asLong() > 0 ? AuthorKind.AGENT
                    : m.path("user_id").asLong() > 0 && !DeskieText.flag(m.path("sent_via_rule")) ? AuthorKind.CLIENT
                    : AuthorKind.SYSTEM;
            comments.add(new TicketComment(messageId, messageText(m), DeskieText.flag(m.path("note")), author, null,
                    null, DeskieText.instant(m.path("created_at"))));
        }
        comments.sort(Comparator.comparingLong(c -> c.id().chars().allMatch(Character::isDigit) ? Long.parseLong(c.id())
                : 0L));
        return comments.size() <= limit ? comments : comments.subList(comments.size() - limit, comments.size());
    }

    /** A message's plain text: {@code content}, else {@code content_html} without tags. */
    static String messageText(JsonNode message) {
        String content = DeskieText.text(message.path("content"));
        return content != null ? content : DeskieText.plain(DeskieText.text(message.path("content_html")));
    }

    /**
     * {@code PUT /api/cases/{id}.json} with what is set. Tags are added to the case's labels: the case is read first
     * and the union sent (whether {@code labels} replaces is not documented, so it is treated as replacing [inf]).
     * No call when nothing is set.
     */
    void update(String caseId, TicketUpdate update) {
        String id = caseId(caseId);
        ObjectNode kase = DeskieText.JSON.createObjectNode();
        if (update.statusId() != null) {
            kase.put("status", status(update.statusId()));
        }
        if (update.priority() != null) {
            kase.put("priority", priority(update.priority()));
        }
        if (update.assigneeId() != null) {
            kase.put("staff_id", number(update.assigneeId(), "agent"));
        }
        DeskieUsers.putCustomFields(kase, update.customFields());
        Set<Long> added = labelIds(update.addTags());
        if (!added.isEmpty()) {
            Set<Long> all = new LinkedHashSet<>();
            read(id).path("labels").forEach(l -> all.add(l.asLong()));
            if (!all.containsAll(added)) {
                all.addAll(added);
                ArrayNode labels = kase.putArray("labels");
                all.forEach(labels::add);
            }
        }
        if (kase.isEmpty()) {
            return;
        }
        ObjectNode request = DeskieText.JSON.createObjectNode();
        request.set("case", kase);
        api.put("cases/" + id + ".json", request, "update Deskie case " + id);
    }

    /** {@code GET /api/cases/{id}.json}. */
    JsonNode read(String caseId) {
        return DeskieApi.one(api.get("cases/" + caseId + ".json", "read Deskie case " + caseId), "case",
                "read Deskie case " + caseId);
    }

    /**
     * Tags as label ids: a number is taken as a label id; a name is looked up among the account's labels
     * ({@code GET /api/labels.json}, {@code label_id} / {@code label_title}, ignoring case) once per call; an
     * unknown name is skipped (logged).
     */
    private Set<Long> labelIds(List<String> tags) {
        Set<Long> ids = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (String tag : tags) {
            String t = tag.strip();
            if (t.matches("\\d{1,18}")) {
                ids.add(Long.parseLong(t));
            } else if (!t.isEmpty()) {
                names.add(t);
            }
        }
        if (names.isEmpty()) {
            return ids;
        }
        Map<String, Long> byTitle = new LinkedHashMap<>();
        for (JsonNode label : api.list("labels.json", "", "label", 2, "list Deskie labels")) {
            String title = DeskieText.text(label.path("label_title"));
            if (title != null && label.path("label_id").canConvertToLong()) {
                byTitle.putIfAbsent(title.toLowerCase(Locale.ROOT), label.path("label_id").asLong());
            }
        }
        for (String name : names) {
            Long id = byTitle.get(name.toLowerCase(Locale.ROOT));
            if (id == null) {
                api.context().log().log(System.Logger.Level.INFO, "Deskie has no label '" + name
                        + "': it was not added (create it under Settings → Labels)");
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A case of an answer as a ticket. */
    Ticket ticket(JsonNode kase) {
        String id = DeskieText.id(kase.path("case_id"));
        if (id == null) {
            throw new PermanentVendorException("Deskie's answer has a case without case_id");
        }
        String number = DeskieText.text(kase.path("case_number"));
        String status = DeskieText.text(kase.path("status"));
        String field = api.settings().externalIdField();
        String key = field == null ? null
                : DeskieText.text(kase.path("custom_fields").path(DeskieText.customFieldKey(field)));
        return new Ticket(id, number, DeskieText.text(kase.path("subject")),
                status == null ? null : status.toLowerCase(Locale.ROOT), meaning(status),
                DeskieText.id(kase.path("user_id")), DeskieText.id(kase.path("staff_id")), key,
                api.settings().caseUrl(number == null ? id : number),
                DeskieText.instant(kase.path("updated_at")));
    }

    private static Ticket withKey(Ticket t, String key) {
        return new Ticket(t.id(), t.number(), t.subject(), t.statusId(), t.status(), t.clientId(), t.assigneeId(),
                key, t.url(), t.updatedAt());
    }

    /** A case id or number as a path segment: digits, or the {@code 664-245651} form. */
    static String caseId(String caseId) {
        String id = caseId == null ? "" : caseId.strip();
        if (!id.matches("\\d+(-\\d+)?")) {
            throw new PermanentVendorException("'" + caseId + "' is not a Deskie case id or number");
        }
        return id;
    }

    private static String status(String statusId) {
        String s = statusId.strip().toLowerCase(Locale.ROOT);
        if (meaning(s) == TicketStatus.OTHER) {
            throw new PermanentVendorException("'" + statusId + "' is not a Deskie case status: use open, waiting or"
                    + " closed");
        }
        return s;
    }

    private static long number(String id, String what) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new PermanentVendorException("'" + id + "' is not a Deskie " + what + " id");
        }
    }

    private static long numericId(Ticket ticket) {
        try {
            return Long.parseLong(ticket.id());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
