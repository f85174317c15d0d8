package io.switchboard.plugins.planfix;

import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.FlatFields;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.SharedSecret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Planfix webhook (README, "Webhooks"). Planfix has no fixed webhook: an automatic scenario of the task
 * process sends an HTTP request whose body the account's admin composes from Planfix variables ("HTTP-запросы",
 * "Переменные в тексте"), signs nothing, and repeats a request that was not answered 200 up to four more times (after
 * 15 min, +30 min, +1 h, +1 h). So this reads the body the README publishes, and tolerates what admins change:
 * <ul>
 * <li>JSON objects (nested objects are flattened: {@code {"author":{"email":…}}} reads as {@code author_email}) or
 *     form fields;</li>
 * <li>names compared without case, {@code _} or {@code -} ({@code taskId}, {@code task_id}, {@code TASK-ID}) and
 *     a few synonyms each ({@link Field});</li>
 * <li>a value still holding {@code {{…}}} (a variable Planfix did not fill) counts as absent.</li>
 * </ul>
 * Event ids are the comment number when the body carries one, else a digest of the event's fields: a repeated
 * delivery of the same body has the same id.
 */
final class PlanfixWebhook {

    /** The fields read, each with the names it may come under (normalized: lower case, letters and digits only). */
    enum Field {
        EVENT("event", "eventtype", "type", "action"),
        TASK("task", "taskid", "tasknumber", "number", "tasknum", "taskno"),
        COMMENT_ID("commentid", "commentnumber", "actionid"),
        TEXT("text", "commenttext", "comment", "message", "description"),
        AUTHOR_ID("authorid", "authornumber", "userid", "ownerid"),
        AUTHOR_NAME("authorname", "author", "username", "owner", "ownername"),
        AUTHOR_EMAIL("authoremail", "email", "useremail", "owneremail"),
        AUTHOR_TYPE("authortype", "authorkind", "fromtype"),
        HIDDEN("hidden", "ishidden", "internal", "private"),
        DATE("date", "datetime", "commentdate", "time"),
        STATUS_ID("statusid", "newstatusid"),
        STATUS("status", "statusname", "newstatus", "newstatusname"),
        OLD_STATUS("oldstatusid", "oldstatus", "oldstatusname", "previousstatus", "previousstatusid"),
        ASSIGNEE("assigneeid", "assignee"),
        CLIENT("counterpartyid", "counterparty", "contactid", "clientid"),
        SUBJECT("taskname", "name", "subject", "title"),
        KEY("sourceobjectid", "externalid"),
        SECRET("secret");

        final List<String> names;

        Field(String... names) {
            this.names = List.of(names);
        }
    }

    /** The kinds of events. */
    enum Kind { COMMENT, CHANGED, CREATED, UNKNOWN }

    /**
     * The fields of one webhook.
     *
     * @param values      normalized name → value, blank and unfilled values removed
     * @param unfilled    names whose value still held a {@code {{…}}} variable
     */
    record Body(Map<String, String> values, List<String> unfilled) {

        String get(Field field) {
            for (String name : field.names) {
                String value = values.get(name);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }

        /** @return the event kind: the {@code event} field's words, else what the fields suggest */
        Kind kind() {
            String event = get(Field.EVENT);
            if (event != null) {
                String e = event.toLowerCase(Locale.ROOT);
                if (e.contains("comment") || e.contains("коммент")) {
                    return Kind.COMMENT;
                }
                if (e.contains("status") || e.contains("статус") || e.contains("chang") || e.contains("измен")
                        || e.contains("update")) {
                    return Kind.CHANGED;
                }
                if (e.contains("creat") || e.contains("созд") || e.equals("new") || e.contains("newtask")
                        || e.contains("new_task")) {
                    return Kind.CREATED;
                }
                return Kind.UNKNOWN;
            }
            if (get(Field.TEXT) != null) {
                return Kind.COMMENT;
            }
            if (get(Field.STATUS_ID) != null || get(Field.STATUS) != null) {
                return Kind.CHANGED;
            }
            return Kind.UNKNOWN;
        }

        /** @return the task number: the digits of the task field ({@code "#1014"} → {@code 1014}), or null */
        String task() {
            String task = get(Field.TASK);
            if (task == null) {
                return null;
            }
            String digits = task.replaceAll("\\D", "");
            return digits.isEmpty() ? null : digits;
        }

        /** @return the event's id: see the class comment; {@code null} for an unknown event or one without a task */
        String eventId() {
            String task = task();
            if (task == null) {
                return null;
            }
            return switch (kind()) {
                case COMMENT -> get(Field.COMMENT_ID) != null ? "comment:" + PlanfixText.bareId(get(Field.COMMENT_ID))
                        : "comment:" + task + ":" + digest(task, get(Field.TEXT), get(Field.AUTHOR_ID),
                                get(Field.AUTHOR_EMAIL), get(Field.AUTHOR_NAME), get(Field.DATE));
                case CHANGED -> "status:" + task + ":" + digest(get(Field.STATUS_ID), get(Field.STATUS),
                        get(Field.OLD_STATUS), get(Field.ASSIGNEE), get(Field.AUTHOR_ID), get(Field.DATE));
                case CREATED -> "created:" + task;
                case UNKNOWN -> null;
            };
        }
    }

    private PlanfixWebhook() {
    }

    /**
     * Planfix signs nothing. With a webhook secret configured, the request must carry it as a {@code secret} query
     * parameter or body field (compared in constant time); without one every request is accepted, the platform
     * having checked the connection's unguessable URL already.
     */
    static void verify(InboundRequest request, String secret) {
        if (secret == null) {
            return;
        }
        String given = request.queryParam("secret").orElse(null);
        if (given == null || given.isEmpty()) {
            try {
                given = read(request).get(Field.SECRET);
            } catch (WebhookRejectedException malformed) {
                given = null;
            }
        }
        SharedSecret.require(secret, given, "'secret' parameter");
    }

    /** Dedup key = {@link Body#eventId()}, ordering key = the task number; none when the body names no task. */
    static InboundKeys keys(InboundRequest request) {
        Body body = read(request);
        return InboundKeys.of(body.eventId(), body.task());
    }

    /**
     * @return the body's fields
     * @throws WebhookRejectedException 400 when the body is neither a JSON object nor form fields
     */
    static Body read(InboundRequest request) {
        if (request.bodyText().isBlank()) {
            throw WebhookRejectedException.malformed("the body is neither JSON nor form fields");
        }
        Map<String, String> raw = FlatFields.of(request, Set.of());
        Map<String, String> values = new LinkedHashMap<>();
        List<String> unfilled = new ArrayList<>();
        raw.forEach((name, value) -> {
            String key = normalize(name);
            if (value == null || value.isBlank() || key.isEmpty()) {
                return;
            }
            if (value.contains("{{")) {
                unfilled.add(name);
                return;
            }
            values.putIfAbsent(key, value.strip());
        });
        return new Body(values, unfilled);
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** The dedup digest of the values ({@link InboundKeys#digest}). */
    static String digest(String... values) {
        return InboundKeys.digest(values);
    }
}
