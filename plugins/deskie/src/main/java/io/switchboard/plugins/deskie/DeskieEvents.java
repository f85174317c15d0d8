package io.switchboard.plugins.deskie;

import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a Deskie rule webhook ({@link DeskieWebhook}, README "Webhooks") into a neutral {@link HelpdeskEvent}: an
 * agent's reply, a note or the customer's (e-mail) reply → {@link HelpdeskEvent.CommentAdded}; a status change →
 * {@link HelpdeskEvent.TicketChanged}; a new case → {@link HelpdeskEvent.TicketCreated}. What cannot be used is
 * skipped with a note for the activity log: an empty body, an unknown event, a body without a case, a message
 * without text, variables Deskie left unfilled. Deterministic, no network calls.
 */
final class DeskieEvents {

    private DeskieEvents() {
    }

    /**
     * @param integrationEmail the agent e-mail of the API key (README, "Settings"), or {@code null}: a reply by this
     *                         agent is the integration's own and is marked {@link AuthorKind#SYSTEM}
     */
    static ParsedEvents<HelpdeskEvent> parse(InboundRequest request, String integrationEmail) {
        DeskieWebhook.Body body;
        try {
            body = DeskieWebhook.read(request);
        } catch (WebhookRejectedException unreadable) {
            return ParsedEvents.skipped("Skipped a Deskie webhook whose body could not be read: "
                    + unreadable.getMessage() + ".");
        }
        if (body.empty()) {
            return ParsedEvents.skipped("Skipped an empty Deskie webhook: the rule's \"Send webhook\" action has no"
                    + " body; paste the body from the Deskie connection's setup steps.");
        }
        List<String> notes = new ArrayList<>();
        if (!body.unfilled().isEmpty()) {
            notes.add("Deskie left these variables of the webhook unfilled, so they were ignored: "
                    + String.join(", ", body.unfilled()) + ".");
        }
        DeskieWebhook.Kind kind = body.kind();
        if (kind == DeskieWebhook.Kind.UNKNOWN) {
            String event = body.get(DeskieWebhook.Field.EVENT);
            notes.add(event == null
                    ? "Skipped a Deskie webhook that is neither a reply, a note, a status change nor a new case."
                    : "Skipped a Deskie webhook of event '" + event + "': only agent_reply, customer_reply, note,"
                            + " status and case_created are handled.");
            return new ParsedEvents<>(List.of(), notes);
        }
        String kase = body.caseId();
        if (kase == null) {
            notes.add("Skipped a Deskie " + word(kind) + " webhook without a case id: add \"case_id\" with the case"
                    + " id variable to the rule's webhook body.");
            return new ParsedEvents<>(List.of(), notes);
        }
        if (body.get(DeskieWebhook.Field.CASE_ID) == null || !kase.matches("\\d+")) {
            notes.add("The Deskie webhook names the case by its number " + kase + ", not by its id: add \"case_id\""
                    + " so the case is recognised as the one Switchboard created.");
        }
        HelpdeskEvent event = switch (kind) {
            case COMMENT -> comment(body, kase, integrationEmail, notes);
            case CHANGED -> changed(body, kase, notes);
            default -> new HelpdeskEvent.TicketCreated(body.eventId(), kase, null,
                    id(body.get(DeskieWebhook.Field.USER_ID)), body.get(DeskieWebhook.Field.SUBJECT));
        };
        return new ParsedEvents<>(event == null ? List.of() : List.of(event), notes);
    }

    private static HelpdeskEvent comment(DeskieWebhook.Body body, String kase, String integrationEmail,
                                         List<String> notes) {
        String raw = body.get(DeskieWebhook.Field.TEXT);
        String text = raw == null ? "" : DeskieText.plain(raw);
        if (text.isEmpty()) {
            notes.add("Skipped a message on Deskie case " + kase + " without text (files only, or the message"
                    + " variable is missing from the rule's webhook body).");
            return null;
        }
        String messageId = body.get(DeskieWebhook.Field.MESSAGE_ID);
        if (messageId == null || !messageId.matches("\\d+")) {
            messageId = null;
            notes.add("The Deskie webhook carries no message id: repeated deliveries are recognised by their"
                    + " content.");
        }
        String event = body.event() == null ? "" : body.event();
        boolean internal = event.contains("note") || event.contains("заметк")
                || DeskieText.flag(body.get(DeskieWebhook.Field.NOTE));
        AuthorKind author = author(body, event, notes);
        String authorId;
        String email;
        String name;
        if (author == AuthorKind.CLIENT) {
            authorId = id(body.get(DeskieWebhook.Field.USER_ID));
            email = body.get(DeskieWebhook.Field.USER_EMAIL);
            name = body.get(DeskieWebhook.Field.USER_NAME);
        } else {
            authorId = id(body.get(DeskieWebhook.Field.STAFF_ID));
            email = body.get(DeskieWebhook.Field.STAFF_EMAIL);
            name = body.get(DeskieWebhook.Field.STAFF_NAME);
        }
        if (author == AuthorKind.AGENT && integrationEmail != null && email != null
                && email.equalsIgnoreCase(integrationEmail)) {
            notes.add("Written by the agent of the API key (this integration), so it is not forwarded as an"
                    + " agent's.");
            author = AuthorKind.SYSTEM;
        }
        return HelpdeskEvent.CommentAdded.builder(body.eventId(), kase, messageId).body(text).internal(internal)
                .author(author).authorId(authorId).authorEmail(email).authorName(name).build();
    }

    /**
     * The author: the {@code author} field's word, else the event's ({@code agent_reply} / {@code customer_reply}),
     * else who is named ({@code staff_id} → agent, {@code user_id} → the customer); a message Deskie sent by a rule
     * ({@code sent_via_rule}) is the system's.
     */
    private static AuthorKind author(DeskieWebhook.Body body, String event, List<String> notes) {
        if (DeskieText.flag(body.get(DeskieWebhook.Field.VIA_RULE))) {
            return AuthorKind.SYSTEM;
        }
        AuthorKind kind = word(body.get(DeskieWebhook.Field.AUTHOR));
        if (kind == null) {
            kind = word(event);
        }
        if (kind != null) {
            return kind;
        }
        if (id(body.get(DeskieWebhook.Field.STAFF_ID)) != null || body.get(DeskieWebhook.Field.STAFF_EMAIL) != null) {
            return AuthorKind.AGENT;
        }
        if (id(body.get(DeskieWebhook.Field.USER_ID)) != null || body.get(DeskieWebhook.Field.USER_EMAIL) != null) {
            return AuthorKind.CLIENT;
        }
        notes.add("The Deskie webhook does not say who wrote the message: taken as an agent's.");
        return AuthorKind.AGENT;
    }

    private static AuthorKind word(String value) {
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (v.contains("rule") || v.contains("system") || v.contains("bot") || v.contains("правил")) {
            return AuthorKind.SYSTEM;
        }
        if (v.contains("staff") || v.contains("agent") || v.contains("employee") || v.contains("сотрудник")
                || v.contains("оператор")) {
            return AuthorKind.AGENT;
        }
        if (v.contains("customer") || v.contains("client") || v.contains("user") || v.contains("клиент")
                || v.contains("пользовател")) {
            return AuthorKind.CLIENT;
        }
        return null;
    }

    private static HelpdeskEvent changed(DeskieWebhook.Body body, String kase, List<String> notes) {
        String newStatus = status(body.get(DeskieWebhook.Field.STATUS));
        String oldStatus = status(body.get(DeskieWebhook.Field.OLD_STATUS));
        if (newStatus == null && body.get(DeskieWebhook.Field.STATUS) != null) {
            newStatus = body.get(DeskieWebhook.Field.STATUS);
            notes.add("Deskie status '" + newStatus + "' is not open, waiting or closed: passed on as it is.");
        }
        if (newStatus == null) {
            notes.add("The Deskie status webhook of case " + kase + " carries no status: add \"status\" with the"
                    + " case status variable.");
        }
        TicketStatus meaning = newStatus == null ? null : DeskieCases.meaning(newStatus);
        boolean byRule = DeskieText.flag(body.get(DeskieWebhook.Field.VIA_RULE));
        return new HelpdeskEvent.TicketChanged(body.eventId(), kase, oldStatus, newStatus, meaning, null, false,
                byRule);
    }

    /**
     * A status as Deskie's id ({@code open}, {@code waiting}, {@code closed}) from the value or its label as the
     * rule variable may render it (English, Russian, Turkish) [inf]; {@code null} when not recognised.
     */
    static String status(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("open") || v.startsWith("открыт") || v.startsWith("açık") || v.equals("acik")) {
            return "open";
        }
        if (v.startsWith("wait") || v.startsWith("pending") || v.contains("ожида") || v.startsWith("bekl")) {
            return "waiting";
        }
        if (v.startsWith("close") || v.startsWith("закрыт") || v.startsWith("kapal") || v.startsWith("solved")
                || v.startsWith("resolved") || v.startsWith("решен")) {
            return "closed";
        }
        return null;
    }

    private static String id(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.matches("\\d+") && !v.matches("0+") ? v : null;
    }

    private static String word(DeskieWebhook.Kind kind) {
        return switch (kind) {
            case COMMENT -> "message";
            case CHANGED -> "status";
            default -> "case";
        };
    }
}
