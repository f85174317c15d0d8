package io.switchboard.spi.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.error.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link FlatFields}: template webhooks (Deskie, Planfix rules) read the same, JSON or form. */
class FlatFieldsTest {

    private static InboundRequest body(String text) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")), Map.of(),
                text.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void nestedObjectsJoinTheirNamesListsGiveTheirFirstItemNullsAreLeftOut() {
        Map<String, String> fields = FlatFields.of(body(
                "{\"case\":{\"id\":7,\"user\":{\"email\":\"a@b.c\"}},\"tags\":[\"vip\",\"new\"],\"note\":null,"
                        + "\"case_id\":\"later\"}"), Set.of());
        assertThat(fields).containsExactly(Map.entry("case_id", "7"), Map.entry("case_user_email", "a@b.c"),
                Map.entry("tags", "vip"));
    }

    @Test
    void aWrapperObjectAtTheTopCountsAsTheTop() {
        assertThat(FlatFields.of(body("{\"Data\":{\"case_id\":\"9\"},\"event\":\"x\"}"), Set.of("data")))
                .containsExactly(Map.entry("case_id", "9"), Map.entry("event", "x"));
        assertThat(FlatFields.of(body("{\"data\":\"plain\"}"), Set.of("data")))
                .containsExactly(Map.entry("data", "plain"));
    }

    @Test
    void aFormIsReadLenientlyAndAnEmptyBodyHasNoFields() {
        assertThat(FlatFields.of(body("case_id=7&text=100%25+sure&bad=%zz&=x"), Set.of()))
                .containsExactly(Map.entry("case_id", "7"), Map.entry("text", "100% sure"), Map.entry("bad", "%zz"));
        assertThat(FlatFields.of(body("  "), Set.of())).isEmpty();
    }

    @Test
    void whatIsNeitherJsonObjectNorFormIsRefusedWith400() {
        for (String text : List.of("{broken", "[{\"a\":1}]", "<html>a=b</html>", "just text")) {
            assertThatThrownBy(() -> FlatFields.of(body(text), Set.of()))
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void theDigestIsStableShortAndTellsValuesApart() {
        String one = InboundKeys.digest("7", "hello", null);
        assertThat(one).hasSize(20).matches("[0-9a-f]{20}");
        assertThat(InboundKeys.digest("7", "hello", "")).isEqualTo(one);
        assertThat(InboundKeys.digest("7", "hello")).isNotEqualTo(one);
        assertThat(InboundKeys.digest("7h", "ello", null)).isNotEqualTo(one);
        // the value the Deskie and Planfix connectors computed before SPI 1.4 (their stored dedup keys stay valid)
        assertThat(InboundKeys.digest("a")).isEqualTo("ffe9aaeaa2a2d5048174");
    }
}
