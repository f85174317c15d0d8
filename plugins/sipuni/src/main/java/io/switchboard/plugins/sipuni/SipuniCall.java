package io.switchboard.plugins.sipuni;

import io.switchboard.spi.inbound.FormEncoding;
import io.switchboard.spi.telephony.CallAttributes;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import io.switchboard.spi.telephony.CallStatus;
import io.switchboard.spi.telephony.CallTiming;
import io.switchboard.spi.telephony.Employee;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What every Sipuni event of a call carries, read once; its methods build the event of each phase. See
 * {@link SipuniCalls} for the mapping rules. Lives for one {@code parse} call: {@code notes} is that call's list,
 * to which decisions are appended.
 */
record SipuniCall(SipuniParams p, String eventId, String callId, SipuniParty src, SipuniParty dst,
                  CallDirection direction, List<String> notes) {

    static SipuniCall read(SipuniParams p, String callId, List<String> notes) {
        String account = p.orNull("user_id");
        SipuniParty src = SipuniParty.of("src", p.orNull("src_num"), p.orNull("short_src_num"),
                p.orNull("src_type"), account, notes);
        SipuniParty dst = SipuniParty.of("dst", p.orNull("dst_num"), p.orNull("short_dst_num"),
                p.orNull("dst_type"), account, notes);
        CallDirection direction = SipuniCalls.direction(src, dst, p, notes);
        return new SipuniCall(p, SipuniCalls.eventId(p, callId), callId, src, dst, direction, notes);
    }

    CallEvent ringing() {
        List<Employee> rang = new ArrayList<>();
        if (direction == CallDirection.OUTGOING) {
            employee(src).ifPresent(rang::add);
        } else {
            employee(dst).ifPresentOrElse(rang::add, () -> {
                if (dst.number() != null && !dst.internal()) {
                    notes.add("The call rings an external number (forwarding to a mobile?); no employee "
                            + "is recorded for that leg.");
                }
            });
        }
        CallTiming timing = CallTiming.startedAt(time("call_start_timestamp").orElseGet(
                () -> time("timestamp").orElse(null)));
        return event(CallPhase.STARTED, CallStatus.IN_PROGRESS, null, timing, rang, null, null);
    }

    CallEvent answered() {
        Employee by = companySide().orElse(null);
        CallTiming timing = new CallTiming(time("call_start_timestamp").orElse(null),
                time("timestamp").orElse(null), null, null, null);
        return event(CallPhase.ANSWERED, CallStatus.IN_PROGRESS, null, timing, List.of(), by, null);
    }

    Optional<CallEvent> secondaryHangup() {
        String rawStatus = p.orNull("status");
        boolean talked = "ANSWER".equalsIgnoreCase(rawStatus);
        boolean transfer = p.get("transfer_from").isPresent();
        if (!talked && !transfer) {
            notes.add("Sipuni reported that one ringing leg" + employee(dst).map(e -> " (" + e.extension()
                    + ")").orElse("") + " stopped (status " + SipuniCalls.clip(rawStatus == null ? "none" : rawStatus)
                    + ") while the call goes on; this is not a transfer and not the end of the call.");
            return Optional.empty();
        }
        CallTiming timing = new CallTiming(time("call_start_timestamp").orElse(null),
                positiveTime("call_answer_timestamp").orElse(null), null, null, null);
        return Optional.of(event(CallPhase.TRANSFERRED, CallStatus.IN_PROGRESS, rawStatus, timing, List.of(),
                companySide().orElse(null), null));
    }

    CallEvent ended() {
        String rawStatus = p.orNull("status");
        Instant start = time("call_start_timestamp").orElse(null);
        Instant answerTs = positiveTime("call_answer_timestamp").orElse(null);
        Instant end = time("timestamp").orElse(null);
        boolean answered = answered(rawStatus, start, answerTs);
        CallStatus status = answered ? CallStatus.ANSWERED : unansweredStatus(rawStatus);

        Instant answeredAt = null;
        if (answered && answerTs != null) {
            if (start != null && answerTs.isBefore(start)) {
                notes.add("call_answer_timestamp is before call_start_timestamp; the answer time is left "
                        + "empty (the ANSWERED event has the real one).");
            } else {
                answeredAt = answerTs;
            }
        } else if (!answered && answerTs != null && rawStatus != null) {
            notes.add("call_answer_timestamp is set although status is " + SipuniCalls.clip(rawStatus)
                    + "; status decides: not answered.");
        }
        Duration total = start != null && end != null && !end.isBefore(start) ? Duration.between(start, end)
                : null;
        Duration talk = !answered ? Duration.ZERO
                : answeredAt != null && end != null && !end.isBefore(answeredAt)
                ? Duration.between(answeredAt, end) : null;
        if (answered && Duration.ZERO.equals(talk)) {
            notes.add("Sipuni reports the call as answered with zero talk time.");
        }
        CallTiming timing = new CallTiming(start, answeredAt, end, total, talk);

        Optional<Employee> employee = lastCalled().or(this::companySide);
        List<Employee> rang = employee.map(List::of).orElse(List.of());
        if (direction == CallDirection.OUTGOING) {
            employee = employee(src).or(this::lastCalled);
            rang = employee.map(List::of).orElse(List.of());
        }
        return event(CallPhase.ENDED, status, rawStatus, timing, rang, answered ? employee.orElse(null) : null,
                recording(answered));
    }

    private boolean answered(String rawStatus, Instant start, Instant answerTs) {
        if (rawStatus != null && SipuniStatus.known(rawStatus)) {
            return "ANSWER".equalsIgnoreCase(rawStatus);
        }
        boolean byTimestamp = answerTs != null && (start == null || answerTs.isAfter(start));
        notes.add((rawStatus == null ? "status is missing" : "status '" + SipuniCalls.clip(rawStatus) + "' is unknown")
                + "; call_answer_timestamp says the call was " + (byTimestamp ? "" : "not ") + "answered.");
        return byTimestamp;
    }

    private CallStatus unansweredStatus(String rawStatus) {
        if (direction == CallDirection.INCOMING) {
            return CallStatus.MISSED;
        }
        return SipuniStatus.unanswered(rawStatus);
    }

    private String recording(boolean answered) {
        Optional<String> link = p.get("call_record_link");
        if (link.isEmpty()) {
            return null;
        }
        if (!answered) {
            notes.add("The recording link was ignored: Sipuni sends one even for calls nobody answered.");
            return null;
        }
        String url = link.get();
        if (url.regionMatches(true, 0, "http%3A", 0, 7) || url.regionMatches(true, 0, "https%3A", 0, 8)) {
            url = FormEncoding.decode(url); // a broken escape keeps the text, which the check below refuses
            notes.add("The recording link arrived URL-encoded twice; it was decoded once more.");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            notes.add("The recording link is not an http(s) address and was ignored.");
            return null;
        }
        return url;
    }

    private CallEvent event(CallPhase phase, CallStatus status, String vendorStatus, CallTiming timing,
                            List<Employee> rang, Employee answeredBy, String recordingUrl) {
        String client = switch (direction) {
            case INCOMING -> src.number();
            case OUTGOING -> dst.number();
            case INTERNAL -> null;
            case UNKNOWN -> !src.internal() && src.known() ? src.number()
                    : !dst.internal() && dst.known() ? dst.number() : null;
        };
        String line = direction == CallDirection.INCOMING ? p.orNull("pbxdstnum") : null;
        String scheme = p.orNull("treeName");
        return new CallEvent(eventId, callId, phase, direction, status, vendorStatus, client, line, timing,
                rang, answeredBy, scheme, recordingUrl, attributes(scheme));
    }

    private Map<String, String> attributes(String scheme) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (scheme != null) {
            attributes.put(CallAttributes.SCHEME_NAME, scheme);
        }
        p.get("treeNumber").ifPresent(v -> attributes.put("sipuni_tree_number", v));
        p.get("transfer_from").ifPresent(v -> attributes.put("sipuni_transfer_from", v));
        if (dst.suffixId() != null && !dst.suffixId().isEmpty()) {
            attributes.put("sipuni_dst_id", dst.suffixId());
        }
        for (String roistat : List.of("roistat", "roistat_number", "roistat_market", "roistatgoogleid")) {
            p.get(roistat).ifPresent(v -> attributes.put(roistat, v));
        }
        return attributes;
    }

    /** The employee on the company's side of this leg. */
    private Optional<Employee> companySide() {
        return direction == CallDirection.OUTGOING ? employee(src) : employee(dst).or(() -> employee(src));
    }

    private Optional<Employee> lastCalled() {
        return p.get("last_called").map(v -> {
            String[] parts = v.split("[&,;]");
            return parts.length == 0 ? "" : parts[parts.length - 1].trim();
        }).filter(v -> !v.isEmpty()).map(v -> new Employee(v, null, null));
    }

    private Optional<Instant> time(String name) {
        return SipuniTime.parse(name, p.orNull(name), notes);
    }

    /** A timestamp where {@code 0} means "did not happen". */
    private Optional<Instant> positiveTime(String name) {
        return time(name).filter(t -> t.getEpochSecond() > 0);
    }

    private static Optional<Employee> employee(SipuniParty party) {
        return party.internal() && party.extension() != null
                ? Optional.of(new Employee(party.extension(), null, null)) : Optional.empty();
    }
}
