package io.switchboard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.inbound.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link InboundRequest#formFields()} reads what vendors really send, broken escapes included (issue #25). */
class InboundRequestFormFieldsTest {

    private static InboundRequest form(String body) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
                Map.of(), body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void aStrayPercentKeepsItsRawTextAndCostsNoOtherPair() {
        // Threw IllegalArgumentException before, which the platform reported as a plugin failure with a stack.
        assertThat(form("a=%&b=1").formFields()).containsExactly(Map.entry("a", "%"), Map.entry("b", "1"));
    }

    @Test
    void eachNameAndValueIsDecodedOnItsOwn() {
        assertThat(form("call_id=%zz&caller=%2B7916&%=x&note=100%25+sure").formFields())
                .containsEntry("call_id", "%zz")
                .containsEntry("caller", "+7916")
                .containsEntry("%", "x")
                .containsEntry("note", "100% sure");
    }

    @Test
    void removingAFieldFromABrokenFormStillWorks() {
        InboundRequest stripped = form("token=s3cret&a=%&b=%zz").withoutBodyFields("token");
        assertThat(stripped.bodyText()).isEqualTo("a=%&b=%zz");
        assertThat(stripped.formFields()).containsExactly(Map.entry("a", "%"), Map.entry("b", "%zz"));
    }
}
