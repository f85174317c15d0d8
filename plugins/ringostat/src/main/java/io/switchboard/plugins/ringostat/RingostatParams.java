package io.switchboard.plugins.ringostat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.inbound.InboundRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a Ringostat request wherever they came (README, "Vendor facts"): the query string ("http"
 * data format, and the static parameters the admin appends to the URL), a form body, a JSON object body, or a
 * JSON-RPC body whose {@code params} object holds them. Body values win over query values of the same name: the
 * query of a POST is the URL the tenant configured. Values are strings, trimmed; JSON numbers become their text
 * ({@code 87}, {@code 87.5}), JSON {@code null} is absent. Names are matched exactly first, then ignoring case.
 *
 * <p>The webhook secret ({@code secret} parameter, or the password of HTTP Basic credentials the admin embedded in
 * the URL) and the connector's own marker {@code request} are kept apart, so they never reach the parsed event.
 *
 * @param values      parameter name to value, in arrival order, without {@code secret} and {@code request}
 * @param secret      the webhook secret as sent, or {@code null}
 * @param request     the value of the {@code request} marker ({@code routing}, {@code caller_card}), or {@code null}
 * @param jsonRpc     true when the body was a JSON-RPC request
 * @param jsonRpcId   the JSON-RPC request's {@code id} as JSON text ({@code 42}, {@code "req-7"}), which a JSON-RPC
 *                    answer repeats; {@code null} when the body is no JSON-RPC request or has no id
 * @param unreadable  true when the body claimed to be JSON (or looked like it) but is not a JSON object
 */
record RingostatParams(Map<String, String> values, String secret, String request, boolean jsonRpc,
                       String jsonRpcId, boolean unreadable) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The connector's own URL parameter telling a routing or caller-card request from a call event. */
    static final String REQUEST_PARAM = "request";

    private static final Set<String> RESERVED = Set.of(RingostatSettings.SECRET_PARAM, REQUEST_PARAM);

    RingostatParams {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Reads query, form body and JSON body; a body that is none of them is ignored (the query may hold all). */
    static RingostatParams of(InboundRequest request) {
        Map<String, String> merged = new LinkedHashMap<>();
        request.query().forEach((name, list) -> {
            if (list != null && !list.isEmpty()) {
                merged.put(name, list.get(0));
            }
        });
        String media = request.mediaType();
        String body = request.bodyText().strip();
        boolean looksJson = body.startsWith("{") || body.startsWith("[");
        boolean jsonRpc = false;
        String jsonRpcId = null;
        boolean unreadable = false;
        if (media.endsWith("json") || (!body.isEmpty() && looksJson
                && (media.isEmpty() || media.startsWith("text/")))) {
            Optional<JsonNode> node = readJson(request.body());
            if (node.isPresent()) {
                JsonNode root = node.get();
                JsonNode params = root.get("params");
                if (root.has("jsonrpc") && params != null && params.isObject()) {
                    jsonRpc = true;
                    JsonNode id = root.get("id");
                    jsonRpcId = id != null && (id.isTextual() || id.isNumber()) ? id.toString() : null;
                    putValues(merged, params);
                } else {
                    putValues(merged, root);
                }
            } else if (!body.isEmpty()) {
                unreadable = true;
            }
        } else {
            // A form, also one posted without (or with a wrong) Content-Type.
            merged.putAll(request.formFieldsOfAnyType());
        }
        Map<String, String> trimmed = new LinkedHashMap<>();
        merged.forEach((name, value) -> trimmed.put(name.trim(), value == null ? "" : value.trim()));
        String bodySecret = removeIgnoringCase(trimmed, RingostatSettings.SECRET_PARAM);
        String marker = removeIgnoringCase(trimmed, REQUEST_PARAM);
        String querySecret = request.queryParam(RingostatSettings.SECRET_PARAM).map(String::trim).orElse(null);
        String secret = querySecret != null && !querySecret.isEmpty() ? querySecret
                : bodySecret != null && !bodySecret.isEmpty() ? bodySecret : basicSecret(request);
        return new RingostatParams(trimmed, secret, marker == null || marker.isEmpty() ? null
                : marker.toLowerCase(Locale.ROOT), jsonRpc, jsonRpcId, unreadable);
    }

    /**
     * The request without the webhook secret wherever {@link #of} would read it: the query, a form or JSON body, and
     * the {@code params} of a JSON-RPC body. (HTTP Basic credentials are in a header the platform never stores.)
     */
    static InboundRequest withoutSecret(InboundRequest request) {
        InboundRequest stripped = request.withoutQueryParameters(RingostatSettings.SECRET_PARAM)
                .withoutBodyFields(RingostatSettings.SECRET_PARAM);
        Optional<JsonNode> root = stripped.bodyText().strip().startsWith("{") ? readJson(stripped.body())
                : Optional.empty();
        if (root.isEmpty() || !(root.get().get("params") instanceof ObjectNode params)) {
            return stripped;
        }
        List<String> secrets = new ArrayList<>();
        params.fieldNames().forEachRemaining(name -> {
            if (name.equalsIgnoreCase(RingostatSettings.SECRET_PARAM)) {
                secrets.add(name);
            }
        });
        if (secrets.isEmpty()) {
            return stripped;
        }
        params.remove(secrets);
        try {
            return new InboundRequest(stripped.method(), stripped.headers(), stripped.query(),
                    JSON.writeValueAsBytes(root.get()), stripped.receivedAt());
        } catch (IOException e) {
            throw new IllegalStateException("a parsed JSON tree is always writable", e);
        }
    }

    /** @return the trimmed value of the first of the names present and non-blank */
    Optional<String> first(List<String> names) {
        for (String name : names) {
            Optional<String> v = get(name);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** @return the name (as sent) under which {@link #first} found its value, if any */
    Optional<String> nameOfFirst(List<String> names) {
        for (String name : names) {
            if (get(name).isPresent()) {
                return Optional.of(actualName(name));
            }
        }
        return Optional.empty();
    }

    /** @return the trimmed value, empty when absent or blank; exact name first, then ignoring case */
    Optional<String> get(String name) {
        String value = values.get(name);
        if (value == null) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    value = e.getValue();
                    break;
                }
            }
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private String actualName(String name) {
        if (values.containsKey(name)) {
            return name;
        }
        return values.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
    }

    /** @return true when nothing at all was sent */
    boolean isEmpty() {
        return values.isEmpty();
    }

    private static void putValues(Map<String, String> target, JsonNode object) {
        object.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                target.put(field.getKey(), value.asText());
            }
        });
    }

    private static String removeIgnoringCase(Map<String, String> map, String name) {
        String found = null;
        for (String key : List.copyOf(map.keySet())) {
            if (key.equalsIgnoreCase(name)) {
                String v = map.remove(key);
                if (found == null || found.isEmpty()) {
                    found = v;
                }
            }
        }
        return found;
    }

    /**
     * [inf] Credentials written into the URL ({@code https://ringostat:SECRET@host/…}) arrive as HTTP Basic; the
     * password (or, without one, the user name) is taken as the secret.
     */
    private static String basicSecret(InboundRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            String secret = password.isEmpty() ? user : password;
            return secret.isEmpty() ? null : secret;
        } catch (IllegalArgumentException badBase64) {
            return null;
        }
    }

    private static Optional<JsonNode> readJson(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return true when the name is one the connector keeps apart (secret, marker) */
    static boolean reserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Never prints values: they may hold the secret's neighbours, and numbers are personal data. */
    @Override
    public String toString() {
        return "RingostatParams" + values.keySet();
    }
}
