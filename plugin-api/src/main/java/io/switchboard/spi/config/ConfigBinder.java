package io.switchboard.spi.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link ConfigSchema#bind}: form values to typed values (see {@link FieldType}) with defaults, required fields,
 * URL and e-mail formats, patterns, number ranges, choices, template variables and mapping rows. Moved from the
 * platform's {@code ConfigValidator} in SPI 1.4, so a plugin's tests get exactly the values the platform passes.
 */
final class ConfigBinder {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]*)\\s*}}");

    private ConfigBinder() {
    }

    static BoundConfig bind(ConfigSchema schema, Map<String, ?> input) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<ValidationProblem> problems = new ArrayList<>();
        for (String key : input.keySet()) {
            if (schema.field(key).isEmpty()) {
                problems.add(new ValidationProblem(key, "Unknown setting '" + key + "'"));
            }
        }
        for (ConfigField field : schema.fields()) {
            Object raw = input.get(field.key());
            try {
                Object value = switch (field.type()) {
                    case SECRET -> text(raw);
                    case MULTI_CHOICE -> multiChoice(field, raw);
                    case MAPPING -> mapping(field, raw);
                    case API_KEYS -> apiKeys(field, raw);
                    default -> simple(field, text(raw), field.label());
                };
                if (value != null) {
                    values.put(field.key(), value);
                } else if (field.required()) {
                    problems.add(new ValidationProblem(field.key(), field.label() + " is required"));
                }
            } catch (Invalid e) {
                problems.add(new ValidationProblem(field.key(), e.getMessage()));
            }
        }
        return new BoundConfig(ConfigValues.of(values), problems);
    }

    /** API_KEYS are made by the platform, never bound from input: an empty field is fine, a given value is refused. */
    private static Object apiKeys(ConfigField field, Object raw) {
        if (raw != null && !(raw instanceof String text && text.isBlank())) {
            throw new Invalid(field.label() + " are made by the platform, not entered");
        }
        return null;
    }

    /** TEXT, URL, EMAIL, NUMBER, BOOLEAN, CHOICE, TEMPLATE — also used for mapping cells. */
    private static Object simple(ConfigField field, String given, String name) {
        String text = given != null ? given
                : field.defaultValue() == null || field.defaultValue().isBlank() ? null : field.defaultValue();
        if (text == null) {
            return null;
        }
        return switch (field.type()) {
            case TEXT -> {
                if (field.pattern() != null && !text.matches(field.pattern())) {
                    throw new Invalid(name + " has the wrong format" + (field.help().isBlank() ? "" : ": " + field.help()));
                }
                yield text;
            }
            case URL -> url(text, name);
            case EMAIL -> {
                if (!EMAIL.matcher(text).matches()) {
                    throw new Invalid(name + ": enter an e-mail address like name@example.com");
                }
                yield text;
            }
            case NUMBER -> number(field, text, name);
            case BOOLEAN -> {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new Invalid(name + " must be true or false");
                }
                yield Boolean.parseBoolean(text.toLowerCase());
            }
            case CHOICE -> {
                if (!field.choices().isEmpty() && field.choices().stream().noneMatch(c -> c.value().equals(text))) {
                    throw new Invalid(name + ": choose one of " + labels(field.choices()));
                }
                yield text;
            }
            case TEMPLATE -> template(field, text, name);
            default -> throw new IllegalArgumentException(field.type() + " is not a simple field");
        };
    }

    private static String url(String text, String name) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new Invalid(name + ": enter a full web address starting with https://");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new Invalid(name + ": enter a full web address starting with https://");
        }
    }

    private static Long number(ConfigField field, String text, String name) {
        long number;
        try {
            number = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new Invalid(name + " must be a whole number");
        }
        if (field.min() != null && number < field.min() || field.max() != null && number > field.max()) {
            throw new Invalid(name + " must be " + range(field));
        }
        return number;
    }

    private static String range(ConfigField field) {
        if (field.min() != null && field.max() != null) {
            return "between " + field.min() + " and " + field.max();
        }
        return field.min() != null ? "at least " + field.min() : "at most " + field.max();
    }

    private static String template(ConfigField field, String text, String name) {
        Set<String> known = field.variables().stream().map(TemplateVariable::name).collect(Collectors.toSet());
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!known.contains(matcher.group(1))) {
                unknown.add("{{" + matcher.group(1) + "}}");
            }
        }
        if (!unknown.isEmpty()) {
            throw new Invalid(name + " uses unknown " + (unknown.size() == 1 ? "variable " : "variables ")
                    + String.join(", ", unknown) + "; available: " + field.variables().stream()
                    .map(v -> "{{" + v.name() + "}}").collect(Collectors.joining(", ")));
        }
        return text;
    }

    private static List<String> multiChoice(ConfigField field, Object raw) {
        List<String> chosen = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object item : list) {
                String value = text(item);
                if (value != null && !chosen.contains(value)) {
                    chosen.add(value);
                }
            }
        } else if (raw != null && text(raw) != null) {
            for (String part : text(raw).split(",")) {
                if (!part.isBlank() && !chosen.contains(part.strip())) {
                    chosen.add(part.strip());
                }
            }
        } else if (raw == null && field.defaultValue() != null && !field.defaultValue().isBlank()) {
            return multiChoice(field.withDefault(null), field.defaultValue());
        }
        if (!field.choices().isEmpty()) {
            for (String value : chosen) {
                if (field.choices().stream().noneMatch(c -> c.value().equals(value))) {
                    throw new Invalid(field.label() + ": '" + value + "' is not one of " + labels(field.choices()));
                }
            }
        }
        return chosen.isEmpty() ? null : chosen;
    }

    private static List<Map<String, String>> mapping(ConfigField field, Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> rows)) {
            throw new Invalid(field.label() + " must be a list of rows");
        }
        List<Map<String, String>> result = new ArrayList<>();
        List<String> rowProblems = new ArrayList<>();
        int number = 0;
        for (Object rowObject : rows) {
            number++;
            if (!(rowObject instanceof Map<?, ?> row)) {
                rowProblems.add("row " + number + " is not a set of columns");
                continue;
            }
            if (row.values().stream().allMatch(v -> text(v) == null)) {
                continue; // an empty row added in the form and never filled in
            }
            for (Object column : row.keySet()) {
                if (field.columns().stream().noneMatch(c -> c.key().equals(column))) {
                    rowProblems.add("row " + number + " has an unknown column '" + column + "'");
                }
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (ConfigField column : field.columns()) {
                String cellName = "row " + number + ", " + column.label();
                try {
                    Object value = simple(column, text(row.get(column.key())), cellName);
                    if (value == null && column.required()) {
                        rowProblems.add(cellName + " is required");
                    }
                    cells.put(column.key(), value == null ? "" : value.toString());
                } catch (Invalid e) {
                    rowProblems.add(e.getMessage());
                }
            }
            result.add(cells);
        }
        if (!rowProblems.isEmpty()) {
            throw new Invalid(field.label() + ": " + String.join("; ", rowProblems));
        }
        return result.isEmpty() ? null : result;
    }

    private static String labels(List<Choice> choices) {
        return choices.stream().map(c -> c.label() + " (" + c.value() + ")").collect(Collectors.joining(", "));
    }

    /** @return the trimmed text of a scalar, or {@code null} when absent or blank */
    private static String text(Object raw) {
        if (raw == null || raw instanceof List<?> || raw instanceof Map<?, ?>) {
            return null;
        }
        String text = raw.toString().strip();
        return text.isEmpty() ? null : text;
    }

    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
