package io.switchboard.spi.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link InboundRequest#parameters()} and {@link InboundRequest#formFieldsOfAnyType()}: the lenient reading the
 * Sipuni and Ringostat connectors each kept a copy of before SPI 1.4.
 */
class InboundRequestParametersTest {

    private static InboundRequest request(String contentType, String query, String body) {
        Map<String, List<String>> headers = contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType));
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        FormEncoding.fields(query).forEach((name, value) -> params.put(name, List.of(value)));
        return new InboundRequest("POST", headers, params, body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void aFormPostedAsTextOrWithoutContentTypeIsStillAForm() {
        assertThat(request("text/plain; charset=utf-8", "", "call_id=1&src_num=%2B7916").formFieldsOfAnyType())
                .containsExactly(Map.entry("call_id", "1"), Map.entry("src_num", "+7916"));
        assertThat(request(null, "", "call_id=1").formFieldsOfAnyType()).containsExactly(Map.entry("call_id", "1"));
        assertThat(request("application/x-www-form-urlencoded", "", "a=%&b=1").formFieldsOfAnyType())
                .containsExactly(Map.entry("a", "%"), Map.entry("b", "1"));
        // the strict reading keeps its contract: only a declared form
        assertThat(request("text/plain", "", "call_id=1").formFields()).isEmpty();
    }

    @Test
    void jsonTextWithoutEqualsSignsAndOtherTypesAreNoForm() {
        assertThat(request(null, "", "{\"a\":\"x=y\"}").formFieldsOfAnyType()).isEmpty();
        assertThat(request("text/plain", "", "[\"a=b\"]").formFieldsOfAnyType()).isEmpty();
        assertThat(request("text/plain", "", "hello").formFieldsOfAnyType()).isEmpty();
        assertThat(request("application/xml", "", "<a>b=c</a>").formFieldsOfAnyType()).isEmpty();
        assertThat(request(null, "", "   ").formFieldsOfAnyType()).isEmpty();
    }

    @Test
    void parametersMergeTheQueryWithAFormBodyWhoseValuesWin() {
        InboundRequest request = request(null, "token=s3cret&event=1", " event=2&call_id= 77 ");
        // (the order among query parameters is not kept: InboundRequest copies them into an unordered map)
        assertThat(request.parameters()).containsExactlyInAnyOrderEntriesOf(
                Map.of("token", "s3cret", "event", "2", "call_id", "77"));
    }

    @Test
    void parametersReadTheScalarsOfAJsonObjectBody() {
        String json = "{\"call_id\":\" 42 \",\"duration\":87.5,\"answered\":true,\"note\":null,"
                + "\"agent\":{\"id\":1},\"tags\":[\"a\"]}";
        assertThat(request("application/json", "token=t", json).parameters()).containsExactly(
                Map.entry("token", "t"), Map.entry("call_id", "42"), Map.entry("duration", "87.5"),
                Map.entry("answered", "true")); // one query parameter first, then the body's in body order
        assertThat(request("text/plain", "", json).parameters()).containsKey("call_id");
        assertThat(request(null, "", json).parameters()).containsKey("call_id");
    }

    @Test
    void aBodyThatIsNeitherAddsNothingButTheQueryRemains() {
        assertThat(request("application/json", "event=1", "{not json").parameters())
                .containsExactly(Map.entry("event", "1"));
        assertThat(request("application/xml", "event=1", "<x/>").parameters())
                .containsExactly(Map.entry("event", "1"));
    }

    @Test
    void theQueryKeepsItsFirstValue() {
        InboundRequest request = new InboundRequest("GET", Map.of(),
                Map.of("a", List.of("1", "2")), new byte[0], Instant.EPOCH);
        assertThat(request.parameters()).containsExactly(Map.entry("a", "1"));
    }
}
