package io.switchboard.platform.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The activity of one event attempt, collected while it runs and stored with the event. */
public final class RecordedActivity implements Activity {

    /** A created or changed entity. */
    public record Created(String what, String ref, String url) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Created> created = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    @Override
    public void created(String what, String ref, String url) {
        created.add(new Created(what, ref, url));
    }

    @Override
    public void note(String text) {
        if (text != null && !text.isBlank()) {
            notes.add(text);
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
            return "Created/changed: " + String.join(", ", parts);
        }
        return notes.isEmpty() ? "Nothing to do" : notes.get(0);
    }

    public String toJson() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("created", created);
        result.put("notes", notes);
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("activity is always writable as JSON", e);
        }
    }
}
