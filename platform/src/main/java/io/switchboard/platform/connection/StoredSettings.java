package io.switchboard.platform.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.platform.secret.SealedSecret;
import io.switchboard.platform.secret.SecretKeyRing;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.FieldType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a connection's settings are stored: plain values as JSON (typed per {@link FieldType}), secret values as one
 * JSON object sealed with AES-GCM and bound to the connection's public id, so a ciphertext copied to another row
 * does not open.
 */
public final class StoredSettings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    private StoredSettings() {
    }

    public static String plainJson(ConfigSchema schema, Map<String, Object> values) {
        Map<String, Object> plain = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (schema.field(key).map(f -> f.type() != FieldType.SECRET).orElse(false)) {
                plain.put(key, value);
            }
        });
        return write(plain);
    }

    /** @return the secret values sealed, or {@code null} when there are none */
    public static SealedSecret sealSecrets(ConfigSchema schema, Map<String, Object> values, SecretKeyRing keys,
                                           String publicId) {
        Map<String, String> secrets = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (schema.field(key).map(f -> f.type() == FieldType.SECRET).orElse(false)) {
                secrets.put(key, value.toString());
            }
        });
        return secrets.isEmpty() ? null : keys.seal(write(secrets), secretsContext(publicId));
    }

    /** @return the stored secrets by key; empty when none */
    public static Map<String, String> openSecrets(Connection connection, SecretKeyRing keys) {
        SealedSecret sealed = connection.secrets();
        return sealed == null ? Map.of() : openSecrets(connection.publicId(), sealed, keys);
    }

    /** @return the secrets sealed for the connection with this public id */
    public static Map<String, String> openSecrets(String publicId, SealedSecret sealed, SecretKeyRing keys) {
        try {
            return JSON.readValue(keys.open(sealed, secretsContext(publicId)), STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored secrets of a connection are not JSON", e);
        }
    }

    /** @return the stored plain values, typed per the schema (values of fields no longer declared are dropped) */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readPlain(ConfigSchema schema, String json) {
        Map<String, Object> raw;
        try {
            raw = JSON.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings of a connection are not JSON", e);
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (ConfigField field : schema.fields()) {
            Object value = raw.get(field.key());
            if (value == null) {
                continue;
            }
            typed.put(field.key(), switch (field.type()) {
                case NUMBER -> ((Number) value).longValue();
                case BOOLEAN -> value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
                case MULTI_CHOICE -> List.copyOf((List<String>) value);
                case MAPPING, API_KEYS -> ((List<Map<String, Object>>) value).stream()
                        .map(StoredSettings::cells).toList();
                default -> value.toString();
            });
        }
        return typed;
    }

    public static String inboundTokenContext(String publicId) {
        return "connection/" + publicId + "/inbound-token";
    }

    private static String secretsContext(String publicId) {
        return "connection/" + publicId + "/secrets";
    }

    private static Map<String, String> cells(Map<String, Object> row) {
        Map<String, String> cells = new LinkedHashMap<>();
        row.forEach((k, v) -> cells.put(k, v == null ? "" : v.toString()));
        return cells;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings could not be written as JSON", e);
        }
    }
}
