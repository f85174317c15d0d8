package io.switchboard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.http.VendorResponse;
import io.switchboard.spi.inbound.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpiValuesTest {

    @Test
    void spiVersionComesFromTheBuild() {
        assertThat(SpiVersion.current()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void soundSchemaHasNoErrors() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.secret("api_token", "Token").asRequired(),
                ConfigField.choice("region", "Region", List.of(Choice.of("ru", "Russia"))).withDefault("ru"),
                ConfigField.mapping("agents", "Agents", List.of(
                        ConfigField.choice("agent", "Agent", List.of()).fromSource("agents"),
                        ConfigField.text("extension", "Extension").withPattern("\\d+"))));
        assertThat(schema.errors()).isEmpty();
        assertThat(schema.field("api_token")).hasValueSatisfying(f -> assertThat(f.required()).isTrue());
    }

    @Test
    void schemaErrorsNameTheField() {
        ConfigSchema schema = ConfigSchema.of(
                ConfigField.text("Bad Key", "x"),
                ConfigField.text("dup", "a"),
                ConfigField.text("dup", "b"),
                ConfigField.choice("empty_choice", "c", List.of()),
                ConfigField.text("regex", "r").withPattern("(unclosed"),
                ConfigField.mapping("table", "t", List.of(ConfigField.secret("pw", "p"))),
                ConfigField.mapping("no_columns", "n", List.of()));
        assertThat(schema.errors()).hasSize(6).anySatisfy(e -> assertThat(e).contains("'Bad Key'"))
                .anySatisfy(e -> assertThat(e).contains("'dup' is declared twice"))
                .anySatisfy(e -> assertThat(e).contains("'empty_choice' has neither choices nor an options source"))
                .anySatisfy(e -> assertThat(e).contains("'regex' has an invalid pattern"))
                .anySatisfy(e -> assertThat(e).contains("'table.pw' has type SECRET"))
                .anySatisfy(e -> assertThat(e).contains("'no_columns' has no columns"));
    }

    @Test
    void configValuesAreTypedAndNeverPrintValues() {
        ConfigValues values = ConfigValues.of(Map.of("token", "s3cr3t", "n", 42L, "on", true, "blank", " ",
                "multi", List.of("1", "8"), "rows", List.of(Map.of("agent", "5", "extension", "101"))));
        assertThat(values.requireText("token")).isEqualTo("s3cr3t");
        assertThat(values.text("blank")).isEmpty();
        assertThat(values.number("n")).contains(42L);
        assertThat(values.bool("on")).isTrue();
        assertThat(values.bool("missing")).isFalse();
        assertThat(values.list("multi")).containsExactly("1", "8");
        assertThat(values.rows("rows")).singleElement().satisfies(r -> assertThat(r).containsEntry("extension", "101"));
        assertThat(values.toString()).doesNotContain("s3cr3t");
        assertThatThrownBy(() -> values.requireText("absent")).hasMessageContaining("'absent'");
    }

    @Test
    void responsesAreClassifiedForRetries() {
        assertThat(response(201, Map.of()).requireSuccess("create").status()).isEqualTo(201);
        assertThatThrownBy(() -> response(503, Map.of()).requireSuccess("create a ticket"))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("create a ticket")
                .hasMessageContaining("503");
        assertThatThrownBy(() -> response(429, Map.of("retry-after", List.of("7"))).requireSuccess("x"))
                .isInstanceOfSatisfying(TransientVendorException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> response(422, Map.of()).requireSuccess("x"))
                .isInstanceOf(PermanentVendorException.class);
        assertThatThrownBy(() -> response(401, Map.of()).requireSuccess("x"))
                .isInstanceOf(PermanentVendorException.class);
    }

    @Test
    void retryAfterAcceptsHttpDatesAndIgnoresGarbage() {
        assertThat(response(429, Map.of("retry-after", List.of("Wed, 21 Oct 2015 07:28:00 GMT"))).retryAfter())
                .contains(Duration.ZERO);
        assertThat(response(429, Map.of("retry-after", List.of("soon"))).retryAfter()).isEmpty();
    }

    @Test
    void inboundRequestReadsFormsAndHeadersCaseInsensitively() {
        InboundRequest request = new InboundRequest("post",
                Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=UTF-8")),
                Map.of("event", List.of("1")),
                "call_id=abc&src_num=%2B7%20999&empty=&src_num=second".getBytes(StandardCharsets.UTF_8),
                Instant.EPOCH);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isPresent();
        assertThat(request.formFields()).containsEntry("call_id", "abc").containsEntry("src_num", "+7 999")
                .containsEntry("empty", "");
        assertThat(request.queryParam("event")).contains("1");
        assertThat(request.toString()).doesNotContain("abc");
    }

    @Test
    void rejectionsAreAlways4xx() {
        assertThat(WebhookRejectedException.unauthorized("bad secret").status()).isEqualTo(401);
        assertThatThrownBy(() -> new WebhookRejectedException(500, "no"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static VendorResponse response(int status, Map<String, List<String>> headers) {
        return new VendorResponse(status, headers, new byte[0]);
    }
}
