package io.switchboard.platform.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages print values: {@code #{fmt.time(view.createdAt)}}. */
@Named("fmt")
@ApplicationScoped
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** @return e.g. "2026-11-23 10:18:56 UTC", or empty for no time */
    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** @return an ISO-8601 instant as stored in settings (e.g. an API key's date) printed like {@link #time}; as given when it is not one */
    public String isoTime(String iso) {
        try {
            return iso == null ? "" : time(Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }
}
