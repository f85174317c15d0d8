package io.switchboard.plugins.deskie;

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
 * Reads a Deskie rule webhook (README, "Webhooks"). Deskie has no fixed webhook: the action "Send webhook" of an
 * automation rule sends a request whose method, URL, headers and body the account's admin composes, inserting case
 * and user variables from a picker (Deskie/Omnidesk help article "Webhooks"); nothing is signed. So this reads the
 * body the README publishes and tolerates what admins change:
 * <ul>
 * <li>a JSON object (nested objects are flattened: {@code {"staff":{"email":…}}} reads as {@code staff_email}; the
 *     children of an {@code object}, {@code data} or {@code payload} wrapper are read as top-level fields, which
 *     also reads the {@code {"type":"message_new","object":{…}}} convention of palachX/laravel-omnidesk), form fields,
 *     or — for a rule that sends GET — the query parameters;</li>
 * <li>names compared without case, {@code _} or {@code -}, each with a few synonyms ({@link Field});</li>
 * <li>a value still holding {@code {{…}}} or {@code [[…]]} (a variable Deskie did not fill) counts as absent.</li>
 * </ul>
 * Event ids are the message id when the body carries one, else a digest of the event's fields: a repeated delivery
 * of the same body has the same id.
 */
final class DeskieWebhook {

    /** Header a rule may send the shared secret in (besides {@code Authorization: Bearer …}). */
    static final String SECRET_HEADER = "X-Webhook-Secret";

    /** The fields read, each with the names it may come under (normalized: lower case, letters and digits only). */
    enum Field {
        EVENT("event", "eventtype", "type", "action", "kind"),
        CASE_ID("caseid", "case", "ticketid", "casecaseid"),
        CASE_NUMBER("casenumber", "number", "ticketnumber", "casecasenumber"),
        MESSAGE_ID("messageid", "commentid", "replyid", "messagemessageid"),
        TEXT("message", "lastmessage", "text", "content", "reply", "comment", "messagetext", "messagecontent",
                "lastmessagetext", "contenthtml", "messagecontenthtml"),
        NOTE("note", "isnote", "internal", "private", "messagenote"),
        AUTHOR("author", "authortype", "from", "sender", "messageauthor", "authorkind"),
        STAFF_ID("staffid", "agentid", "messagestaffid", "staffstaffid"),
        STAFF_EMAIL("staffemail", "agentemail", "staffstaffemail"),
        STAFF_NAME("staffname", "stafffullname", "agentname", "staffstafffullname"),
        USER_ID("userid", "clientid", "customerid", "messageuserid", "useruserid"),
        USER_EMAIL("useremail", "clientemail", "customeremail", "email", "useruseremail"),
        USER_NAME("username", "userfullname", "clientname", "customername", "useruserfullname"),
        STATUS("status", "newstatus", "casestatus", "statusname"),
        OLD_STATUS("oldstatus", "previousstatus", "statusbefore"),
        SUBJECT("subject", "casesubject", "title"),
        DATE("date", "createdat", "updatedat", "time", "datetime", "messagecreatedat"),
        VIA_RULE("sentviarule", "viarule", "byrule", "automation", "byautomation", "messagesentviarule"),
        SECRET("secret", "token");

        final List<String> names;

        Field(String... names) {
            this.names = List.of(names);
        }
    }

    /** The kinds of events. */
    enum Kind { COMMENT, CHANGED, CREATED, UNKNOWN }

    private static final Set<String> WRAPPERS = Set.of("object", "data", "payload");

    /**
     * The fields of one webhook.
     *
     * @param values   normalized name → value, blank and unfilled values removed
     * @param unfilled names whose value still held a variable
     * @param empty    true when the request carried no fields at all
     */
    record Body(Map<String, String> values, List<String> unfilled, boolean empty) {

        String get(Field field) {
            for (String name : field.names) {
                String value = values.get(name);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }

        String event() {
            String e = get(Field.EVENT);
            return e == null ? null : e.toLowerCase(Locale.ROOT);
        }

        /** @return the event kind: the {@code event} field's words, else what the fields suggest */
        Kind kind() {
            String e = event();
            if (e != null) {
                if (e.contains("status") || e.contains("статус")) {
                    return Kind.CHANGED;
                }
                if (e.contains("note") || e.contains("заметк") || e.contains("reply") || e.contains("message")
                        || e.contains("comment") || e.contains("response") || e.contains("ответ")
                        || e.contains("сообщ")) {
                    return Kind.COMMENT;
                }
                if (e.contains("creat") || e.contains("new_case") || e.contains("newcase") || e.contains("созд")) {
                    return Kind.CREATED;
                }
                if (e.contains("chang") || e.contains("updat") || e.contains("измен")) {
                    return Kind.CHANGED;
                }
                return Kind.UNKNOWN;
            }
            if (get(Field.TEXT) != null) {
                return Kind.COMMENT;
            }
            if (get(Field.STATUS) != null) {
                return Kind.CHANGED;
            }
            return Kind.UNKNOWN;
        }

        /**
         * @return the case: the digits of {@code case_id} ({@code "#2000"} → {@code 2000}), else the case number
         *         ({@code 664-245651}, which Deskie's paths accept too), else null
         */
        String caseId() {
            String id = get(Field.CASE_ID);
            if (id != null) {
                String digits = id.replaceAll("\\D", "");
                if (!digits.isEmpty() && id.strip().matches("#?\\s*\\d+")) {
                    return digits;
                }
                if (id.strip().matches("\\d+-\\d+")) {
                    return id.strip();
                }
            }
            String number = get(Field.CASE_NUMBER);
            if (number != null && number.strip().matches("#?\\s*\\d+(-\\d+)?")) {
                return number.strip().replace("#", "").strip();
            }
            return null;
        }

        /** @return the event's id (see the class comment); {@code null} for an unknown event or one without a case */
        String eventId() {
            String kase = caseId();
            if (kase == null) {
                return null;
            }
            return switch (kind()) {
                case COMMENT -> {
                    String message = get(Field.MESSAGE_ID);
                    yield message != null && message.matches("\\d+") ? "message:" + message
                            : "message:" + kase + ":" + digest(event(), get(Field.TEXT), get(Field.NOTE),
                                    get(Field.AUTHOR), get(Field.STAFF_ID), get(Field.STAFF_EMAIL), get(Field.USER_ID),
                                    get(Field.USER_EMAIL), get(Field.DATE));
                }
                case CHANGED -> "status:" + kase + ":" + digest(get(Field.STATUS), get(Field.OLD_STATUS),
                        get(Field.STAFF_ID), get(Field.DATE));
                case CREATED -> "created:" + kase;
                case UNKNOWN -> null;
            };
        }
    }

    private DeskieWebhook() {
    }

    /**
     * Deskie signs nothing. With a webhook secret configured, the request must carry it as a {@code secret} query
     * parameter or body field, an {@value #SECRET_HEADER} header or {@code Authorization: Bearer <secret>} (compared
     * in constant time); without one every request is accepted, the platform having checked the connection's
     * unguessable URL already.
     */
    static void verify(InboundRequest request, String secret) {
        if (secret == null) {
            return;
        }
        String given = request.queryParam("secret").orElse(null);
        if (blank(given)) {
            given = request.header(SECRET_HEADER).orElse(null);
        }
        if (blank(given)) {
            given = request.header("Authorization").filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
                    .map(a -> a.substring(7).strip()).orElse(null);
        }
        if (blank(given)) {
            try {
                given = read(request).get(Field.SECRET);
            } catch (WebhookRejectedException malformed) {
                given = null;
            }
        }
        SharedSecret.require(secret, given, "'secret' (body field, ?secret= or " + SECRET_HEADER + " header)");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Dedup key = {@link Body#eventId()}, ordering key = the case; none when the body names no case or cannot be
     * read (the request is then stored, and {@code parse} skips it with a note).
     */
    static InboundKeys keys(InboundRequest request) {
        try {
            Body body = read(request);
            return InboundKeys.of(body.eventId(), body.caseId());
        } catch (WebhookRejectedException unreadable) {
            return InboundKeys.none();
        }
    }

    /**
     * @return the request's fields
     * @throws WebhookRejectedException 400 when the body is neither a JSON object nor form fields
     */
    static Body read(InboundRequest request) {
        Map<String, String> raw = FlatFields.of(request, WRAPPERS);
        // A rule that sends GET (or puts variables into the URL) carries its fields in the query.
        request.query().forEach((name, values) -> {
            if (!values.isEmpty()) {
                raw.putIfAbsent(name, values.get(0));
            }
        });
        Map<String, String> values = new LinkedHashMap<>();
        List<String> unfilled = new ArrayList<>();
        raw.forEach((name, value) -> {
            String key = normalize(name);
            if (value == null || value.isBlank() || key.isEmpty()) {
                return;
            }
            if (value.contains("{{") || value.contains("[[")) {
                unfilled.add(name);
                return;
            }
            values.putIfAbsent(key, value.strip());
        });
        return new Body(values, unfilled, raw.isEmpty());
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** The dedup digest of the values ({@link InboundKeys#digest}). */
    static String digest(String... values) {
        return InboundKeys.digest(values);
    }
}
