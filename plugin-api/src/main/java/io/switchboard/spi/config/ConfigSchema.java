package io.switchboard.spi.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The ordered list of settings of a connector or flow, from which the platform renders the form.
 *
 * @param fields the fields, in display order; keys are unique
 */
public record ConfigSchema(List<ConfigField> fields) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<FieldType> COLUMN_TYPES =
            java.util.EnumSet.of(FieldType.TEXT, FieldType.EMAIL, FieldType.NUMBER, FieldType.BOOLEAN, FieldType.CHOICE);

    public ConfigSchema {
        fields = List.copyOf(fields);
    }

    /** @return a schema of these fields, in this order */
    public static ConfigSchema of(ConfigField... fields) {
        return new ConfigSchema(List.of(fields));
    }

    /** @return a schema without settings */
    public static ConfigSchema empty() {
        return new ConfigSchema(List.of());
    }

    /** @return the field with the key, if declared */
    public Optional<ConfigField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * Binds submitted settings to this schema, as the platform does for every form and API call before it saves a
     * connection: the text a form gives becomes the typed values a connector gets ({@link FieldType}); blank or absent
     * values take the field's default; required fields, URL and e-mail formats, TEXT patterns, NUMBER ranges, fixed
     * choices, TEMPLATE variables and MAPPING rows are checked, each problem in plain words next to its field; keys
     * the schema does not declare are problems too. Use it in a plugin's tests to build the configuration from the
     * strings a tenant types:
     *
     * <pre>{@code
     * ConfigValues config = connector.descriptor().configSchema()
     *         .bind(Map.of("account", "acme", "api_token", "T0K3N", "timeout", "30")).orElseThrow();
     * }</pre>
     *
     * <p>Input values: strings (or other scalars, read as their text; surrounding blanks are dropped) for simple
     * fields and SECRET, a list of strings or one comma-separated string for MULTI_CHOICE, a list of column-to-text
     * maps for MAPPING (rows left entirely blank are dropped). A {@code null} value is absent. API_KEYS are made by the
     * platform, never bound: a value given for one is a problem. What the platform adds
     * on top is its own business: a secret left blank keeps the stored one, options from
     * {@link io.switchboard.spi.Connector#options} are not checked (a CHOICE without fixed choices takes any value).
     *
     * @param input submitted values by key
     * @return the typed values and the problems
     * @since 1.4
     */
    public BoundConfig bind(java.util.Map<String, ?> input) {
        return ConfigBinder.bind(this, input == null ? java.util.Map.of() : input);
    }

    /**
     * Checks that the schema itself is well-formed: keys valid and unique, choice fields with choices or a source,
     * mapping columns of simple types, patterns that compile. The platform refuses a plugin whose schema has errors.
     *
     * @return the errors, one sentence each; empty when the schema is sound
     */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        collectErrors(fields, "", errors);
        return errors;
    }

    private static void collectErrors(List<ConfigField> fields, String prefix, List<String> errors) {
        Set<String> seen = new HashSet<>();
        for (ConfigField field : fields) {
            String name = prefix + field.key();
            if (!KEY.matcher(field.key()).matches()) {
                errors.add("field key '" + name + "' must match " + KEY.pattern());
            }
            if (!seen.add(field.key())) {
                errors.add("field key '" + name + "' is declared twice");
            }
            boolean choiceType = field.type() == FieldType.CHOICE || field.type() == FieldType.MULTI_CHOICE;
            if (choiceType && field.choices().isEmpty() && field.optionsSource() == null) {
                errors.add("choice field '" + name + "' has neither choices nor an options source");
            }
            if (field.pattern() != null) {
                try {
                    Pattern.compile(field.pattern());
                } catch (PatternSyntaxException e) {
                    errors.add("field '" + name + "' has an invalid pattern: " + e.getDescription());
                }
            }
            if (field.type() == FieldType.API_KEYS && field.required()) {
                errors.add("API keys field '" + name + "' cannot be required: the platform makes the keys after "
                        + "the connection is saved");
            }
            if (field.type() == FieldType.MAPPING) {
                if (field.columns().isEmpty()) {
                    errors.add("mapping field '" + name + "' has no columns");
                }
                for (ConfigField column : field.columns()) {
                    if (!COLUMN_TYPES.contains(column.type())) {
                        errors.add("column '" + name + "." + column.key() + "' has type " + column.type()
                                + "; mapping columns may be " + COLUMN_TYPES);
                    }
                }
                collectErrors(field.columns(), name + ".", errors);
            } else if (!field.columns().isEmpty()) {
                errors.add("field '" + name + "' is not a mapping but declares columns");
            }
        }
    }
}
