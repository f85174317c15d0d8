package io.switchboard.platform.api;

import io.switchboard.platform.connection.ConfigInput;
import io.switchboard.platform.problem.InvalidInputException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings objects of API bodies turned into the validator's input (see {@code ConfigValidator}). */
final class JsonSettings {

    private JsonSettings() {
    }

    /** @return the object under {@code key} as validator input; empty when absent */
    static Map<String, Object> settings(JsonObject body, String key) {
        JsonValue value = body.get(key);
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw new InvalidInputException(key, key + " must be a JSON object of setting keys to values");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        object.forEach((k, v) -> settings.put(k, plain(v, true)));
        return settings;
    }

    /** JSON to the validator's input: scalars as text, arrays as lists, objects (mapping rows) as maps. */
    private static Object plain(JsonValue value, boolean top) {
        return switch (value.getValueType()) {
            case NULL -> top ? ConfigInput.CLEAR : null;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(item -> list.add(plain(item, false)));
                yield list;
            }
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, plain(v, false)));
                yield map;
            }
        };
    }
}
