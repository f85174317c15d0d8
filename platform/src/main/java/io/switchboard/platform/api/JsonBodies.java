package io.switchboard.platform.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import java.io.StringReader;
import java.util.Map;

/**
 * Bodies of the calls that take a JSON object, read by the resource rather than by JAX-RS: handed a
 * {@code JsonObject} parameter, Jersey answered any other JSON value ({@code []}, {@code 42}, {@code "x"}) with a
 * 500 HTML page and a logged stack (#25). Text that is not JSON is answered by {@link BadJsonMapper}.
 */
final class JsonBodies {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonBodies() {
    }

    /**
     * @return the body's object; an empty object for an empty body or {@code null}, so that the call names the
     *         fields it misses
     * @throws BadRequestException      for JSON that is not an object (400)
     * @throws jakarta.json.JsonException for text that is not JSON (400)
     */
    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(body))) {
            value = reader.readValue();
        }
        if (value == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!(value instanceof JsonObject object)) {
            throw new BadRequestException("The body must be a JSON object, {…}, not " + describe(value));
        }
        return object;
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            default -> "that";
        };
    }
}
