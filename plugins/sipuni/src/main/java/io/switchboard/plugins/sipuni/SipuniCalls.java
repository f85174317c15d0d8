package io.switchboard.plugins.sipuni;

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
 * Turns Sipuni's call-event webhooks ("События на АТС", README "Vendor facts") into {@link CallEvent}s.
 *
 * <ul>
 *   <li>{@code event=1} → {@link CallPhase#STARTED}, one per ringing destination; the destination extension is in
 *       {@link CallEvent#rang()}.</li>
 *   <li>{@code event=3} → {@link CallPhase#ANSWERED}; its {@code timestamp} is the real answer time.</li>
 *   <li>{@code event=4} → {@link CallPhase#TRANSFERRED} when a talking leg ended ({@code status=ANSWER}) or
 *       {@code transfer_from} is set; a ringing leg that merely stopped ringing (group ring, another employee
 *       picked up) yields no event, only a note. [inf] Sipuni documents event 4 as "a leg ended during transfer";
 *       telling transfers from ended group-ring legs this way is our reading.</li>
 *   <li>{@code event=2} → {@link CallPhase#ENDED}; the outcome comes from {@code status}, the most reliable field
 *       ({@code call_answer_timestamp} can be wrong for API-originated calls).</li>
 * </ul>
 *
 * <p>Missed call, as Sipuni defines it: the final {@code event=2} of a call from an external number
 * ({@code src_type=1}) whose {@code status} is not {@code ANSWER}. Such calls get {@link CallStatus#MISSED}
 * whatever the raw status ({@code NOANSWER}, {@code BUSY}, {@code CANCEL}, {@code CONGESTION},
 * {@code CHANUNAVAIL}; kept in {@link CallEvent#vendorStatus()}). Outgoing and internal calls map the raw status
 * to {@link CallStatus#BUSY}, {@link CallStatus#NO_ANSWER}, {@link CallStatus#CANCELLED} or {@link CallStatus#FAILED}.
 *
 * <p>Employees: Sipuni sends extensions only, no names ({@link io.switchboard.spi.telephony.Employee#name()} stays {@code null}). For an
 * outgoing call the calling employee is in {@code rang} (Sipuni rings the employee's phone first) and becomes
 * {@code answeredBy} once the client answers. On {@code event=2} of an incoming call, the employee is taken from
 * {@code last_called} (the last extension dialled; several joined by {@code &}: the last is kept), else from the
 * destination. [inf] That the last extension dialled is the one who answered is inferred.
 *
 * <p>Times are unix seconds, so no time zone is involved; a value that looks like milliseconds is divided and
 * noted. Numbers are passed on as sent (trimmed, without Sipuni's {@code _id…} suffix): the platform formats them.
 * The line number is {@code pbxdstnum} (the number dialled) of incoming calls; [inf] Sipuni does not document it
 * for outgoing calls, so it is left empty there.
 */
final class SipuniCalls {

    private static final int MAX_NOTE_VALUE = 40;

    private SipuniCalls() {
    }

    /**
     * Dedup key from the event's own identity — Sipuni sends no event id — and the call id as ordering key:
     * <ul>
     *   <li>event 1 and 3: call id + event + destination leg (event 1 may be sent twice for one leg, one second
     *       apart, so its timestamp must not be part of the key);</li>
     *   <li>event 4: call id + event + leg + timestamp (a leg may end more than once in a long transfer chain);</li>
     *   <li>event 2: call id + event (a call ends once).</li>
     * </ul>
     *
     * @throws WebhookRejectedException 400 when there is no {@code call_id}
     */
    static InboundKeys keys(InboundRequest request) {
        SipuniParams params = SipuniParams.of(request);
        String callId = params.orNull("call_id");
        if (callId == null) {
            throw WebhookRejectedException.malformed("not a Sipuni call event: the request has no call_id");
        }
        return InboundKeys.of(eventId(params, callId), callId);
    }

    static String eventId(SipuniParams params, String callId) {
        String rawEvent = params.get("event").orElse("none");
        Optional<SipuniEventKind> kind = SipuniEventKind.of(rawEvent);
        String leg = params.get("dst_num").or(() -> params.get("short_dst_num")).or(() -> params.get("channel"))
                .orElse("-");
        String timestamp = params.get("timestamp").orElse("-");
        if (kind.isEmpty()) {
            return callId + ":" + clip(rawEvent) + ":" + leg + ":" + timestamp;
        }
        return switch (kind.get()) {
            case RINGING, ANSWER -> callId + ":" + kind.get().code + ":" + leg;
            case SECONDARY_HANGUP -> callId + ":" + kind.get().code + ":" + leg + ":" + timestamp;
            case HANGUP -> callId + ":" + kind.get().code;
        };
    }

    /**
     * @throws PermanentVendorException when the request has no {@code call_id} (nothing can be linked to it)
     */
    static ParsedEvents<CallEvent> parse(InboundRequest request) {
        SipuniParams p = SipuniParams.of(request);
        String callId = p.orNull("call_id");
        if (callId == null) {
            throw new PermanentVendorException("This Sipuni request has no call_id, so it is not a call event "
                    + "and cannot be processed.");
        }
        Optional<SipuniEventKind> kind = SipuniEventKind.of(p.orNull("event"));
        if (kind.isEmpty()) {
            return ParsedEvents.skipped(p.get("event")
                    .map(e -> "Sipuni event type '" + clip(e) + "' is unknown; call " + clip(callId)
                            + " was not updated.")
                    .orElse("The Sipuni request for call " + clip(callId) + " has no event type; it was ignored."));
        }
        List<String> notes = new ArrayList<>();
        SipuniCall call = SipuniCall.read(p, callId, notes);
        Optional<CallEvent> event = switch (kind.get()) {
            case RINGING -> Optional.of(call.ringing());
            case ANSWER -> Optional.of(call.answered());
            case SECONDARY_HANGUP -> call.secondaryHangup();
            case HANGUP -> Optional.of(call.ended());
        };
        return new ParsedEvents<>(event.map(List::of).orElse(List.of()), notes);
    }

    static CallDirection direction(SipuniParty src, SipuniParty dst, SipuniParams p, List<String> notes) {
        CallDirection direction;
        if (src.known() && dst.known()) {
            if (!src.internal() && dst.internal()) {
                direction = CallDirection.INCOMING;
            } else if (src.internal() && !dst.internal()) {
                direction = CallDirection.OUTGOING;
            } else if (src.internal()) {
                direction = CallDirection.INTERNAL;
            } else {
                // Sipuni's own missed-call rule looks at the caller only (src_type=1), so this is incoming too.
                direction = CallDirection.INCOMING;
                notes.add("Both numbers are external (a call forwarded to a mobile, or one connected by the API); "
                        + "treated as incoming because the caller is external.");
            }
        } else if (src.known()) {
            direction = src.internal() ? CallDirection.OUTGOING : CallDirection.INCOMING;
        } else if (dst.known()) {
            direction = dst.internal() ? CallDirection.INCOMING : CallDirection.OUTGOING;
        } else {
            direction = CallDirection.UNKNOWN;
        }
        if ("1".equals(p.orNull("is_inner_call")) && direction != CallDirection.INTERNAL) {
            notes.add("is_inner_call=1 but the numbers say " + direction.name().toLowerCase(Locale.ROOT)
                    + "; the numbers decide.");
        }
        return direction;
    }

    static String clip(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > MAX_NOTE_VALUE ? clean.substring(0, MAX_NOTE_VALUE) + "…" : clean;
    }
}
