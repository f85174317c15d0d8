package io.switchboard.plugins.fieldshowcase.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShowcaseFakeTest {

    private final ShowcaseFake fake = new ShowcaseFake("acme", "T0K3N");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .timeout(Duration.ofSeconds(5)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackAndAnswersPingAndTeamsForTheRightToken() throws Exception {
        assertThat(fake.baseUrl()).startsWith("http://localhost:").endsWith("/"); // bound to 127.0.0.1, named like the platform's allowed internal host
        fake.addTeam("t1", "Support").addTeam("t2", "Sales");

        HttpResponse<String> ping = get("api/ping", "Bearer T0K3N");
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("{\"account\":\"acme\"}");

        HttpResponse<String> teams = get("api/teams", "Bearer T0K3N");
        assertThat(teams.statusCode()).isEqualTo(200);
        assertThat(teams.body()).isEqualTo("[{\"id\":\"t1\",\"name\":\"Support\"},{\"id\":\"t2\",\"name\":\"Sales\"}]");
    }

    @Test
    void refusesAWrongOrMissingTokenAndRecordsWhatWasSent() throws Exception {
        assertThat(get("api/ping", "Bearer nope").statusCode()).isEqualTo(401);
        assertThat(get("api/teams", null).statusCode()).isEqualTo(401);
        assertThat(get("api/ping", "T0K3N").statusCode()).as("without the Bearer scheme").isEqualTo(401);
        assertThat(fake.requests()).containsExactly(
                new ShowcaseFake.Request("GET", "/api/ping", "Bearer nope"),
                new ShowcaseFake.Request("GET", "/api/teams", null),
                new ShowcaseFake.Request("GET", "/api/ping", "T0K3N"));
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(fake.requestCount("/api/ping")).isEqualTo(2);
    }

    @Test
    void unknownPathsAre404AndInjectedAnswersComeFirst() throws Exception {
        assertThat(get("api/other", "Bearer T0K3N").statusCode()).isEqualTo(404);
        fake.failNext(2, 503);
        assertThat(get("api/ping", "Bearer T0K3N").statusCode()).isEqualTo(503);
        assertThat(get("api/ping", "Bearer T0K3N").statusCode()).isEqualTo(503);
        assertThat(get("api/ping", "Bearer T0K3N").statusCode()).isEqualTo(200);
        fake.answerNext(1, 200, "not json");
        assertThat(get("api/teams", "Bearer T0K3N").body()).isEqualTo("not json");
    }

    @Test
    void defaultAccountIsShowcaseTest() throws Exception {
        try (ShowcaseFake other = new ShowcaseFake("x")) {
            HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create(other.baseUrl() + "api/ping"))
                    .header("Authorization", "Bearer x").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ping.body()).isEqualTo("{\"account\":\"" + ShowcaseFake.DEFAULT_ACCOUNT + "\"}");
        }
    }
}
