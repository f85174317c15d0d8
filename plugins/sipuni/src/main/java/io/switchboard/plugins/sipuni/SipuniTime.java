package io.switchboard.plugins.sipuni;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sipuni timestamps: unix seconds sent as strings (README, "Vendor facts"), so no time zone applies. Tolerated
 * oddities: blanks, a fractional part ({@code 1774372594.0}), milliseconds (13 digits). {@code 0} is returned as
 * the epoch; callers that treat it as "never" filter it.
 */
final class SipuniTime {

    /** Seconds beyond this (year 5138) can only be milliseconds. */
    private static final long MAX_SECONDS = 99_999_999_999L;

    private SipuniTime() {
    }

    static Optional<Instant> parse(String name, String raw, List<String> notes) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value = raw.trim();
        int dot = value.indexOf('.');
        if (dot >= 0) {
            value = value.substring(0, dot);
        }
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                notes.add(name + " is negative and was ignored.");
                return Optional.empty();
            }
            if (number > MAX_SECONDS) {
                notes.add(name + " looks like milliseconds; read as such.");
                return Optional.of(Instant.ofEpochMilli(number));
            }
            return Optional.of(Instant.ofEpochSecond(number));
        } catch (NumberFormatException e) {
            notes.add(name + " is not a unix time ('" + SipuniCalls.clip(raw) + "') and was ignored.");
            return Optional.empty();
        }
    }
}
