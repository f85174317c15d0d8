package io.switchboard.plugins.deskie.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The webhook bodies a Deskie automation rule sends with the action "Send webhook" when it is set up as the Deskie
 * plugin's README says (plugins/deskie/README.md, "Webhooks"). Deskie has no fixed webhook format: the admin composes
 * method, URL, headers and body and inserts case, message and user variables from a picker (Deskie/Omnidesk help
 * article "Webhooks"); nothing is signed. These are the bodies after Deskie filled the variables in: every value is
 * text (a composed JSON body), a reply's text as the HTML Deskie stores ([inf]), the status as its English id
 * ([inf]: a localized label is possible, see {@link #statusChanged(DeskieFake.Case, String)}).
 *
 * <p>Deskie's retries are not documented; a test that repeats a delivery sends the identical string twice.
 * {@link #messageNew} builds the {@code {"type":"message_new","object":{…}}} body of the palachX/laravel-omnidesk
 * convention (an admin's choice, not a Deskie format).
 */
public final class DeskieWebhooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;

    /** Bodies without a secret (the connection trusts its unguessable URL). */
    public DeskieWebhooks() {
        this(null);
    }

    /** @param secret the shared {@code secret} each body carries, or {@code null} */
    public DeskieWebhooks(String secret) {
        this.secret = secret;
    }

    /**
     * The body for a message of the fake: an agent's reply ("agent replied" rule), a note, or the customer's
     * (e-mail) reply ("customer replied" rule), by who wrote it.
     */
    public String forMessage(DeskieFake fake, DeskieFake.Message message) {
        DeskieFake.Case kase = fake.caseById(message.caseId()).orElseThrow();
        if (message.staffId() != 0) {
            DeskieFake.Staff staff = fake.staff(message.staffId()).orElseThrow();
            return message.note() ? note(kase, message, staff) : agentReply(kase, message, staff);
        }
        return customerReply(kase, message, fake.user(message.userId()).orElseThrow());
    }

    /** The "agent replied" rule's body (README template), with the message id when the rule includes it. */
    public String agentReply(DeskieFake.Case kase, DeskieFake.Message message, DeskieFake.Staff staff) {
        ObjectNode root = base("agent_reply", kase);
        root.put("message_id", String.valueOf(message.messageId()));
        root.put("message", html(message.content()));
        root.put("staff_id", String.valueOf(staff.staffId())).put("staff_email", staff.email())
                .put("staff_name", staff.fullName()).put("date", message.createdAt());
        return withSecret(root);
    }

    /** The same reply from a rule whose body has no message id (the variable list may not offer one [inf]). */
    public String agentReplyWithoutMessageId(DeskieFake.Case kase, DeskieFake.Message message,
                                             DeskieFake.Staff staff) {
        ObjectNode root = base("agent_reply", kase);
        root.put("message", html(message.content()));
        root.put("staff_id", String.valueOf(staff.staffId())).put("staff_email", staff.email())
                .put("staff_name", staff.fullName()).put("date", message.createdAt());
        return withSecret(root);
    }

    /** A note's body: the "agent replied" rule when it also fires on notes ({@code event} "note" [inf]). */
    public String note(DeskieFake.Case kase, DeskieFake.Message message, DeskieFake.Staff staff) {
        ObjectNode root = base("note", kase);
        root.put("message_id", String.valueOf(message.messageId()));
        root.put("message", html(message.content())).put("note", "true");
        root.put("staff_id", String.valueOf(staff.staffId())).put("staff_email", staff.email())
                .put("staff_name", staff.fullName()).put("date", message.createdAt());
        return withSecret(root);
    }

    /** The "customer replied" rule's body (README template). */
    public String customerReply(DeskieFake.Case kase, DeskieFake.Message message, DeskieFake.User user) {
        ObjectNode root = base("customer_reply", kase);
        root.put("message_id", String.valueOf(message.messageId()));
        root.put("message", html(message.content()));
        root.put("user_id", String.valueOf(user.userId()))
                .put("user_email", user.email() == null ? "" : user.email())
                .put("user_name", user.fullName() == null ? "" : user.fullName()).put("date", message.createdAt());
        return withSecret(root);
    }

    /**
     * The "status changed" rule's body.
     *
     * @param statusText the status as the variable renders it: the id ({@code closed}) or a label ({@code Закрыто})
     */
    public String statusChanged(DeskieFake.Case kase, String statusText) {
        ObjectNode root = base("status", kase);
        root.put("status", statusText).put("date", kase.updatedAt());
        return withSecret(root);
    }

    /** The palachX/laravel-omnidesk convention: {@code {"type":"message_new","object":{…}}}, numbers as numbers. */
    public String messageNew(DeskieFake.Message message) {
        ObjectNode root = JSON.createObjectNode().put("type", "message_new");
        root.putObject("object").put("message_id", message.messageId()).put("case_id", message.caseId())
                .put("staff_id", message.staffId()).put("user_id", message.userId()).put("custom_user_id", "")
                .put("content", message.content()).put("note", message.note())
                .put("sent_via_rule", message.sentViaRule());
        return withSecret(root);
    }

    /** A body whose variables Deskie did not fill (a variable typed by hand stays as typed [inf]). */
    public String withUnfilledVariables(long caseId) {
        ObjectNode root = JSON.createObjectNode().put("event", "agent_reply").put("case_id", String.valueOf(caseId))
                .put("message", "Thanks, we are on it").put("staff_email", "{{staff_email}}")
                .put("message_id", "{{message_id}}");
        return withSecret(root);
    }

    private static ObjectNode base(String event, DeskieFake.Case kase) {
        return JSON.createObjectNode().put("event", event).put("case_id", String.valueOf(kase.caseId()))
                .put("case_number", kase.caseNumber()).put("subject", kase.subject());
    }

    private static String html(String text) {
        return "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\n", "<br>") + "</p>";
    }

    private String withSecret(ObjectNode root) {
        if (secret != null) {
            root.put("secret", secret);
        }
        return root.toString();
    }
}
