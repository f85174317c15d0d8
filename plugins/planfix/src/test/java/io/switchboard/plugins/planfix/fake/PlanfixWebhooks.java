package io.switchboard.plugins.planfix.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The webhook bodies a Planfix automatic scenario sends with the action "Send HTTP request" when it is set up as the
 * Planfix plugin's README says (plugins/planfix/README.md, "Webhooks"): Planfix has no fixed webhook format; the
 * admin composes the body from Planfix variables ("HTTP-запросы", "Переменные в тексте" in Planfix's help). These
 * are the bodies after Planfix filled the variables in: a comment's text as the HTML Planfix stores ([inf]), the
 * author as "Name Lastname", numbers as strings (every value of a composed JSON body is text).
 *
 * <p>The same body may arrive again: Planfix repeats a request not answered 200 up to four more times
 * ("HTTP-запросы"), so a test sends the identical string twice.
 */
public final class PlanfixWebhooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;

    /** Bodies without a secret (the connection trusts its unguessable URL). */
    public PlanfixWebhooks() {
        this(null);
    }

    /** @param secret the shared {@code secret} each body carries, or {@code null} */
    public PlanfixWebhooks(String secret) {
        this.secret = secret;
    }

    /**
     * The JSON body of the "comment added" scenario.
     *
     * @param commentId   the comment's number, or {@code null} when the admin left that variable out
     * @param html        the comment text as Planfix renders it
     * @param authorId    the author's number, or {@code null}
     * @param authorEmail the author's e-mail, or {@code null}
     */
    public String commentAdded(long taskId, Long commentId, String html, Long authorId, String authorName,
                               String authorEmail) {
        ObjectNode root = JSON.createObjectNode().put("event", "comment").put("task", String.valueOf(taskId));
        if (commentId != null) {
            root.put("comment_id", String.valueOf(commentId));
        }
        root.put("text", html);
        if (authorId != null) {
            root.put("author_id", String.valueOf(authorId));
        }
        root.put("author_name", authorName == null ? "" : authorName);
        root.put("author_email", authorEmail == null ? "" : authorEmail);
        root.put("date", "02-05-2024 12:00");
        return withSecret(root).toString();
    }

    /** The same comment as form fields, for a scenario whose request sends form data instead of JSON [inf]. */
    public String commentAddedAsForm(long taskId, long commentId, String html, long authorId, String authorName,
                                     String authorEmail) {
        StringJoiner form = new StringJoiner("&");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("event", "comment");
        fields.put("task", String.valueOf(taskId));
        fields.put("comment_id", String.valueOf(commentId));
        fields.put("text", html);
        fields.put("author_id", String.valueOf(authorId));
        fields.put("author_name", authorName);
        fields.put("author_email", authorEmail);
        fields.put("date", "02-05-2024 12:00");
        if (secret != null) {
            fields.put("secret", secret);
        }
        fields.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString();
    }

    /**
     * The JSON body of the "status changed" scenario: the task number, the new status's name (what
     * {@code {{Задача.Статус}}} gives) and the moment; with {@code statusId} when the admin added one.
     */
    public String statusChanged(long taskId, String statusName, Long statusId) {
        ObjectNode root = JSON.createObjectNode().put("event", "status").put("task", String.valueOf(taskId))
                .put("status", statusName);
        if (statusId != null) {
            root.put("status_id", String.valueOf(statusId));
        }
        root.put("date", "02-05-2024 12:05");
        return withSecret(root).toString();
    }

    /** A body whose variables Planfix did not fill (a misspelt variable stays as typed [inf]). */
    public String commentWithUnfilledVariables(long taskId) {
        ObjectNode root = JSON.createObjectNode().put("event", "comment").put("task", String.valueOf(taskId))
                .put("comment_id", "{{Комментарий.Нмер}}").put("text", "Thanks, we are on it")
                .put("author_email", "{{Комментарий.Автор.Емейл}}");
        return withSecret(root).toString();
    }

    private ObjectNode withSecret(ObjectNode root) {
        if (secret != null) {
            root.put("secret", secret);
        }
        return root;
    }
}
