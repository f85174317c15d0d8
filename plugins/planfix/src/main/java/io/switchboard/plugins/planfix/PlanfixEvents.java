package io.switchboard.plugins.planfix;

import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a Planfix scenario's webhook ({@link PlanfixWebhook}, README "Webhooks") into a neutral
 * {@link HelpdeskEvent}: a task comment → {@link HelpdeskEvent.CommentAdded}, a status (or assignee) change →
 * {@link HelpdeskEvent.TicketChanged}, a new task → {@link HelpdeskEvent.TicketCreated}. What cannot be used is
 * skipped with a note for the activity log: an unknown event, a body without a task number, a comment without text
 * (e.g. only files), variables Planfix left unfilled. Deterministic, no network calls.
 */
final class PlanfixEvents {

    private static final Set<String> TRUE = Set.of("1", "true", "yes", "да", "on");

    private PlanfixEvents() {
    }

    /**
     * @param integrationUserId the employee the API token acts for (README, "Settings"), or {@code null}: a comment
     *                          by this employee is the integration's own and is marked {@link AuthorKind#SYSTEM}
     */
    static ParsedEvents<HelpdeskEvent> parse(InboundRequest request, String integrationUserId) {
        PlanfixWebhook.Body body;
        try {
            body = PlanfixWebhook.read(request);
        } catch (WebhookRejectedException unreadable) {
            return ParsedEvents.skipped("Skipped a Planfix webhook whose body could not be read: "
                    + unreadable.getMessage() + ".");
        }
        List<String> notes = new ArrayList<>();
        if (!body.unfilled().isEmpty()) {
            notes.add("Planfix left these variables of the webhook unfilled, so they were ignored: "
                    + String.join(", ", body.unfilled()) + ".");
        }
        PlanfixWebhook.Kind kind = body.kind();
        if (kind == PlanfixWebhook.Kind.UNKNOWN) {
            String event = body.get(PlanfixWebhook.Field.EVENT);
            notes.add(event == null
                    ? "Skipped a Planfix webhook that is neither a task comment, a status change nor a new task."
                    : "Skipped a Planfix webhook of event '" + event + "': only comment, status and created are"
                            + " handled.");
            return new ParsedEvents<>(List.of(), notes);
        }
        String task = body.task();
        if (task == null) {
            notes.add("Skipped a Planfix " + word(kind) + " webhook without a task number: add \"task\":"
                    + " \"{{Задача.Номер}}\" to the scenario's request.");
            return new ParsedEvents<>(List.of(), notes);
        }
        HelpdeskEvent event = switch (kind) {
            case COMMENT -> comment(body, task, integrationUserId, notes);
            case CHANGED -> changed(body, task, integrationUserId, notes);
            default -> new HelpdeskEvent.TicketCreated(body.eventId(), task,
                    body.get(PlanfixWebhook.Field.KEY), PlanfixText.bareId(body.get(PlanfixWebhook.Field.CLIENT)),
                    body.get(PlanfixWebhook.Field.SUBJECT));
        };
        return new ParsedEvents<>(event == null ? List.of() : List.of(event), notes);
    }

    private static HelpdeskEvent comment(PlanfixWebhook.Body body, String task, String integrationUserId,
                                         List<String> notes) {
        String html = body.get(PlanfixWebhook.Field.TEXT);
        String text = html == null ? "" : PlanfixText.plain(html);
        if (text.isEmpty()) {
            notes.add("Skipped a comment on Planfix task " + task + " without text (files only, or the text variable"
                    + " is missing from the scenario's request).");
            return null;
        }
        if (body.get(PlanfixWebhook.Field.COMMENT_ID) == null) {
            notes.add("The Planfix comment webhook carries no comment number: repeated deliveries are recognised by"
                    + " their content, and the platform cannot tell its own comments by number.");
        }
        String commentId = PlanfixText.bareId(body.get(PlanfixWebhook.Field.COMMENT_ID));
        AuthorKind author = author(body, integrationUserId, notes);
        String authorId = PlanfixText.bareId(body.get(PlanfixWebhook.Field.AUTHOR_ID));
        boolean hidden = flag(body.get(PlanfixWebhook.Field.HIDDEN));
        return HelpdeskEvent.CommentAdded.builder(body.eventId(), task, commentId).body(text).internal(hidden)
                .author(author).authorId(authorId).authorEmail(body.get(PlanfixWebhook.Field.AUTHOR_EMAIL))
                .authorName(body.get(PlanfixWebhook.Field.AUTHOR_NAME)).build();
    }

    /**
     * A status change: the new status id when the body has one, else its name stands in for the id (with a note),
     * and the meaning is read from the name or id as in {@link PlanfixStatuses#meaning}. The assignee, when sent,
     * is the new assignee. Automatic when the integration's own employee, or a scenario, made it.
     */
    private static HelpdeskEvent changed(PlanfixWebhook.Body body, String task, String integrationUserId,
                                         List<String> notes) {
        String statusId = body.get(PlanfixWebhook.Field.STATUS_ID);
        String statusName = body.get(PlanfixWebhook.Field.STATUS);
        String newStatusId = statusId != null ? statusId : statusName;
        if (statusId == null && statusName != null) {
            notes.add("The Planfix status webhook carries the status name '" + statusName + "' but no status id:"
                    + " the name stands in for the id.");
        }
        if (newStatusId == null && body.get(PlanfixWebhook.Field.ASSIGNEE) == null) {
            notes.add("The Planfix change webhook for task " + task + " names neither a status nor an assignee.");
        }
        AuthorKind author = author(body, integrationUserId, notes);
        return new HelpdeskEvent.TicketChanged(body.eventId(), task, body.get(PlanfixWebhook.Field.OLD_STATUS),
                newStatusId, newStatusId == null ? null : PlanfixStatuses.meaning(statusId, statusName, null),
                PlanfixText.bareId(body.get(PlanfixWebhook.Field.ASSIGNEE)), false, author == AuthorKind.SYSTEM);
    }

    /**
     * Who wrote it: an {@code author_type} word (employee / contact / scenario, in English or Russian), else the
     * author id's prefix ({@code user:} / {@code contact:}), else an employee. The integration's own employee is
     * {@link AuthorKind#SYSTEM}.
     */
    private static AuthorKind author(PlanfixWebhook.Body body, String integrationUserId, List<String> notes) {
        String rawId = body.get(PlanfixWebhook.Field.AUTHOR_ID);
        String type = body.get(PlanfixWebhook.Field.AUTHOR_TYPE);
        AuthorKind kind = AuthorKind.AGENT;
        if (type != null) {
            String t = type.toLowerCase(Locale.ROOT);
            if (t.contains("contact") || t.contains("client") || t.contains("контакт") || t.contains("клиент")) {
                kind = AuthorKind.CLIENT;
            } else if (t.contains("system") || t.contains("robot") || t.contains("scenario") || t.contains("bot")
                    || t.contains("сценари") || t.contains("робот")) {
                kind = AuthorKind.SYSTEM;
            }
        } else if (rawId != null && rawId.toLowerCase(Locale.ROOT).startsWith(PlanfixText.CONTACT)) {
            kind = AuthorKind.CLIENT;
        }
        String authorId = PlanfixText.bareId(rawId);
        if (kind == AuthorKind.AGENT && integrationUserId != null && integrationUserId.equals(authorId)) {
            notes.add("Written by the employee of the API token (this integration), so it is not forwarded as an"
                    + " agent's.");
            kind = AuthorKind.SYSTEM;
        }
        return kind;
    }

    private static boolean flag(String value) {
        return value != null && TRUE.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    private static String word(PlanfixWebhook.Kind kind) {
        return switch (kind) {
            case COMMENT -> "comment";
            case CHANGED -> "status";
            default -> "task";
        };
    }
}
