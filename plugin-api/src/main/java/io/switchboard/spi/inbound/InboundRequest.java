package io.switchboard.spi.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as the vendor sent it to the connection's inbound URL, stored raw before it is processed and handed to
 * the connector unchanged (also on replay).
 *
 * @param method     HTTP method, upper case
 * @param headers    headers; names are matched case-insensitively by {@link #header(String)}
 * @param query      query parameters, decoded, in order
 * @param body       the raw body bytes (empty for GET)
 * @param receivedAt when the platform received it
 */
public record InboundRequest(String method, Map<String, List<String>> headers, Map<String, List<String>> query,
                             byte[] body, Instant receivedAt) {

    private static final String FORM = "application/x-www-form-urlencoded";

    public InboundRequest {
        method = method.toUpperCase(Locale.ROOT);
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(caseInsensitive);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body.clone();
    }

    /** @return the first value of the header, if present */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the first value of the query parameter, if present */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the media type without parameters, lower case, or empty */
    public String mediaType() {
        return header("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @return the body's {@code application/x-www-form-urlencoded} fields (first value of each), for vendors that
     *         post forms; empty when the body is not a form. Decoded leniently: a name or value with a malformed
     *         {@code %}-escape keeps its raw text instead of throwing (before, the first stray {@code %} threw
     *         {@link IllegalArgumentException})
     */
    public Map<String, String> formFields() {
        if (!FORM.equals(mediaType())) {
            return new LinkedHashMap<>();
        }
        return FormEncoding.fields(bodyText());
    }

    /**
     * The body's form fields also when the vendor posts the form as {@code text/plain} or without a
     * {@code Content-Type}, as PBXs and relays do: read when the media type is a form, {@code text/*} or absent and
     * the body does not look like JSON (starts with {@code {} or {@code [}); for {@code text/*} and absent types only
     * when it holds a {@code =}. Decoded leniently like {@link #formFields()}; first value of each name.
     *
     * @return the fields; empty when the body is no form
     * @since 1.4
     */
    public Map<String, String> formFieldsOfAnyType() {
        String media = mediaType();
        String text = bodyText().strip();
        if (FORM.equals(media)) {
            return FormEncoding.fields(text);
        }
        boolean untyped = media.isEmpty() || media.startsWith("text/");
        if (!untyped || text.isEmpty() || text.startsWith("{") || text.startsWith("[") || !text.contains("=")) {
            return new LinkedHashMap<>();
        }
        return FormEncoding.fields(text);
    }

    /**
     * The request's parameters wherever the vendor put them, for vendors that send the same fields as a query, a
     * form or a JSON object (PBX webhooks): the query's first values, overlaid by the body's fields — a form
     * ({@link #formFieldsOfAnyType()}) or the top-level scalar values of a JSON object body (when the media type
     * ends in {@code json}, or is {@code text/*} or absent and the body starts with {@code {}; numbers and booleans
     * as their text, {@code null} left out; nested objects and arrays left out). Body values win over query values
     * of the same name: the query of a POST is the URL the tenant configured. Names and values are trimmed. A body
     * that is neither (or JSON that does not parse) adds nothing.
     *
     * @return name to value: the query's names first (in no particular order: {@link #query()} keeps none), then
     *         the body's in body order
     * @since 1.4
     */
    public Map<String, String> parameters() {
        Map<String, String> merged = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                merged.put(name, values.get(0));
            }
        });
        String media = mediaType();
        String text = bodyText().strip();
        boolean untyped = media.isEmpty() || media.startsWith("text/");
        if (media.endsWith("json") || untyped && text.startsWith("{")) {
            merged.putAll(BodyFields.jsonScalars(body));
        } else {
            merged.putAll(formFieldsOfAnyType());
        }
        Map<String, String> trimmed = new LinkedHashMap<>();
        merged.forEach((name, value) -> trimmed.put(name.trim(), value == null ? "" : value.trim()));
        return trimmed;
    }

    /**
     * @return this request without the named query parameters, names compared ignoring case (for
     *         {@link io.switchboard.spi.Connector#withoutProof})
     */
    public InboundRequest withoutQueryParameters(String... names) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (java.util.Arrays.stream(names).noneMatch(name::equalsIgnoreCase)) {
                kept.put(name, values);
            }
        });
        return kept.size() == query.size() ? this : new InboundRequest(method, headers, kept, body, receivedAt);
    }

    /**
     * Removes top-level fields, names compared ignoring case, from the body: from a JSON object (re-written
     * compactly), or from a form
     * ({@code application/x-www-form-urlencoded}, also when posted as text or without a content type; the other
     * fields keep their bytes). Another body is returned as it is. For {@link io.switchboard.spi.Connector#withoutProof}.
     *
     * @return this request without the named body fields
     */
    public InboundRequest withoutBodyFields(String... names) {
        byte[] stripped = BodyFields.without(body, mediaType(), java.util.Set.of(names));
        return stripped == body ? this : new InboundRequest(method, headers, query, stripped, receivedAt);
    }

    /** Prints method, media type and size only: bodies and headers may carry secrets. */
    @Override
    public String toString() {
        return "InboundRequest[" + method + " " + mediaType() + " " + body.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundRequest other && method.equals(other.method) && headers.equals(other.headers)
                && query.equals(other.query) && java.util.Arrays.equals(body, other.body)
                && receivedAt.equals(other.receivedAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(method, headers, query, java.util.Arrays.hashCode(body), receivedAt);
    }
}
