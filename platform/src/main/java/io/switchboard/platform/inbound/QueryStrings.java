package io.switchboard.platform.inbound;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Query strings as vendors send them, decoded leniently: a malformed %-escape keeps its raw text. */
public final class QueryStrings {

    private QueryStrings() {
    }

    /** @return parameter names to their values, in order; empty for {@code null} */
    public static Map<String, List<String>> parse(String queryString) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String raw = kv.length > 1 ? kv[1] : "";
            query.computeIfAbsent(decode(kv[0]), n -> new ArrayList<>()).add(decode(raw));
        }
        return query;
    }

    /**
     * The raw query string as it would be stored for a request whose parameters are now {@code kept} (a connector
     * removed its secret: {@code Connector.withoutProof}): the raw pairs of the kept parameters, in their order and
     * encoding; rebuilt from {@code kept} when the connector changed more than which pairs there are.
     */
    public static String restrictedTo(String raw, Map<String, List<String>> kept) {
        if (raw == null || raw.isEmpty()) {
            return raw;
        }
        StringJoiner joined = new StringJoiner("&");
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            List<String> values = kept.get(decode(kv[0]));
            if (values != null && values.contains(decode(kv.length > 1 ? kv[1] : ""))) {
                joined.add(pair);
            }
        }
        String restricted = joined.toString();
        if (parse(restricted).equals(kept)) {
            return restricted;
        }
        StringJoiner rebuilt = new StringJoiner("&");
        kept.forEach((name, values) -> values.forEach(value -> rebuilt.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return rebuilt.toString();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
