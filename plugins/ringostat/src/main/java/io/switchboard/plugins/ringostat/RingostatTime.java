package io.switchboard.plugins.ringostat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ringostat dates and durations. Dates come as {@code YYYY-MM-DD HH:MM:SS} in the project's time zone
 * (README, "Vendor facts"), but the webhook settings let the admin pick another date format, so these are read
 * too: ISO with {@code T} and with or without an offset, {@code DD.MM.YYYY HH:MM[:SS]}, unix seconds or
 * milliseconds, and a {@code +} where a space was form-encoded. Durations are seconds, sent as strings or numbers
 * ({@code "87"}, {@code 87}, {@code 87.0}), or {@code HH:MM:SS} / {@code MM:SS}.
 */
final class RingostatTime {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss][.SSS]");
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm[:ss]");
    private static final Pattern UNIX = Pattern.compile("\\d{9,13}(\\.\\d+)?");
    private static final Pattern ENCODED_SPACE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}|\\d{2}\\.\\d{2}\\.\\d{4})\\+");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d{1,2}):(\\d{1,2})");
    private static final long MAX_SECONDS = 99_999_999_999L;

    private RingostatTime() {
    }

    /** @return the instant, or empty (with a note) when the value is present but unreadable */
    static Optional<Instant> date(String name, String raw, ZoneId zone, List<String> notes) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value = raw.trim();
        Matcher encoded = ENCODED_SPACE.matcher(value);
        if (encoded.find()) {
            value = encoded.group(1) + " " + value.substring(encoded.end());
        }
        if (UNIX.matcher(value).matches()) {
            long number = Long.parseLong(value.contains(".") ? value.substring(0, value.indexOf('.')) : value);
            return Optional.of(number > MAX_SECONDS ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number));
        }
        try {
            return Optional.of(LocalDateTime.parse(value, LOCAL).atZone(zone).toInstant());
        } catch (DateTimeParseException notLocal) {
            // try the next format
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.replace(' ', 'T')).toInstant());
        } catch (DateTimeParseException notOffset) {
            // try the next format
        }
        try {
            return Optional.of(LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant());
        } catch (DateTimeParseException notIsoLocal) {
            // try the next format
        }
        try {
            return Optional.of(LocalDateTime.parse(value, DOTTED).atZone(zone).toInstant());
        } catch (DateTimeParseException notDotted) {
            notes.add(name + " '" + RingostatCalls.clip(raw) + "' is not a date the connector understands; "
                    + "it was ignored.");
            return Optional.empty();
        }
    }

    /** @return the duration, or empty (with a note) when present but unreadable or negative */
    static Optional<Duration> seconds(String name, String raw, List<String> notes) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value = raw.trim();
        Matcher clock = CLOCK.matcher(value);
        if (clock.matches()) {
            long h = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
            return Optional.of(Duration.ofSeconds(h * 3600 + Long.parseLong(clock.group(2)) * 60
                    + Long.parseLong(clock.group(3))));
        }
        try {
            double seconds = Double.parseDouble(value.replace(',', '.'));
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                notes.add(name + " is negative or not a number ('" + RingostatCalls.clip(raw) + "'); ignored.");
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(Math.round(seconds)));
        } catch (NumberFormatException e) {
            notes.add(name + " is not a number of seconds ('" + RingostatCalls.clip(raw) + "'); ignored.");
            return Optional.empty();
        }
    }
}
