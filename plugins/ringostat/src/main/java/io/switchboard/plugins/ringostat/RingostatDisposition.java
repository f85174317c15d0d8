package io.switchboard.plugins.ringostat;

import io.switchboard.spi.telephony.CallStatus;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Ringostat's call statuses ({@code disposition}, README "Vendor facts", from public code citing the knowledge-base
 * page "Call log. Description of call statuses").
 *
 * <p>Answered: {@code ANSWERED}, {@code PROPER} (target call), {@code REPEATED}. Everything else is a call without a
 * conversation; for an incoming call that is <b>missed</b>. For outgoing calls the value is mapped:
 * {@code BUSY} → busy; {@code NO ANSWER}, {@code CLIENT NO ANSWER}, {@code VOICEMAIL} → no answer;
 * {@code DECLINE} → busy ([inf] a declined call is signalled like busy in SIP, 603 Decline); {@code FAILED},
 * {@code FAILED FORBIDDEN DESTINATION}, {@code NO-FORWARD}, {@code WRONG EXTENSION}, {@code NO EXTENSION} → failed.
 * Values may arrive URL-encoded or with underscores ({@code NO+ANSWER}, {@code NO_ANSWER}): {@code +} and {@code _}
 * become spaces and the value is upper-cased; hyphens stay ({@code NO-FORWARD}).
 */
final class RingostatDisposition {

    private static final Set<String> ANSWERED = Set.of("ANSWERED", "PROPER", "REPEATED");
    private static final Set<String> BUSY = Set.of("BUSY", "DECLINE");
    private static final Set<String> NO_ANSWER = Set.of("NO ANSWER", "CLIENT NO ANSWER", "VOICEMAIL");
    private static final Set<String> FAILED = Set.of("FAILED", "FAILED FORBIDDEN DESTINATION", "NO-FORWARD",
            "WRONG EXTENSION", "NO EXTENSION");

    private RingostatDisposition() {
    }

    /** @return the value with {@code +}/{@code _} as spaces, single-spaced, upper case */
    static String normalize(String raw) {
        return raw == null ? "" : raw.replace('+', ' ').replace('_', ' ').trim().replaceAll("\\s+", " ")
                .toUpperCase(Locale.ROOT);
    }

    /** @return true for one of the documented values */
    static boolean known(String raw) {
        String v = normalize(raw);
        return ANSWERED.contains(v) || BUSY.contains(v) || NO_ANSWER.contains(v) || FAILED.contains(v);
    }

    /** @return whether the documented value means a conversation; empty for an unknown value */
    static Optional<Boolean> answered(String raw) {
        if (!known(raw)) {
            return Optional.empty();
        }
        return Optional.of(ANSWERED.contains(normalize(raw)));
    }

    /** @return the outcome of an unanswered call that was not incoming */
    static CallStatus unanswered(String raw) {
        String v = normalize(raw);
        if (BUSY.contains(v)) {
            return CallStatus.BUSY;
        }
        if (FAILED.contains(v)) {
            return CallStatus.FAILED;
        }
        return CallStatus.NO_ANSWER;
    }
}
