package io.switchboard.testkit.fake;

import io.switchboard.spi.inbound.FormEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request a {@link FakeVendorServer} received, as the client sent it.
 *
 * @param method   the HTTP method, e.g. {@code POST}
 * @param path     the decoded path, without the query
 * @param rawQuery the query as sent (still encoded), or {@code null} when there is none
 * @param headers  the headers; look them up with {@link #header(String)}, which ignores case
 * @param body     the body bytes (empty when none)
 */
public record FakeRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                          byte[] body) {

    public FakeRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the first value of the header (name compared ignoring case), or {@code null} when absent */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    /** @return the query parameters, decoded leniently, first value of each name; empty when there is no query */
    public Map<String, String> query() {
        return decode(rawQuery);
    }

    /** @return the body's {@code application/x-www-form-urlencoded} fields, decoded, first value of each name */
    public Map<String, String> formFields() {
        return decode(bodyText());
    }

    private static Map<String, String> decode(String encoded) {
        // The SPI's lenient reading: a malformed %-escape keeps its text, as vendors' requests sometimes have.
        return FormEncoding.fields(encoded);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FakeRequest r && method.equals(r.method) && path.equals(r.path)
                && java.util.Objects.equals(rawQuery, r.rawQuery) && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(method, path, rawQuery, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + " (" + body.length + " bytes)";
    }
}
