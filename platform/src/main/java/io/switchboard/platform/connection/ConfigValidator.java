package io.switchboard.platform.connection;

import io.switchboard.spi.config.BoundConfig;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.FieldType;
import io.switchboard.spi.config.ValidationProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks submitted settings against a connector's {@link ConfigSchema} and turns them into typed values: the SPI's
 * {@link ConfigSchema#bind} does the binding (required fields, formats, patterns, ranges, choices, templates,
 * mappings), so a plugin's own tests see exactly the values the platform passes. What is the platform's alone stays
 * here: API keys are made by the platform and never taken from input, a secret left blank keeps the stored one, and
 * {@link ConfigInput#CLEAR} removes it (on a multi-choice or
 * mapping it empties the list, as before the binding moved; on another field it counts as absent, so the default
 * applies). A mapping cleared so was refused as "not a list of rows" before; it is now simply empty. The same rules serve the rendered form and the REST API, so both refuse the same input with the
 * same words. The connector's own {@code validate} runs afterwards, on the typed values.
 *
 * <p>Input values are what a form or JSON gives: strings (or JSON scalars) for simple fields, a list of strings for
 * multi-choice, a list of column-to-string maps for mappings.
 */
public final class ConfigValidator {

    /** Typed values and the problems found; values are complete only when there are no problems. */
    public record Result(Map<String, Object> values, List<ValidationProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private ConfigValidator() {
    }

    /**
     * @param schema        the connector's schema
     * @param input         submitted values by key
     * @param storedSecrets the secrets already stored for this connection (kept when the input leaves them blank)
     */
    public static Result validate(ConfigSchema schema, Map<String, ?> input, Map<String, String> storedSecrets) {
        Map<String, Object> prepared = new LinkedHashMap<>();
        input.forEach((key, raw) -> prepared.put(key, raw == ConfigInput.CLEAR ? null : raw));
        List<ValidationProblem> problems = new ArrayList<>();
        for (ConfigField field : schema.fields()) {
            Object raw = input.get(field.key());
            boolean list = field.type() == FieldType.MULTI_CHOICE || field.type() == FieldType.MAPPING;
            if (field.type() == FieldType.API_KEYS) {
                // Made by the platform (ConnectionService.makeApiKey), never entered: say where they are made.
                if (raw != null && raw != ConfigInput.CLEAR && !(raw instanceof String text && text.isBlank())) {
                    problems.add(new ValidationProblem(field.key(), field.label() + " are made by the platform, not"
                            + " entered: generate one on the connection page or with"
                            + " POST /api/v1/connections/{id}/api-keys"));
                }
                prepared.put(field.key(), null);
            } else if (raw == ConfigInput.CLEAR && list) {
                prepared.put(field.key(), List.of()); // cleared: no choices or rows, not the default
            } else if (field.type() == FieldType.SECRET && raw != ConfigInput.CLEAR && blank(raw)
                    && storedSecrets.get(field.key()) != null) {
                prepared.put(field.key(), storedSecrets.get(field.key()));
            }
        }
        BoundConfig bound = schema.bind(prepared);
        problems.addAll(bound.problems());
        return new Result(new LinkedHashMap<>(bound.values().asMap()), problems);
    }

    private static boolean blank(Object raw) {
        return raw == null || raw instanceof List<?> || raw instanceof Map<?, ?> || raw.toString().isBlank();
    }
}
