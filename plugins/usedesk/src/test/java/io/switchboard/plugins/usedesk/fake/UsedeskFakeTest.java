package io.switchboard.plugins.usedesk.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Usedesk fake's {@code /ticket/fields} and {@code /tickets} {@code fstatus} as Usedesk documents them. */
class UsedeskFakeTest {

    private static final String TOKEN = "e1cbe1c1c9d910ef2ae975215644cb53dd555de4";

    private final UsedeskFake fake = new UsedeskFake(TOKEN);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> post(String method, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + method)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ticketFieldsListsEveryFieldInTheDocumentedShape() throws Exception {
        fake.addTicketField(54, "Dialog ID in CQ")
                .addTicketField(55, "Difficulty", UsedeskFake.TicketField.LIST, List.of("Easy", "Hard"))
                .addTicketField(56, "Old", UsedeskFake.TicketField.CHECKBOX, List.of()).deleteTicketField(56);

        HttpResponse<String> answer = post("ticket/fields", "{\"api_token\":\"" + TOKEN + "\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode fields = json.readTree(answer.body());
        assertThat(fields.isArray()).isTrue();
        assertThat(fields).hasSize(3);
        JsonNode text = fields.get(0).path("custom_field");
        // Numbers and flags as strings, as in the example of Usedesk's page.
        assertThat(text.path("id").isTextual()).isTrue();
        assertThat(text.path("id").asText()).isEqualTo("54");
        assertThat(text.path("name").asText()).isEqualTo("Dialog ID in CQ");
        assertThat(text.path("ticket_field_type_id").asText()).isEqualTo("1");
        assertThat(text.path("deleted").asText()).isEqualTo("0");
        assertThat(fields.get(0).path("field_options").isArray()).isTrue();
        assertThat(fields.get(0).path("field_options")).isEmpty();
        JsonNode list = fields.get(1);
        assertThat(list.path("custom_field").path("ticket_field_type_id").asText()).isEqualTo("2");
        assertThat(list.path("field_options")).extracting(o -> o.path("value").asText())
                .containsExactly("Easy", "Hard");
        assertThat(list.path("field_options").get(0).path("ticket_field_id").asLong()).isEqualTo(55);
        assertThat(fields.get(2).path("custom_field").path("deleted").asText()).isEqualTo("1");

        assertThat(post("ticket/fields", "{}").statusCode()).isEqualTo(401);
        assertThat(post("ticket/fields", "{\"api_token\":\"wrong\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void ticketsTakesSeveralStatusesSeparatedByCommas() throws Exception {
        long open = fake.addTicket(null, "open", 1, null);
        fake.addTicket(null, "closed", 3, null);
        long pending = fake.addTicket(null, "pending", 6, null);
        long fresh = fake.addTicket(null, "new", 8, null);

        assertThat(ids(post("tickets", "{\"api_token\":\"" + TOKEN + "\",\"fstatus\":\"1,6,8\",\"order\":\"desc\"}")))
                .containsExactly(fresh, pending, open);
        assertThat(ids(post("tickets", "{\"api_token\":\"" + TOKEN + "\",\"fstatus\":\"1, 8\"}")))
                .containsExactly(open, fresh);
        assertThat(ids(post("tickets", "{\"api_token\":\"" + TOKEN + "\",\"fstatus\":6}"))).containsExactly(pending);
        assertThat(ids(post("tickets", "{\"api_token\":\"" + TOKEN + "\",\"fstatus\":\"open\"}"))).isEmpty();
        assertThat(ids(post("tickets", "{\"api_token\":\"" + TOKEN + "\"}"))).hasSize(4);
    }

    private List<Long> ids(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(200);
        List<Long> ids = new java.util.ArrayList<>();
        json.readTree(answer.body()).forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }
}
