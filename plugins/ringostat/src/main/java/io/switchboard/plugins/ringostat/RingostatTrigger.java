package io.switchboard.plugins.ringostat;

import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallPhase;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The trigger moment of a Ringostat webhook (README, "Vendor facts"): incoming "before call", "when taking the
 * call", "forward location", "after call", "after call rating menu"; outgoing "before outgoing call" and "after
 * outgoing call".
 *
 * <p>[inf] Ringostat does not say in the payload which moment a webhook reports (every moment is a separate webhook
 * with its own URL). The tenant therefore appends a static parameter {@code event=<moment>} to each webhook URL —
 * static URL parameters are the documented way to add fixed values. Without it the moment is inferred: a request
 * carrying a disposition or a duration is the end of the call, anything else its start.
 */
enum RingostatTrigger {
    BEFORE_CALL(CallPhase.STARTED, CallDirection.INCOMING, "before_call", "call_start", "start", "started", "before"),
    TAKING_CALL(CallPhase.ANSWERED, CallDirection.INCOMING, "taking_call", "when_taking_call", "answered", "answer",
            "call_answered"),
    FORWARD_LOCATION(CallPhase.STARTED, CallDirection.INCOMING, "forward_location", "forward", "forwarding"),
    AFTER_CALL(CallPhase.ENDED, CallDirection.INCOMING, "after_call", "call_end", "end", "ended", "after"),
    AFTER_RATING(CallPhase.ENDED, CallDirection.INCOMING, "after_call_rating", "after_rating", "rating"),
    BEFORE_OUTGOING(CallPhase.STARTED, CallDirection.OUTGOING, "before_outgoing_call", "before_outgoing",
            "outgoing_start"),
    AFTER_OUTGOING(CallPhase.ENDED, CallDirection.OUTGOING, "after_outgoing_call", "after_outgoing",
            "outgoing_end");

    final CallPhase phase;
    /** The call family the moment belongs to; {@code call_type}, when sent, overrides it. */
    final CallDirection family;
    private final List<String> names;

    RingostatTrigger(CallPhase phase, CallDirection family, String... names) {
        this.phase = phase;
        this.family = family;
        this.names = List.of(names);
    }

    /** @return the documented name of the moment, for tests and the generator */
    String wireName() {
        return names.get(0);
    }

    /** @return the moment named by the value (any case; spaces and hyphens as underscores) */
    static Optional<RingostatTrigger> of(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_').replace('+', '_');
        return Arrays.stream(values()).filter(t -> t.names.contains(v)).findFirst();
    }
}
