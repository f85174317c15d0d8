package io.switchboard.plugins.sipuni;

import io.switchboard.spi.telephony.CallStatus;
import java.util.Locale;
import java.util.Set;

/**
 * Sipuni's {@code status} values (Asterisk dial statuses, README "Vendor facts") and their meaning for calls
 * that are not incoming (incoming unanswered calls are always {@link CallStatus#MISSED}, see {@link SipuniCalls}).
 */
final class SipuniStatus {

    private static final Set<String> KNOWN = Set.of("ANSWER", "BUSY", "NOANSWER", "CANCEL", "CONGESTION",
            "CHANUNAVAIL");

    private SipuniStatus() {
    }

    /** @return true for one of the six documented values, in any case */
    static boolean known(String raw) {
        return raw != null && KNOWN.contains(raw.trim().toUpperCase(Locale.ROOT));
    }

    /** @return the outcome of an unanswered outgoing or internal call */
    static CallStatus unanswered(String raw) {
        String value = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        return switch (value) {
            case "BUSY" -> CallStatus.BUSY;
            case "NOANSWER", "" -> CallStatus.NO_ANSWER;
            case "CANCEL" -> CallStatus.CANCELLED;
            case "CONGESTION", "CHANUNAVAIL" -> CallStatus.FAILED;
            default -> CallStatus.NO_ANSWER;
        };
    }
}
