package io.switchboard.testkit.fake;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An answer a vendor fake sends: status, content type, body and extra headers. Create with {@link #json},
 * {@link #text} or {@link #empty}; add headers with {@link #withHeader}.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type}, or {@code null} for none
 * @param body        the body bytes (empty for none)
 * @param headers     extra headers, e.g. {@code Retry-After}
 */
public record FakeResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public FakeResponse {
        body = body == null ? new byte[0] : body.clone();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** @return {@code status} with a JSON body ({@code application/json; charset=utf-8}) */
    public static FakeResponse json(int status, Object json) {
        return text(status, "application/json; charset=utf-8", String.valueOf(json));
    }

    /** @return {@code status} with a plain-text body ({@code text/plain; charset=utf-8}) */
    public static FakeResponse text(int status, String text) {
        return text(status, "text/plain; charset=utf-8", text);
    }

    /** @return {@code status} with a UTF-8 body of the given content type */
    public static FakeResponse text(int status, String contentType, String text) {
        return new FakeResponse(status, contentType, Objects.requireNonNull(text, "text")
                .getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** @return {@code status} without a body */
    public static FakeResponse empty(int status) {
        return new FakeResponse(status, null, new byte[0], Map.of());
    }

    /** @return a copy with one more header */
    public FakeResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FakeResponse(status, contentType, body, more);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FakeResponse r && status == r.status && Objects.equals(contentType, r.contentType)
                && java.util.Arrays.equals(body, r.body) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, java.util.Arrays.hashCode(body), headers);
    }

    @Override
    public String toString() {
        return status + " " + (contentType == null ? "" : contentType + " ") + "(" + body.length + " bytes)";
    }
}
