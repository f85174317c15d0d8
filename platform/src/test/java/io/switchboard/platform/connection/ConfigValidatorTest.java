package io.switchboard.platform.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ValidationProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform's part of binding settings: stored secrets and {@link ConfigInput#CLEAR}. The binding itself (types,
 * defaults, formats, ranges, choices, templates, mappings) is the SPI's {@code ConfigSchema.bind}, tested in
 * plugin-api ({@code ConfigSchemaBindTest}).
 */
class ConfigValidatorTest {

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text("account", "Account").asRequired().withPattern("[a-z0-9-]{3,30}"),
            ConfigField.secret("api_token", "API token").asRequired(),
            ConfigField.number("timeout", "Timeout").withRange(1L, 120L).withDefault("30"),
            ConfigField.multiChoice("channels", "Channels", List.of(Choice.of("phone", "Phone"), Choice.of("chat", "Chat")))
                    .withDefault("phone"),
            ConfigField.mapping("agents", "Agents", List.of(ConfigField.text("extension", "Extension"))));

    @Test
    void blankSecretKeepsTheStoredOneAndClearRemovesIt() {
        Map<String, Object> input = new HashMap<>(Map.of("account", "acme", "api_token", " "));
        ConfigValidator.Result kept = ConfigValidator.validate(SCHEMA, input, Map.of("api_token", "stored"));
        assertThat(kept.values()).containsEntry("api_token", "stored");

        input.put("api_token", ConfigInput.CLEAR);
        ConfigValidator.Result cleared = ConfigValidator.validate(SCHEMA, input, Map.of("api_token", "stored"));
        assertThat(cleared.problems()).extracting(ValidationProblem::field).containsExactly("api_token");
    }

    @Test
    void aGivenSecretReplacesTheStoredOneAndClearOnAnotherFieldMeansItsDefault() {
        Map<String, Object> input = new HashMap<>(Map.of("account", "acme", "api_token", "new"));
        input.put("timeout", ConfigInput.CLEAR);

        ConfigValidator.Result result = ConfigValidator.validate(SCHEMA, input, Map.of("api_token", "stored"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.values()).containsEntry("api_token", "new").containsEntry("timeout", 30L);
    }

    @Test
    void clearOnAListEmptiesItRatherThanRestoringItsDefault() {
        Map<String, Object> input = new HashMap<>(Map.of("account", "acme", "api_token", "t"));
        input.put("channels", ConfigInput.CLEAR);
        input.put("agents", ConfigInput.CLEAR);

        ConfigValidator.Result result = ConfigValidator.validate(SCHEMA, input, Map.of());

        assertThat(result.problems()).isEmpty();
        assertThat(result.values()).doesNotContainKeys("channels", "agents");
        assertThat(ConfigValidator.validate(SCHEMA, Map.of("account", "acme", "api_token", "t"), Map.of()).values())
                .containsEntry("channels", List.of("phone"));
    }

    @Test
    void theSpiBindingsProblemsAndValuesComeThroughUnchanged() {
        Map<String, Object> input = Map.of("account", "Not Valid!", "timeout", "500", "surprise", "x");

        ConfigValidator.Result result = ConfigValidator.validate(SCHEMA, input, Map.of());

        assertThat(result.problems()).isEqualTo(SCHEMA.bind(input).problems());
        assertThat(result.problems()).extracting(ValidationProblem::field)
                .containsExactlyInAnyOrder("surprise", "account", "api_token", "timeout");
    }
}
