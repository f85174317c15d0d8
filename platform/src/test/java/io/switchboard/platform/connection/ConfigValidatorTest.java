package io.switchboard.platform.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.TemplateVariable;
import io.switchboard.spi.config.ValidationProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text("account", "Account").asRequired().withPattern("[a-z0-9-]{3,30}"),
            ConfigField.secret("api_token", "API token").asRequired(),
            ConfigField.url("base_url", "Base URL"),
            ConfigField.email("notify", "Notify"),
            ConfigField.number("timeout", "Timeout").withRange(1L, 120L).withDefault("30"),
            ConfigField.bool("greet", "Greet"),
            ConfigField.choice("region", "Region", List.of(Choice.of("eu", "Europe"), Choice.of("us", "USA"))),
            ConfigField.choice("team", "Team", List.of()).fromSource("teams"),
            ConfigField.multiChoice("channels", "Channels", List.of(Choice.of("phone", "Phone"), Choice.of("chat", "Chat"))),
            ConfigField.template("greeting", "Greeting", List.of(new TemplateVariable("client_name", "Client", "Ann"))),
            ConfigField.mapping("agents", "Agents", List.of(ConfigField.email("email", "E-mail").asRequired(),
                    ConfigField.number("extension", "Extension"))));

    @Test
    void validInputBecomesTypedValuesWithDefaults() {
        Map<String, Object> input = new HashMap<>();
        input.put("account", "acme");
        input.put("api_token", "t0ken");
        input.put("base_url", "https://api.example.com/");
        input.put("greet", "true");
        input.put("region", "eu");
        input.put("team", "t-42");
        input.put("channels", List.of("phone", "chat", "phone"));
        input.put("greeting", "Hello {{ client_name }}");
        input.put("agents", List.of(Map.of("email", "ann@example.com", "extension", "101"),
                Map.of("email", "", "extension", "")));

        ConfigValidator.Result result = ConfigValidator.validate(SCHEMA, input, Map.of());

        assertThat(result.problems()).isEmpty();
        assertThat(result.values()).containsEntry("timeout", 30L).containsEntry("greet", true)
                .containsEntry("channels", List.of("phone", "chat")).containsEntry("team", "t-42")
                .containsEntry("agents", List.of(Map.of("email", "ann@example.com", "extension", "101")));
    }

    @Test
    void everyBadFieldGetsItsOwnPlainMessage() {
        Map<String, Object> input = new HashMap<>();
        input.put("account", "Not Valid!");
        input.put("base_url", "ftp://x");
        input.put("notify", "nobody");
        input.put("timeout", "500");
        input.put("region", "mars");
        input.put("channels", List.of("fax"));
        input.put("greeting", "Hi {{nme}}");
        input.put("agents", List.of(Map.of("email", "not-an-email", "extension", "x1")));
        input.put("surprise", "x");

        List<ValidationProblem> problems = ConfigValidator.validate(SCHEMA, input, Map.of()).problems();

        assertThat(problems).extracting(ValidationProblem::field).containsExactlyInAnyOrder("surprise", "account",
                "api_token", "base_url", "notify", "timeout", "region", "channels", "greeting", "agents");
        assertThat(message(problems, "timeout")).isEqualTo("Timeout must be between 1 and 120");
        assertThat(message(problems, "greeting")).contains("{{nme}}").contains("{{client_name}}");
        assertThat(message(problems, "agents")).contains("row 1, E-mail").contains("row 1, Extension must be a whole number");
        assertThat(message(problems, "api_token")).isEqualTo("API token is required");
    }

    @Test
    void blankSecretKeepsTheStoredOneAndClearRemovesIt() {
        Map<String, Object> input = new HashMap<>(Map.of("account", "acme", "api_token", " "));
        ConfigValidator.Result kept = ConfigValidator.validate(SCHEMA, input, Map.of("api_token", "stored"));
        assertThat(kept.values()).containsEntry("api_token", "stored");

        input.put("api_token", ConfigInput.CLEAR);
        ConfigValidator.Result cleared = ConfigValidator.validate(SCHEMA, input, Map.of("api_token", "stored"));
        assertThat(cleared.problems()).extracting(ValidationProblem::field).containsExactly("api_token");
    }

    private static String message(List<ValidationProblem> problems, String field) {
        return problems.stream().filter(p -> field.equals(p.field())).findFirst().orElseThrow().message();
    }
}
