package io.switchboard.plugins.ringostat.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RingostatApiFakeTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String PROJECT = "12345";
    private static final String CONTACT = "{\"contacts\": [{\"projectId\": 12345, \"fullName\": \"Іван Петренко\", "
            + "\"externalId\": \"361\", \"contactLink\": \"https://acme.zendesk.com/agent/users/361\", "
            + "\"leadLink\": \"https://acme.zendesk.com/agent/tickets/1042\", "
            + "\"contactDirections\": [{\"type\": \"phone\", \"value\": \"380671234567\"}]}]}";

    private final RingostatApiFake ringostat = new RingostatApiFake(KEY, PROJECT);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        ringostat.close();
    }

    private HttpResponse<String> post(String path, String key, String project, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ringostat.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("auth-key", key);
        }
        if (project != null) {
            request.header("x-project-id", project);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsAContactPushWithBothHeadersAndKeepsTheLatestPerContact() throws Exception {
        assertThat(post("minicrm/contacts/sync", KEY, PROJECT, CONTACT).statusCode()).isEqualTo(200);
        assertThat(post("minicrm/contacts/sync", KEY, PROJECT, CONTACT.replace("1042", "1043")).statusCode())
                .isEqualTo(200);
        assertThat(ringostat.pushedContacts()).hasSize(2);
        assertThat(ringostat.contacts()).singleElement().satisfies(c -> {
            assertThat(c.fullName()).isEqualTo("Іван Петренко");
            assertThat(c.externalId()).isEqualTo("361");
            assertThat(c.leadLink()).endsWith("/1043");
            assertThat(c.phones()).containsExactly("380671234567");
        });
    }

    @Test
    void refusesAMissingOrWrongKeyOrProjectAndAContactWithoutNameOrNumber() throws Exception {
        assertThat(post("minicrm/contacts/sync", null, PROJECT, CONTACT).statusCode()).isEqualTo(401);
        assertThat(post("minicrm/contacts/sync", "wrong", PROJECT, CONTACT).statusCode()).isEqualTo(401);
        assertThat(post("minicrm/contacts/sync", KEY, null, CONTACT).statusCode()).isEqualTo(403);
        assertThat(post("minicrm/contacts/sync", KEY, "999", CONTACT).statusCode()).isEqualTo(403);
        assertThat(post("minicrm/contacts/sync", KEY, PROJECT, CONTACT.replace("Іван Петренко", " ")).statusCode())
                .isEqualTo(400);
        assertThat(post("minicrm/contacts/sync", KEY, PROJECT, CONTACT.replace("[{\"type\": \"phone\", \"value\": "
                + "\"380671234567\"}]", "[]")).statusCode()).isEqualTo(400);
        assertThat(post("minicrm/contacts/sync", KEY, PROJECT, CONTACT.replace("12345", "777")).statusCode())
                .isEqualTo(400);
        assertThat(post("minicrm/contacts/sync", KEY, PROJECT, "{\"contacts\": []}").statusCode()).isEqualTo(400);
        assertThat(post("calls/sync", KEY, PROJECT, CONTACT).statusCode()).isEqualTo(404);
        assertThat(ringostat.contacts()).isEmpty();
        assertThat(ringostat.requests()).hasSize(9);
    }

    @Test
    void failNextFailsTheNextRequests() throws Exception {
        ringostat.failNext(1, 503);
        assertThat(post("minicrm/contacts/sync", KEY, PROJECT, CONTACT).statusCode()).isEqualTo(503);
        assertThat(post("minicrm/contacts/sync", KEY, PROJECT, CONTACT).statusCode()).isEqualTo(200);
        assertThat(ringostat.contacts()).hasSize(1);
    }
}
