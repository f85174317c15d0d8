package io.switchboard.spi.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The saved configuration of a connection (or flow), already validated against its {@link ConfigSchema}, with
 * secrets decrypted. Values are typed as described in {@link FieldType}. Immutable.
 *
 * <p>Never log a secret value or the whole object's contents: {@link #toString()} prints keys only.
 */
public final class ConfigValues {

    private final Map<String, Object> values;

    private ConfigValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @param values keys to typed values (String, Long, Boolean, {@code List<String>}, {@code List<Map<String,String>>}) */
    public static ConfigValues of(Map<String, ?> values) {
        return new ConfigValues(new LinkedHashMap<>(values));
    }

    public static ConfigValues empty() {
        return new ConfigValues(Map.of());
    }

    /** @return the text-like value (TEXT, SECRET, URL, EMAIL, CHOICE, TEMPLATE) or empty when absent or blank */
    public Optional<String> text(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** @return the text-like value; throws {@link IllegalStateException} naming the key when absent */
    public String requireText(String key) {
        return text(key).orElseThrow(() -> new IllegalStateException("setting '" + key + "' is not configured"));
    }

    /** @return the NUMBER value, if set */
    public Optional<Long> number(String key) {
        Object value = values.get(key);
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        return text(key).map(Long::parseLong);
    }

    /** @return the BOOLEAN value; false when absent */
    public boolean bool(String key) {
        Object value = values.get(key);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    /** @return the MULTI_CHOICE values; empty when absent */
    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        Object value = values.get(key);
        return value instanceof List<?> l ? List.copyOf((List<String>) l) : List.of();
    }

    /** @return the MAPPING rows, each column key to its value; empty when absent */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> rows(String key) {
        Object value = values.get(key);
        return value instanceof List<?> l ? List.copyOf((List<Map<String, String>>) l) : List.of();
    }

    /** @return every key with its typed value (for the platform's own storage; plugins use the typed getters) */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return "ConfigValues" + values.keySet();
    }
}
