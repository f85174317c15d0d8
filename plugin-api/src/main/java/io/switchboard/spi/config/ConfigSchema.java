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
