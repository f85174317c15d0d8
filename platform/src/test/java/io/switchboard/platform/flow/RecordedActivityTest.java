package io.switchboard.platform.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What an attempt records always fits the event's {@code result_json} column (65,535 bytes), however much a vendor
 * (or anyone with an inbound URL) sends, and says what it left out.
 */
class RecordedActivityTest {

    @Test
    void oneHugeNoteIsClipped() throws Exception {
        RecordedActivity activity = new RecordedActivity();
        activity.note("Usedesk change targets not forwarded: " + "field_x, ".repeat(20_000));
        String json = activity.toJson();
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(RecordedActivity.MAX_JSON_BYTES);
        JsonNode notes = new ObjectMapper().readTree(json).path("notes");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).asText()).startsWith("Usedesk change targets not forwarded: field_x")
                .hasSizeLessThanOrEqualTo(RecordedActivity.MAX_NOTE_CHARS).endsWith("…");
    }

    @Test
    void manyNotesAndCreationsStayUnderTheColumnAndSayHowManyWereLeftOut() throws Exception {
        RecordedActivity activity = new RecordedActivity();
        for (int i = 0; i < 10_000; i++) {
            activity.note("Note " + i + " " + "ж".repeat(900)); // two bytes a character
            activity.created("ticket", "T-" + i, "https://desk.example/tickets/" + i + "/" + "x".repeat(300));
        }
        String json = activity.toJson();
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(RecordedActivity.MAX_JSON_BYTES);
        JsonNode record = new ObjectMapper().readTree(json);
        JsonNode notes = record.path("notes");
        assertThat(notes.get(0).asText()).startsWith("Note 0 ");
        assertThat(notes.get(notes.size() - 1).asText()).startsWith("Not recorded, to keep this record small: ")
                .contains("created or changed entities").contains("more notes");
        assertThat(record.path("created").size()).isPositive().isLessThanOrEqualTo(RecordedActivity.MAX_CREATED);
        assertThat(activity.summary()).startsWith("Created/changed: ").endsWith("and more");
    }

    @Test
    void anOrdinaryAttemptIsRecordedWhole() throws Exception {
        RecordedActivity activity = new RecordedActivity();
        activity.created("client", "42", "https://desk.example/clients/42");
        activity.note("Call 1 is internal");
        JsonNode record = new ObjectMapper().readTree(activity.toJson());
        assertThat(record.path("created").get(0).path("ref").asText()).isEqualTo("42");
        assertThat(record.path("notes")).hasSize(1);
        assertThat(record.path("notes").get(0).asText()).isEqualTo("Call 1 is internal");
    }
}
