package io.switchboard.spi.config;

import java.util.List;
import java.util.Objects;

/**
 * One setting of a connector (or of a flow). Create with the static factories and refine with the {@code with…}
 * methods, which return copies:
 *
 * <pre>{@code
 * ConfigField.secret("api_token", "API token").asRequired().withHelp("Settings → Channels → API")
 * ConfigField.choice("host", "Region", List.of(Choice.of("ru", "Russia"), Choice.of("com", "International"))).withDefault("ru")
 * ConfigField.mapping("agents", "Agents and extensions",
 *         List.of(ConfigField.choice("agent", "Agent", List.of()).fromSource("agents"), ConfigField.text("extension", "Extension")))
 * }</pre>
 *
 * @param key           stable key the value is stored under: lower-case letters, digits and underscores
 * @param label         the label shown to the tenant (plain text; the platform escapes it)
 * @param type          the field type
 * @param help          a help sentence under the field, or empty (plain text)
 * @param required      whether a value must be given
 * @param defaultValue  the value used when none is stored, as its string form, or {@code null}
 * @param pattern       a Java regular expression a TEXT value must match, or {@code null}
 * @param min           lower bound of a NUMBER, or {@code null}
 * @param max           upper bound of a NUMBER, or {@code null}
 * @param choices       fixed options of CHOICE / MULTI_CHOICE
 * @param optionsSource name of dynamic options asked from {@link io.switchboard.spi.Connector#options}, or {@code null}
 * @param variables     variables a TEMPLATE may use
 * @param columns       the columns of a MAPPING
 */
public record ConfigField(String key, String label, FieldType type, String help, boolean required,
                          String defaultValue, String pattern, Long min, Long max, List<Choice> choices,
                          String optionsSource, List<TemplateVariable> variables, List<ConfigField> columns) {

    public ConfigField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        label = label == null ? key : label;
        help = help == null ? "" : help;
        choices = choices == null ? List.of() : List.copyOf(choices);
        variables = variables == null ? List.of() : List.copyOf(variables);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    private static ConfigField of(String key, String label, FieldType type) {
        return new ConfigField(key, label, type, "", false, null, null, null, null, null, null, null, null);
    }

    /** @return a one-line text field, optional until {@link #asRequired()} */
    public static ConfigField text(String key, String label) {
        return of(key, label, FieldType.TEXT);
    }

    /** @return a secret field: encrypted at rest, never shown back, optional until {@link #asRequired()} */
    public static ConfigField secret(String key, String label) {
        return of(key, label, FieldType.SECRET);
    }

    /** @return an absolute http(s) URL field, optional until {@link #asRequired()} */
    public static ConfigField url(String key, String label) {
        return of(key, label, FieldType.URL);
    }

    /** @return an e-mail field, optional until {@link #asRequired()} */
    public static ConfigField email(String key, String label) {
        return of(key, label, FieldType.EMAIL);
    }

    /** @return a whole-number field, optional until {@link #asRequired()} */
    public static ConfigField number(String key, String label) {
        return of(key, label, FieldType.NUMBER);
    }

    /** @return a switch, optional until {@link #asRequired()} */
    public static ConfigField bool(String key, String label) {
        return of(key, label, FieldType.BOOLEAN);
    }

    /** @return a single choice among {@code choices}, optional until {@link #asRequired()} */
    public static ConfigField choice(String key, String label, List<Choice> choices) {
        return of(key, label, FieldType.CHOICE).withChoices(choices);
    }

    /** @return a multiple choice among {@code choices}, optional until {@link #asRequired()} */
    public static ConfigField multiChoice(String key, String label, List<Choice> choices) {
        return of(key, label, FieldType.MULTI_CHOICE).withChoices(choices);
    }

    /** @return a template field listing the {@code variables} it may use, optional until {@link #asRequired()} */
    public static ConfigField template(String key, String label, List<TemplateVariable> variables) {
        return new ConfigField(key, label, FieldType.TEMPLATE, "", false, null, null, null, null, null, null,
                variables, null);
    }

    /** @return a table whose rows have the {@code columns}, optional until {@link #asRequired()} */
    public static ConfigField mapping(String key, String label, List<ConfigField> columns) {
        return new ConfigField(key, label, FieldType.MAPPING, "", false, null, null, null, null, null, null, null,
                columns);
    }

    /**
     * @return a field of keys the platform generates for callers of the inbound URL ({@link FieldType#API_KEYS}); it
     *         is never entered in a form, so it is never required (since SPI 1.4)
     */
    public static ConfigField apiKeys(String key, String label) {
        return of(key, label, FieldType.API_KEYS);
    }

    /** @return a copy that must be filled in */
    public ConfigField asRequired() {
        return new ConfigField(key, label, type, help, true, defaultValue, pattern, min, max, choices,
                optionsSource, variables, columns);
    }

    /** @return a copy with a help sentence */
    public ConfigField withHelp(String text) {
        return new ConfigField(key, label, type, text, required, defaultValue, pattern, min, max, choices,
                optionsSource, variables, columns);
    }

    /** @return a copy with a default value (string form: {@code "true"}, {@code "42"}, {@code "a,b"} for multi-choice) */
    public ConfigField withDefault(String value) {
        return new ConfigField(key, label, type, help, required, value, pattern, min, max, choices,
                optionsSource, variables, columns);
    }

    /** @return a copy whose TEXT value must match the regular expression */
    public ConfigField withPattern(String regex) {
        return new ConfigField(key, label, type, help, required, defaultValue, regex, min, max, choices,
                optionsSource, variables, columns);
    }

    /** @return a copy whose NUMBER value must lie within the bounds (either may be {@code null}) */
    public ConfigField withRange(Long lower, Long upper) {
        return new ConfigField(key, label, type, help, required, defaultValue, pattern, lower, upper, choices,
                optionsSource, variables, columns);
    }

    /** @return a copy with fixed choices */
    public ConfigField withChoices(List<Choice> options) {
        return new ConfigField(key, label, type, help, required, defaultValue, pattern, min, max, options,
                optionsSource, variables, columns);
    }

    /** @return a copy whose choices come from {@link io.switchboard.spi.Connector#options} with this source name */
    public ConfigField fromSource(String source) {
        return new ConfigField(key, label, type, help, required, defaultValue, pattern, min, max, choices,
                source, variables, columns);
    }
}
