package io.switchboard.platform.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The activity of one event attempt, collected while it runs and stored with the event. Bounded: its notes come
 * partly from what vendors (or anyone holding an inbound URL) send, and its record must fit the {@code result_json}
 * column (a {@code TEXT}: 65,535 bytes), or the outcome cannot be written and the event would be processed again and
 * again. Beyond the bounds, the record says how much was left out.
 */
public final class RecordedActivity implements Activity {

    /** A created or changed entity. */
    public record Created(String what, String ref, String url) {
    }

    static final int MAX_NOTES = 50;
    static final int MAX_NOTE_CHARS = 1_000;
    static final int MAX_CREATED = 200;
    /** Under the column's 65,535 bytes, with room for the "left out" note. */
    static final int MAX_JSON_BYTES = 60_000;
    private static final int MAX_FIELD_CHARS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Created> created = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int notesLeftOut;
    private int createdLeftOut;

    @Override
    public void created(String what, String ref, String url) {
        if (created.size() < MAX_CREATED) {
            created.add(new Created(clip(what, MAX_FIELD_CHARS), clip(ref, MAX_FIELD_CHARS), clip(url, 2_000)));
        } else {
            createdLeftOut++;
        }
    }

    @Override
    public void note(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (notes.size() < MAX_NOTES) {
            notes.add(clip(text, MAX_NOTE_CHARS));
        } else {
            notesLeftOut++;
        }
    }

    public List<Created> createdEntities() {
        return List.copyOf(created);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** @return one line for the activity list */
    public String summary() {
        if (!created.isEmpty()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            created.forEach(c -> counts.merge(c.what(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            counts.forEach((what, n) -> parts.add(n == 1 ? what : n + " × " + what));
            return "Created/changed: " + String.join(", ", parts) + (createdLeftOut > 0 ? " and more" : "");
        }
        return notes.isEmpty() ? "Nothing to do" : notes.get(0);
    }

    /** @return the record, at most {@link #MAX_JSON_BYTES} bytes of UTF-8 */
    public String toJson() {
        List<Created> keptCreated = new ArrayList<>(created);
        List<String> keptNotes = new ArrayList<>(notes);
        int leftOutCreated = createdLeftOut;
        int leftOutNotes = notesLeftOut;
        boolean noteNext = true;
        while (true) {
            String json = write(keptCreated, keptNotes, leftOutCreated, leftOutNotes);
            if (json.getBytes(StandardCharsets.UTF_8).length <= MAX_JSON_BYTES
                    || (keptNotes.isEmpty() && keptCreated.isEmpty())) {
                return json;
            }
            // Take from the end of each list in turn, so both keep their first (most telling) entries.
            if ((noteNext && !keptNotes.isEmpty()) || keptCreated.isEmpty()) {
                keptNotes.remove(keptNotes.size() - 1);
                leftOutNotes++;
            } else {
                keptCreated.remove(keptCreated.size() - 1);
                leftOutCreated++;
            }
            noteNext = !noteNext;
        }
    }

    private static String write(List<Created> created, List<String> notes, int createdLeftOut, int notesLeftOut) {
        List<String> allNotes = new ArrayList<>(notes);
        if (createdLeftOut > 0 || notesLeftOut > 0) {
            allNotes.add("Not recorded, to keep this record small: " + createdLeftOut + " created or changed "
                    + (createdLeftOut == 1 ? "entity" : "entities") + " and " + notesLeftOut + " more "
                    + (notesLeftOut == 1 ? "note" : "notes") + ".");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("created", created);
        result.put("notes", allNotes);
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("activity is always writable as JSON", e);
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
