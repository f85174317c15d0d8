package io.switchboard.plugins.sipuni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.spi.inbound.InboundRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a Sipuni call-event request, wherever they came: Sipuni sends GET with a query string or POST
 * with a form (and some relays a JSON object; README, "Vendor facts"). A body without a usable Content-Type is
 * read as JSON when it starts with a brace, else as a form. Body values win over query values of the
 * same name, because the query of a POST is the URL the tenant configured (it holds only our {@code token}).
 * All values are strings, trimmed; the {@code token} parameter is kept apart so it never reaches the parsed event.
 *
 * @param values parameter name to value, without {@code token}
 * @param token  the webhook secret as sent, or {@code null}
 */
record SipuniParams(Map<String, String> values, String token) {

    private static final ObjectMapper JSON = new ObjectMapper();

    SipuniParams {
        values = Map.copyOf(values);
    }

    /**
     * The shared secret the request carries, as {@link #of} reads it, but without parsing the body when the URL's
     * query has it (the usual case): verifying a webhook then costs no body parse, which {@code keys} does anyway.
     */
    static String tokenOf(InboundRequest request) {
        return queryToken(request).orElseGet(() -> of(request).token());
    }

    /** Reads query, form body and JSON body; a body that is neither is ignored (the query may still hold all). */
    static SipuniParams of(InboundRequest request) {
        Map<String, String> merged = new LinkedHashMap<>();
        request.query().forEach((name, list) -> putFirst(merged, name, list));
        merged.putAll(request.formFields());
        String media = request.mediaType();
        String body = request.bodyText().strip();
        if (!body.isEmpty() && (media.isEmpty() || media.startsWith("text/")) && !body.startsWith("{")) {
            // A form posted without (or with a wrong) Content-Type: read it as a form anyway.
            merged.putAll(formOf(body));
        }
        if (media.endsWith("json") || (media.isEmpty() || media.startsWith("text/")) && body.startsWith("{")) {
            readJson(request).ifPresent(node -> node.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (value.isValueNode() && !value.isNull()) {
                    merged.put(field.getKey(), value.asText());
                }
            }));
        }
        Map<String, String> trimmed = new LinkedHashMap<>();
        merged.forEach((name, value) -> trimmed.put(name.trim(), value == null ? "" : value.trim()));
        String token = trimmed.remove(SipuniSettings.TOKEN_PARAM);
        // The secret might also arrive as a query parameter of a POST whose body has none: prefer the query one.
        return new SipuniParams(trimmed, queryToken(request).orElse(token));
    }

    /** @return the trimmed value, empty when absent or blank */
    Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** @return the trimmed value or {@code null} when absent or blank */
    String orNull(String name) {
        return get(name).orElse(null);
    }

    private static Optional<String> queryToken(InboundRequest request) {
        return request.queryParam(SipuniSettings.TOKEN_PARAM).map(String::trim);
    }

    private static void putFirst(Map<String, String> target, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            target.put(name, values.get(0));
        }
    }

    private static Map<String, String> formOf(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            fields.putIfAbsent(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
        }
        return fields;
    }

    /**
     * As the platform decodes query strings and {@code InboundRequest.formFields()} decodes forms: a part with a
     * broken %-escape keeps its raw text, so neither it nor the other pairs are lost.
     */
    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return text;
        }
    }

    private static Optional<JsonNode> readJson(InboundRequest request) {
        try {
            JsonNode node = JSON.readTree(request.body());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Never prints values: the token is a secret. */
    @Override
    public String toString() {
        return "SipuniParams" + values.keySet();
    }
}
