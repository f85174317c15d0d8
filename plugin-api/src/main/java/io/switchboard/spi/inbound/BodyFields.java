package io.switchboard.spi.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Removes top-level fields from a JSON object or form body ({@link InboundRequest#withoutBodyFields}). */
final class BodyFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BodyFields() {
    }

    /** @return the body without the fields, or the same array when there was nothing to remove */
    static byte[] without(byte[] body, String mediaType, Set<String> names) {
        String text = new String(body, StandardCharsets.UTF_8);
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return withoutJsonFields(body, names);
        }
        boolean formLike = mediaType.isEmpty() || mediaType.startsWith("text/")
                || mediaType.equals("application/x-www-form-urlencoded");
        return formLike && !trimmed.isEmpty() ? withoutFormFields(body, text, names) : body;
    }

    /**
     * @return the top-level scalar values of a JSON object body as text (numbers and booleans too; {@code null},
     *         objects and arrays left out); empty when the body is no JSON object
     */
    static Map<String, String> jsonScalars(byte[] body) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree instanceof ObjectNode object) {
                object.properties().forEach(field -> {
                    JsonNode value = field.getValue();
                    if (value.isValueNode() && !value.isNull()) {
                        values.put(field.getKey(), value.asText());
                    }
                });
            }
        } catch (IOException e) {
            // not JSON after all: no values
        }
        return values;
    }

    private static byte[] withoutJsonFields(byte[] body, Set<String> names) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (!(tree instanceof ObjectNode object)) {
                return body;
            }
            List<String> found = new ArrayList<>();
            object.fieldNames().forEachRemaining(field -> {
                if (matches(field, names)) {
                    found.add(field);
                }
            });
            if (found.isEmpty()) {
                return body;
            }
            object.remove(found);
            return JSON.writeValueAsBytes(object);
        } catch (IOException e) {
            return body; // not JSON after all: nothing of ours to remove
        }
    }

    private static byte[] withoutFormFields(byte[] body, String text, Set<String> names) {
        StringJoiner kept = new StringJoiner("&");
        boolean removed = false;
        for (String pair : text.split("&", -1)) {
            String name = pair.split("=", 2)[0];
            if (matches(decode(name).strip(), names)) {
                removed = true;
            } else {
                kept.add(pair);
            }
        }
        return removed ? kept.toString().getBytes(StandardCharsets.UTF_8) : body;
    }

    private static boolean matches(String field, Set<String> names) {
        return names.stream().anyMatch(field::equalsIgnoreCase);
    }

    private static String decode(String text) {
        return FormEncoding.decode(text);
    }
}
