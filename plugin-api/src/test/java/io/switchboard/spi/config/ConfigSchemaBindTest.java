package io.switchboard.spi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ConfigSchema#bind}: the binding the platform applies to every form and API call (SPI 1.4). */
class ConfigSchemaBindTest {

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

        BoundConfig result = SCHEMA.bind(input);

        assertThat(result.problems()).isEmpty();
        assertThat(result.values().asMap()).containsEntry("timeout", 30L).containsEntry("greet", true)
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

        List<ValidationProblem> problems = SCHEMA.bind(input).problems();

        assertThat(problems).extracting(ValidationProblem::field).containsExactlyInAnyOrder("surprise", "account",
                "api_token", "base_url", "notify", "timeout", "region", "channels", "greeting", "agents");
        assertThat(message(problems, "timeout")).isEqualTo("Timeout must be between 1 and 120");
        assertThat(message(problems, "greeting")).contains("{{nme}}").contains("{{client_name}}");
        assertThat(message(problems, "agents")).contains("row 1, E-mail").contains("row 1, Extension must be a whole number");
        assertThat(message(problems, "api_token")).isEqualTo("API token is required");
    }

    @Test
    void aFormsTextIsTrimmedAndAnAbsentOrNullValueIsLikeABlankOne() {
        Map<String, Object> input = new HashMap<>();
        input.put("account", "  acme ");
        input.put("api_token", "t0ken");
        input.put("timeout", null);
        input.put("channels", "chat, phone,,chat");

        ConfigValues values = SCHEMA.bind(input).orElseThrow();

        assertThat(values.text("account")).hasValue("acme");
        assertThat(values.number("timeout")).hasValue(30L);
        assertThat(values.list("channels")).containsExactly("chat", "phone");
        assertThat(values.bool("greet")).isFalse();
    }

    @Test
    void apiKeysAreNeverBoundFromInput() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.apiKeys("api_keys", "API keys"));
        assertThat(schema.bind(Map.of("api_keys", "my-own-key")).problems()).extracting(ValidationProblem::message)
                .containsExactly("API keys are made by the platform, not entered");
        assertThat(schema.bind(Map.of("api_keys", " ")).values().asMap()).isEmpty();
    }

    @Test
    void orElseThrowNamesEveryProblem() {
        assertThatThrownBy(() -> SCHEMA.bind(Map.of("account", "x")).orElseThrow())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("account: Account has the wrong format")
                .hasMessageContaining("api_token: API token is required");
    }

    private static String message(List<ValidationProblem> problems, String field) {
        return problems.stream().filter(p -> field.equals(p.field())).findFirst().orElseThrow().message();
    }
}
