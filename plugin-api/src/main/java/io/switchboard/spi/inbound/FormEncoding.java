package io.switchboard.spi.inbound;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} names and values as vendors send them, decoded leniently like the
 * platform decodes query strings: a part with a malformed {@code %}-escape (a stray {@code %}, {@code %zz}, a cut
 * escape) keeps its raw text instead of failing the whole request, so one broken pair costs neither the others nor
 * the event. Public since SPI 1.4, so a connector decodes the pieces it reads itself (a URL inside a parameter) the
 * same way.
 *
 * @since 1.4 (public)
 */
public final class FormEncoding {

    private FormEncoding() {
    }

    /** @return the decoded text, or the text as it is when it holds a malformed escape */
    public static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /**
     * Reads {@code name=value&name=value} text: names and values decoded leniently ({@link #decode}), the first value
     * of a repeated name kept, pairs with a blank name skipped, a name without {@code =} given the value {@code ""}.
     *
     * @return the fields in order; empty for {@code null} or blank text
     */
    public static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].isBlank()) {
                continue;
            }
            fields.putIfAbsent(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
        }
        return fields;
    }
}
