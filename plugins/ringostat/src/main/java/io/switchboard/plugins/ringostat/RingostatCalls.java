package io.switchboard.plugins.ringostat;

import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import io.switchboard.spi.telephony.CallStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns Ringostat call webhooks ("Webhooks 2.0" and classic, README "Vendor facts") into {@link CallEvent}s.
 *
 * <ul>
 *   <li>Moment ({@link RingostatTrigger}): "before call" / "before outgoing call" → {@link CallPhase#STARTED};
 *       "forward location" → {@link CallPhase#STARTED} for that leg, the employee rung in
 *       {@link CallEvent#rang()}; "when taking the call" → {@link CallPhase#ANSWERED}; "after call", "after call
 *       rating menu", "after outgoing call" → {@link CallPhase#ENDED}. [inf] The moment is not in Ringostat's
 *       payload: the tenant appends {@code event=<moment>} to each webhook URL; without it a request with a
 *       disposition or a duration is taken as the end, any other as the start, and a note says so.</li>
 *   <li>Direction from {@code call_type}: {@code in}, {@code callback}, {@code transitin} → incoming;
 *       {@code out}, {@code transitout} → outgoing; {@code Insertion Type = callback} → incoming (callbacks count as
 *       incoming). Without {@code call_type} the moment's family decides (outgoing moments are outgoing).</li>
 *   <li>Outcome (ENDED only): from {@code disposition}, see {@link RingostatDisposition}. Missed call, as Ringostat
 *       defines it: incoming with a disposition not in {ANSWERED, PROPER, REPEATED} →
 *       {@link CallStatus#MISSED}, the raw value in {@link CallEvent#vendorStatus()}. When the disposition and
 *       {@code billsec} disagree, the disposition decides (it is Ringostat's own verdict) and a note says so;
 *       {@code billsec} decides only when the disposition is missing or unknown.</li>
 *   <li>Numbers: {@code caller} is the client, {@code dst} the tracking line called (never the employee).
 *       Passed on as sent (trimmed, a {@code sip:} prefix and a trailing {@code .0} removed): the platform formats
 *       them. Hidden numbers ({@code anonymous}, …) become empty.</li>
 *   <li>Employee: extension or SIP login from {@code extension} / {@code extension_number}, else the staff id
 *       {@code employee_number}; full name from {@code employee_fio} (flows may match agents by name, as Ringostat's
 *       own Zendesk integration does). No e-mail.</li>
 *   <li>Times: {@code calldate} in the project time zone (setting); talk = {@code billsec}, total =
 *       {@code duration}, end = start + total, answer = end − talk (else start + {@code waittime}).</li>
 *   <li>Attributes: UTM tags and {@code pool_name} under the {@link io.switchboard.spi.telephony.CallAttributes}
 *       keys, landing page; Ringostat extras as {@code ringostat_*} (call type, insertion type, staff id, connected
 *       with, department, GA client id, target / repeated flags, wait seconds, …); any other parameter the admin
 *       added under its own name.</li>
 * </ul>
 *
 * <p>Dedup: Ringostat sends no event id and does not document retries ([inf] treat delivery as at-most-once). The
 * key is the call id + the phase: {@code <id>:started}, {@code <id>:answered}, {@code <id>:ended}, and
 * {@code <id>:forward:<employee>} per forwarding leg; so a repeated delivery, or "after call rating menu" following
 * "after call", is recognised and ignored. Ordering key: the call id.
 */
final class RingostatCalls {

    private static final int MAX_NOTE_VALUE = 40;

    private RingostatCalls() {
    }

    /**
     * What an inbound request is. {@code CALLER_CARD} is a request whose URL carries {@code request=caller_card}, the
     * marker of an earlier version of this connector that answered caller-card requests: Ringostat sends none (the
     * card is pushed, see {@link RingostatApi#pushContact}), so such a request is neither answered nor stored.
     */
    enum Kind { CALL_EVENT, ROUTING, CALLER_CARD }

    /**
     * A routing request carries {@code step_forward} (the scheme step, {@code webhookNumber:120}) or the marker
     * {@code request=routing}; the obsolete marker {@code request=caller_card} makes a {@link Kind#CALLER_CARD}.
     */
    static Kind kind(RingostatParams p, RingostatSettings settings) {
        String marker = p.request();
        if (marker != null) {
            String m = marker.replace('-', '_');
            if (m.equals("routing") || m.equals("route")) {
                return Kind.ROUTING;
            }
            if (m.equals("caller_card") || m.equals("callercard") || m.equals("card")) {
                return Kind.CALLER_CARD;
            }
        }
        return p.first(settings.namesOf(RingostatField.STEP_FORWARD)).isPresent() ? Kind.ROUTING : Kind.CALL_EVENT;
    }

    /**
     * @return dedup key and ordering key (the call id); none for routing requests, which are answered at once, and
     *         for requests marked {@code request=caller_card}: neither is stored as an event
     * @throws WebhookRejectedException 400 when a call event has no call id
     */
    static InboundKeys keys(InboundRequest request, RingostatSettings settings) {
        RingostatParams p = RingostatParams.of(request);
        if (kind(p, settings) != Kind.CALL_EVENT) {
            return InboundKeys.none();
        }
        RingostatCall call = new RingostatCall(p, settings, new ArrayList<>());
        String callId = call.orNull(RingostatField.CALL_ID);
        if (callId == null) {
            throw WebhookRejectedException.malformed(p.unreadable()
                    ? "not a Ringostat call event: the body is not a JSON object"
                    : "not a Ringostat call event: the request has no call id (uniqueid)");
        }
        return InboundKeys.of(eventId(call, callId, new ArrayList<>()), callId);
    }

    /**
     * @throws PermanentVendorException when the request has no call id or its JSON body cannot be read
     */
    static ParsedEvents<CallEvent> parse(InboundRequest request, RingostatSettings settings) {
        RingostatParams p = RingostatParams.of(request);
        switch (kind(p, settings)) {
            case ROUTING:
                return ParsedEvents.skipped("A Ringostat routing request is answered at once, not processed as a "
                        + "call event; it was ignored.");
            case CALLER_CARD:
                return ParsedEvents.skipped("A request marked request=caller_card was ignored: Ringostat sends no "
                        + "caller-card request, this connection pushes caller cards to Smart Phone instead (Auth-key "
                        + "and project id in its settings). Remove that URL from Ringostat.");
            default:
                break;
        }
        List<String> notes = new ArrayList<>();
        RingostatCall call = new RingostatCall(p, settings, notes);
        String callId = call.orNull(RingostatField.CALL_ID);
        if (callId == null) {
            throw new PermanentVendorException(p.unreadable()
                    ? "This Ringostat request's body is not a JSON object, so it cannot be processed."
                    : "This Ringostat request has no call id (uniqueid), so it is not a call event and cannot be "
                    + "processed. Add the call id to the webhook's parameters in Ringostat.");
        }
        Optional<String> rawTrigger = call.get(RingostatField.EVENT);
        Optional<RingostatTrigger> explicit = rawTrigger.flatMap(RingostatTrigger::of);
        if (rawTrigger.isPresent() && explicit.isEmpty()) {
            return ParsedEvents.skipped("The webhook moment 'event=" + clip(rawTrigger.get()) + "' is unknown; call "
                    + clip(callId) + " was not updated.");
        }
        RingostatTrigger trigger = explicit.orElseGet(() -> inferTrigger(call, notes));
        String eventId = eventId(call, callId, new ArrayList<>());
        CallDirection direction = direction(call, explicit, notes);
        CallEvent event = call.event(eventId, callId, trigger.phase, direction);
        return new ParsedEvents<>(List.of(event), notes);
    }

    static String eventId(RingostatCall call, String callId, List<String> notes) {
        Optional<String> rawTrigger = call.get(RingostatField.EVENT);
        if (rawTrigger.isPresent() && RingostatTrigger.of(rawTrigger.get()).isEmpty()) {
            return callId + ":" + clip(rawTrigger.get());
        }
        RingostatTrigger trigger = rawTrigger.flatMap(RingostatTrigger::of).orElseGet(() -> inferTrigger(call, notes));
        if (trigger == RingostatTrigger.FORWARD_LOCATION) {
            String leg = call.get(RingostatField.EXTENSION).or(() -> call.get(RingostatField.EMPLOYEE_NUMBER))
                    .or(() -> call.get(RingostatField.CONNECTED_WITH)).or(() -> call.get(RingostatField.EMPLOYEE_NAME))
                    .orElse("-");
            return callId + ":forward:" + leg;
        }
        return callId + ":" + switch (trigger.phase) {
            case STARTED -> "started";
            case ANSWERED -> "answered";
            case TRANSFERRED -> "transferred";
            case ENDED -> "ended";
        };
    }

    private static RingostatTrigger inferTrigger(RingostatCall call, List<String> notes) {
        boolean ended = call.get(RingostatField.DISPOSITION).isPresent()
                || call.get(RingostatField.TALK_SECONDS).isPresent()
                || call.get(RingostatField.TOTAL_SECONDS).isPresent();
        notes.add("The webhook URL has no 'event' parameter; taken as " + (ended
                ? "the end of the call (it carries a status or a duration)." : "the start of the call (it carries "
                + "no status or duration)."));
        return ended ? RingostatTrigger.AFTER_CALL : RingostatTrigger.BEFORE_CALL;
    }

    static CallDirection direction(RingostatCall call, Optional<RingostatTrigger> explicit, List<String> notes) {
        Optional<String> rawType = call.get(RingostatField.CALL_TYPE);
        CallDirection byType = rawType.map(RingostatCalls::ofCallType).orElse(null);
        if (rawType.isPresent() && byType == null) {
            notes.add("call_type '" + clip(rawType.get()) + "' is unknown.");
        }
        boolean callback = call.get(RingostatField.INSERTION_TYPE)
                .map(v -> v.trim().equalsIgnoreCase("callback")).orElse(false);
        CallDirection byFamily = explicit.map(t -> t.family).orElse(null);
        if (byType != null) {
            if (byFamily != null && byFamily != byType) {
                notes.add("call_type '" + clip(rawType.get()) + "' does not fit the webhook moment '"
                        + explicit.get().wireName() + "'; call_type decides.");
            }
            return byType;
        }
        if (callback) {
            return CallDirection.INCOMING;
        }
        if (byFamily != null) {
            return byFamily;
        }
        notes.add("Neither call_type nor the webhook moment tells the direction; it is unknown (a call without a "
                + "conversation is then not counted as missed).");
        return CallDirection.UNKNOWN;
    }

    /** @return the direction of a {@code call_type} value, or {@code null} when unknown */
    static CallDirection ofCallType(String raw) {
        String v = raw.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
        return switch (v) {
            case "in", "incoming", "callback", "transitin", "inbound" -> CallDirection.INCOMING;
            case "out", "outgoing", "transitout", "outbound" -> CallDirection.OUTGOING;
            default -> null;
        };
    }

    static String clip(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > MAX_NOTE_VALUE ? clean.substring(0, MAX_NOTE_VALUE) + "…" : clean;
    }
}
