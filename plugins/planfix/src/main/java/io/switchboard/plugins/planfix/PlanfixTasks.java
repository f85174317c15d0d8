package io.switchboard.plugins.planfix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketPriority;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketUpdate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Planfix tasks as the platform's tickets (README, "Vendor facts"):
 * <ul>
 * <li>create: {@code POST /task/} with {@code template {id}}, {@code name}, {@code description} (HTML),
 *     {@code counterparty {id:"contact:N"}}, {@code assignees} / {@code participants {users:[{id:"user:N"}]}},
 *     {@code status}, {@code priority}, {@code customFieldData} and {@code sourceObjectId} = the idempotency key;
 *     the answer's {@code id} is the task number used in {@code /task/{id}} paths;</li>
 * <li>find: {@code POST /task/list} with complex filters ("REST API: Сложные фильтры задач"): type
 *     {@value #COUNTERPARTY} counterparty ({@code "contact:N"}), type {@value #STATUS} status (an array of ids means
 *     any of them), type {@value #STRING_FIELD} a String custom field equal to a value;</li>
 * <li>update: {@code POST /task/{id}} (answered 200, or 202 when Planfix queues the change because the task is
 *     being changed by a scenario: "REST API", section "Дополнительно");</li>
 * <li>comment: {@code POST /task/{id}/comments/} with {@code description} (HTML), {@code isHidden}, {@code owner}
 *     and {@code sourceObjectId}.</li>
 * </ul>
 */
final class PlanfixTasks {

    static final int COUNTERPARTY = 7;
    static final int STATUS = 10;
    static final int STRING_FIELD = 101;

    /** Listing a contact's tasks reads at most this many pages of 100. */
    static final int MAX_PAGES = 5;

    private final PlanfixApi api;

    PlanfixTasks(PlanfixApi api) {
        this.api = api;
    }

    private String fields() {
        String base = "id,name,status,counterparty,assignees,sourceObjectId,dateOfLastUpdate";
        String field = api.settings().externalIdFieldId();
        return field == null ? base : base + "," + field;
    }

    /**
     * {@code POST /task/}. The template is the draft's, else the configured one. The responsible agent goes to
     * {@code assignees}, further agents ({@code participantIds}) to {@code participants} (Planfix's own role for
     * people who follow a task; the template's assignees stay [inf]). Urgent and high priority → {@code "Urgent"};
     * Planfix has two levels. Tags, the organization and {@code bodyInternal} have no place on a Planfix task and
     * are left out (logged).
     */
    Ticket create(TicketDraft draft) {
        ObjectNode body = PlanfixText.JSON.createObjectNode();
        String template = draft.templateId() != null ? draft.templateId() : api.settings().taskTemplateId();
        if (template != null) {
            body.set("template", PlanfixText.ref(template));
        }
        body.put("name", draft.subject());
        if (!draft.body().isBlank()) {
            body.put("description", PlanfixText.html(draft.body()));
        }
        if (draft.clientId() != null) {
            body.putObject("counterparty").put("id", PlanfixText.person(PlanfixText.CONTACT, draft.clientId()));
        }
        if (draft.assigneeId() != null) {
            people(body.putObject("assignees"), List.of(draft.assigneeId()));
        }
        if (!draft.participantIds().isEmpty()) {
            people(body.putObject("participants"), draft.participantIds());
        }
        if (draft.statusId() != null) {
            body.set("status", PlanfixText.ref(draft.statusId()));
        }
        if (draft.priority() == TicketPriority.URGENT || draft.priority() == TicketPriority.HIGH) {
            body.put("priority", "Urgent");
        }
        Map<String, String> fields = new LinkedHashMap<>(draft.customFields());
        if (draft.externalId() != null) {
            body.put("sourceObjectId", draft.externalId());
            if (api.settings().externalIdFieldId() != null) {
                fields.put(api.settings().externalIdFieldId(), draft.externalId());
            }
        }
        PlanfixContacts.putCustomFields(body, fields);
        if (!draft.tags().isEmpty() || draft.organizationId() != null || draft.bodyInternal()) {
            api.context().log().log(System.Logger.Level.DEBUG, "Planfix tasks have no tags, organization or"
                    + " internal description: those parts of the draft were not written");
        }
        JsonNode answer = api.post("task/", body, "create a Planfix task");
        String id = PlanfixText.bareId(PlanfixText.text(answer.path("id")));
        if (id == null) {
            throw new PermanentVendorException("Could not create a Planfix task: Planfix's answer has no task number");
        }
        TicketStatus meaning = draft.statusId() == null ? TicketStatus.NEW
                : PlanfixStatuses.meaning(draft.statusId(), null, null);
        return new Ticket(id, id, draft.subject(), draft.statusId(), meaning,
                draft.clientId() == null ? null : PlanfixText.bareId(draft.clientId()),
                draft.assigneeId() == null ? null : PlanfixText.bareId(draft.assigneeId()), draft.externalId(),
                api.settings().taskUrl(id), null);
    }

    /** A contact's tasks in the statuses (all when none), newest (highest number) first, cut to the limit. */
    List<Ticket> find(TicketQuery query) {
        ObjectNode body = PlanfixText.JSON.createObjectNode().put("fields", fields());
        ArrayNode filters = body.putArray("filters");
        filters.addObject().put("type", COUNTERPARTY).put("operator", "equal")
                .put("value", PlanfixText.person(PlanfixText.CONTACT, query.clientId()));
        if (!query.statusIds().isEmpty()) {
            ArrayNode ids = filters.addObject().put("type", STATUS).put("operator", "equal").putArray("value");
            query.statusIds().stream().sorted().forEach(s -> ids.add(PlanfixText.value(s)));
        }
        Set<String> wanted = query.statusIds();
        return api.list("task/list", body, "tasks", MAX_PAGES, "find the Planfix tasks of contact " + query.clientId())
                .stream().map(this::ticket)
                // Planfix filters by status already; checked again in case a filter is ignored [inf].
                .filter(t -> wanted.isEmpty() || t.statusId() != null && wanted.contains(t.statusId()))
                .sorted(Comparator.comparing(PlanfixTasks::numericId).reversed())
                .limit(query.limit()).toList();
    }

    /**
     * With the key field configured: {@code /task/list} filtered by that String field equal to the key (type
     * {@value #STRING_FIELD}). Otherwise, with a client: the client's tasks, newest first, whose
     * {@code sourceObjectId} is the key. Without either nothing can be searched.
     */
    Optional<Ticket> findByExternalId(String externalId, String clientId) {
        String field = api.settings().externalIdFieldId();
        if (field != null) {
            ObjectNode body = PlanfixText.JSON.createObjectNode().put("fields", fields());
            ObjectNode filter = body.putArray("filters").addObject().put("type", STRING_FIELD);
            filter.set("field", PlanfixText.value(field));
            filter.put("operator", "equal").put("value", externalId);
            Optional<Ticket> found = api.list("task/list", body, "tasks", 1, "find a Planfix task by its key").stream()
                    .map(this::ticket).filter(t -> t.externalId() == null || externalId.equals(t.externalId()))
                    .max(Comparator.comparing(PlanfixTasks::numericId));
            if (found.isPresent() || clientId == null) {
                return found;
            }
        }
        if (clientId == null) {
            return Optional.empty();
        }
        ObjectNode body = PlanfixText.JSON.createObjectNode().put("fields", fields());
        body.putArray("filters").addObject().put("type", COUNTERPARTY).put("operator", "equal")
                .put("value", PlanfixText.person(PlanfixText.CONTACT, clientId));
        return api.list("task/list", body, "tasks", 2, "find a Planfix task by its key").stream().map(this::ticket)
                .filter(t -> externalId.equals(t.externalId())).max(Comparator.comparing(PlanfixTasks::numericId));
    }

    /**
     * {@code POST /task/{id}/comments/}. An internal note is hidden ({@code isHidden}: not shown to the task's
     * external participants, i.e. contacts); a comment for an agent names the employee as {@code owner}
     * ({@code "user:N"}); otherwise the token's employee writes it. A client's words are posted by the token's
     * employee too: naming a contact as owner is not documented for this method.
     */
    ExternalRef comment(String taskId, CommentDraft comment) {
        String task = PlanfixText.bareId(taskId);
        ObjectNode body = PlanfixText.JSON.createObjectNode().put("description", PlanfixText.html(comment.body()));
        if (comment.internal()) {
            body.put("isHidden", true);
        }
        if (comment.authorAgentId() != null) {
            body.putObject("owner").put("id", PlanfixText.person(PlanfixText.USER, comment.authorAgentId()));
        }
        if (comment.externalId() != null) {
            body.put("sourceObjectId", comment.externalId());
        }
        JsonNode answer = api.post("task/" + task + "/comments/", body, "add a comment to Planfix task " + task);
        String id = PlanfixText.bareId(PlanfixText.text(answer.path("id")));
        if (id == null) {
            throw new PermanentVendorException("Could not add a comment to Planfix task " + task
                    + ": Planfix's answer has no comment id");
        }
        return new ExternalRef(ExternalRef.EntityType.COMMENT, id, api.settings().commentUrl(task, id));
    }

    /**
     * {@code POST /task/{id}} with what is set: {@code status {id}} (e.g. the completed status), the assignee as the
     * only {@code assignees} user, {@code priority}, custom fields; no call when nothing is. Tags are not a Planfix
     * task property and are skipped (logged).
     */
    void update(String taskId, TicketUpdate update) {
        String task = PlanfixText.bareId(taskId);
        ObjectNode body = PlanfixText.JSON.createObjectNode();
        if (update.statusId() != null) {
            body.set("status", PlanfixText.ref(update.statusId()));
        }
        if (update.assigneeId() != null) {
            people(body.putObject("assignees"), List.of(update.assigneeId()));
        }
        if (update.priority() != null) {
            body.put("priority", update.priority() == TicketPriority.URGENT || update.priority() == TicketPriority.HIGH
                    ? "Urgent" : "NotUrgent");
        }
        PlanfixContacts.putCustomFields(body, update.customFields());
        if (!update.addTags().isEmpty()) {
            api.context().log().log(System.Logger.Level.DEBUG, "Planfix tasks have no tags: not written");
        }
        if (body.isEmpty()) {
            return;
        }
        api.post("task/" + task, body, "update Planfix task " + task);
    }

    private static void people(ObjectNode target, List<String> agentIds) {
        ArrayNode users = target.putArray("users");
        new LinkedHashSet<>(agentIds).forEach(a -> users.addObject().put("id", PlanfixText.person(PlanfixText.USER, a)));
    }

    /** A task of {@code /task/list} or {@code /task/{id}} as a ticket. */
    Ticket ticket(JsonNode task) {
        String id = PlanfixText.bareId(PlanfixText.text(task.path("id")));
        JsonNode status = task.path("status");
        String statusId = PlanfixText.text(status.path("id"));
        String statusName = PlanfixText.text(status.path("name"));
        String client = PlanfixText.bareId(PlanfixText.text(task.path("counterparty").path("id")));
        String assignee = null;
        for (JsonNode user : task.path("assignees").path("users")) {
            assignee = PlanfixText.bareId(PlanfixText.text(user.path("id")));
            if (assignee != null) {
                break;
            }
        }
        String key = PlanfixText.text(task.path("sourceObjectId"));
        String field = api.settings().externalIdFieldId();
        if (field != null) {
            for (JsonNode value : task.path("customFieldData")) {
                if (field.equals(PlanfixText.text(value.path("field").path("id")))
                        && PlanfixText.text(value.path("value")) != null) {
                    key = PlanfixText.text(value.path("value"));
                }
            }
        }
        return new Ticket(id, id, PlanfixText.text(task.path("name")), statusId,
                statusId == null && statusName == null ? TicketStatus.OTHER
                        : PlanfixStatuses.meaning(statusId, statusName, PlanfixStatuses.active(status)),
                client, assignee, key, api.settings().taskUrl(id), instant(task.path("dateOfLastUpdate")));
    }

    /** A Planfix {@code TimePoint}'s {@code datetime} ({@code 2022-06-12T12:15Z}), or {@code null}. */
    private static Instant instant(JsonNode timePoint) {
        String text = PlanfixText.text(timePoint.path("datetime"));
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
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
