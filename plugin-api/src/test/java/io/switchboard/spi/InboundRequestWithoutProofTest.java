package io.switchboard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.inbound.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The helpers connectors use to store a request without its secret ({@code Connector.withoutProof}). */
class InboundRequestWithoutProofTest {

    private static InboundRequest request(String contentType, String body, Map<String, List<String>> query) {
        return new InboundRequest("POST", contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)),
                query, body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void queryParametersGoWhateverTheirCaseAndTheOthersStay() {
        InboundRequest r = request(null, "", Map.of("token", List.of("s3cret"), "Secret", List.of("x"),
                "call_id", List.of("42")));
        InboundRequest stripped = r.withoutQueryParameters("token", "secret");
        assertThat(stripped.query()).containsOnlyKeys("call_id");
        assertThat(r.withoutQueryParameters("absent")).isSameAs(r);
    }

    @Test
    void formFieldsGoAndTheOtherPairsKeepTheirBytes() {
        InboundRequest r = request("application/x-www-form-urlencoded",
                "call_id=a%20b&token=s3cret&TOKEN=again&number=%2B7916", Map.of());
        InboundRequest stripped = r.withoutBodyFields("token");
        assertThat(stripped.bodyText()).isEqualTo("call_id=a%20b&number=%2B7916");
        assertThat(stripped.formFields()).containsEntry("call_id", "a b").containsEntry("number", "+7916")
                .doesNotContainKey("token");
    }

    @Test
    void aFormSentWithoutItsContentTypeIsStillAForm() {
        InboundRequest r = request(null, "token=s3cret&event=1", Map.of());
        assertThat(r.withoutBodyFields("token").bodyText()).isEqualTo("event=1");
        InboundRequest text = request("text/plain", "event=1&token=s3cret", Map.of());
        assertThat(text.withoutBodyFields("token").bodyText()).isEqualTo("event=1");
    }

    @Test
    void topLevelJsonMembersGoNestedOnesAndOtherBodiesStay() {
        InboundRequest json = request("application/json",
                "{\"secret\": \"s3cret\", \"ticket\": {\"id\": 7, \"secret\": \"kept: not the proof\"}}", Map.of());
        assertThat(json.withoutBodyFields("secret").bodyText())
                .isEqualTo("{\"ticket\":{\"id\":7,\"secret\":\"kept: not the proof\"}}");
        InboundRequest array = request("application/json", "[{\"secret\":1}]", Map.of());
        assertThat(array.withoutBodyFields("secret")).isSameAs(array);
        InboundRequest broken = request("application/json", "{\"secret\": \"s3", Map.of());
        assertThat(broken.withoutBodyFields("secret")).isSameAs(broken);
        InboundRequest xml = request("application/xml", "<a secret=\"x\"/>", Map.of());
        assertThat(xml.withoutBodyFields("secret")).isSameAs(xml);
    }

    @Test
    void theRestOfTheRequestIsUnchanged() {
        InboundRequest r = request("application/json", "{\"secret\":\"s\",\"a\":1}", Map.of("q", List.of("1")));
        InboundRequest stripped = r.withoutBodyFields("secret");
        assertThat(stripped.method()).isEqualTo("POST");
        assertThat(stripped.headers()).isEqualTo(r.headers());
        assertThat(stripped.query()).isEqualTo(r.query());
        assertThat(stripped.receivedAt()).isEqualTo(r.receivedAt());
    }
}
