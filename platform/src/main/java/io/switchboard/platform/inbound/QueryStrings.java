package io.switchboard.platform.inbound;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
