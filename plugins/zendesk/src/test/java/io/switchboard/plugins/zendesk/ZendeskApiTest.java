package io.switchboard.plugins.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import io.switchboard.testkit.TestConnectorContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pagination and error reading with a stub HTTP client (answers the fake cannot give). */
class ZendeskApiTest {

    private final List<VendorRequest> sent = new ArrayList<>();

    private TestConnectorContext context(List<String> bodies) {
        List<String> answers = new ArrayList<>(bodies);
        return TestConnectorContext.builder()
                .config(Map.of("portal", "acme", "agent_email", "a@acme.test", "api_token", "t0k3n"))
                .http(request -> {
                    sent.add(request);
                    return new VendorResponse(200, Map.of(), answers.remove(0).getBytes(StandardCharsets.UTF_8));
                }).build();
    }

    @Test
    void aNextLinkToAnotherHostIsFollowedOnTheConfiguredAccountOnly() {
        TestConnectorContext ctx = context(List.of(
                "{\"users\":[{\"id\":1,\"name\":\"A\",\"role\":\"agent\"}],\"meta\":{\"has_more\":true},"
                        + "\"links\":{\"next\":\"https://evil.example/api/v2/users.json?page[size]=100&page[after]=xyz\"}}",
                "{\"users\":[{\"id\":2,\"name\":\"B\",\"role\":\"admin\"}],\"meta\":{\"has_more\":false},"
                        + "\"links\":{\"next\":\"https://evil.example/api/v2/users.json?page[after]=end\"}}"));
        assertThat(new ZendeskConnector().listAgents(ctx)).hasSize(2);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).uri()).hasToString(
                "https://acme.zendesk.com/api/v2/users?role%5B%5D=agent&role%5B%5D=admin&page%5Bsize%5D=100");
        assertThat(sent.get(1).uri()).hasToString(
                "https://acme.zendesk.com/api/v2/users.json?page%5Bsize%5D=100&page%5Bafter%5D=xyz");
        assertThat(sent).allSatisfy(r -> assertThat(r.headers().get("Authorization")).startsWith("Basic "));
    }

    @Test
    void offsetPagesAreFollowedByNextPageUntilNull() {
        TestConnectorContext ctx = context(List.of(
                "{\"results\":[{\"id\":1,\"result_type\":\"user\",\"email\":\"x@example.com\"}],"
                        + "\"next_page\":\"https://acme.zendesk.com/api/v2/search.json?page=2&query=type%3Auser\"}",
                "{\"results\":[],\"next_page\":null}"));
        assertThat(new ZendeskConnector().findClientByEmail("x@example.com", ctx)).isPresent();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).uri().getRawQuery()).isEqualTo("page=2&query=type%3Auser");
    }

    @Test
    void errorTextJoinsErrorDescriptionAndDetails() {
        VendorResponse invalid = new VendorResponse(422, Map.of(), ("{\"error\":\"RecordInvalid\",\"description\":"
                + "\"Record validation errors\",\"details\":{\"requester\":[{\"description\":\"Requester: Email is"
                + " invalid\",\"error\":\"InvalidValue\"}]}}").getBytes(StandardCharsets.UTF_8));
        assertThat(ZendeskApi.errorText(invalid)).isEqualTo(
                "RecordInvalid: Record validation errors; Requester: Email is invalid [InvalidValue]");
        VendorResponse titled = new VendorResponse(403, Map.of(), "{\"error\":{\"title\":\"Forbidden\",\"message\":\"No\"}}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ZendeskApi.errorText(titled)).isEqualTo("Forbidden: No");
        assertThat(ZendeskApi.errorText(new VendorResponse(429, Map.of(), "Too Many Requests".getBytes())))
                .isNull();
    }

    @Test
    void phonesAreComparedByDigitsOrTheirLastTen() {
        assertThat(ZendeskMapping.samePhone("+7 (999) 000-11-22", "89990001122")).isTrue();
        assertThat(ZendeskMapping.samePhone("+380 44 123 4567", "044-123-45-67")).isTrue();
        assertThat(ZendeskMapping.samePhone("101", "101")).isTrue();
        assertThat(ZendeskMapping.samePhone("101", "0101")).isFalse();
        assertThat(ZendeskMapping.samePhone("", "")).isFalse();
        assertThat(ZendeskMapping.samePhone(null, "+79990001122")).isFalse();
        assertThat(ZendeskMapping.samePhone("+79990001122", "+79990001123")).isFalse();
    }
}
