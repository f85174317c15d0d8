package io.switchboard.plugins.sipuni;

import java.util.Optional;

/** The values of Sipuni's {@code event} parameter (README, "Vendor facts"). */
enum SipuniEventKind {
    /** {@code 1}: the call rings a destination; sent once per destination leg, sometimes twice for one leg. */
    RINGING("1"),
    /** {@code 2}: the final hangup, with {@code status}, timestamps and the recording link. */
    HANGUP("2"),
    /** {@code 3}: a destination answered. */
    ANSWER("3"),
    /** {@code 4}: a secondary hangup — one leg ended (transfer, group ring) but the call goes on. */
    SECONDARY_HANGUP("4");

    final String code;

    SipuniEventKind(String code) {
        this.code = code;
    }

    /** Reads the code leniently: surrounding blanks and a trailing {@code .0} are tolerated. */
    static Optional<SipuniEventKind> of(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.trim();
        if (value.endsWith(".0")) {
            value = value.substring(0, value.length() - 2);
        }
        for (SipuniEventKind kind : values()) {
            if (kind.code.equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
