package io.switchboard.spi.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An outbound request to a vendor.
 *
 * @param method  HTTP method
 * @param uri     absolute URI
 * @param headers request headers (e.g. {@code Authorization}); values are never logged
 * @param body    body bytes, empty for none
 */
public record VendorRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public VendorRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    public static VendorRequest get(URI uri) {
        return new VendorRequest("GET", uri, Map.of("Accept", "application/json"), null);
    }

    /** @return a request with a JSON body (given as text) */
    public static VendorRequest json(String method, URI uri, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Accept", "application/json");
        return new VendorRequest(method, uri, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a copy with one more header */
    public VendorRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new VendorRequest(method, uri, copy, body);
    }

    /** Prints method and URI without query (it may hold tokens); never headers or body. */
    @Override
    public String toString() {
        return method + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }
}
