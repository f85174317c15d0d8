package io.switchboard.plugins.chatra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Reading Chatra's JSON defensively (README, "Vendor facts"): ids as strings or numbers, values under one of several
 * keys because the key names of the visit data are not published, empty strings as absent, agent text as HTML.
 */
final class ChatraJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern BREAKS = Pattern.compile("(?i)<br\\s*/?>|</p>|</div>|</li>");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    private ChatraJson() {
    }

    /**
     * @return an id as text: a string as is, an integer in full (never through a double), the {@code id} of an
     *         object; {@code null} when absent, empty or a non-integral number
     */
    static String id(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return id(node.get("id"));
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText("").trim();
        return text.isEmpty() || "null".equals(text) ? null : text;
    }

    /**
     * @param paths dotted paths tried in order, e.g. {@code "location.city"}
     * @return the first non-blank text value (a number is written as text; an object with {@code name} and
     *         {@code version}, as browsers and systems sometimes are, as "name version"); {@code null} when none
     */
    static String text(JsonNode root, String... paths) {
        for (String path : paths) {
            JsonNode node = root;
            for (String part : path.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            String value = scalar(node);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isArray()) {
            return null;
        }
        if (node.isObject()) {
            String name = scalar(node.get("name"));
            String version = scalar(node.get("version"));
            return name == null ? null : version == null ? name : name + " " + version;
        }
        String text = node.asText("").strip();
        return text.isEmpty() || "null".equals(text) ? null : text;
    }

    /** @return the text of an HTML fragment: line breaks kept, tags dropped, the common entities decoded */
    static String plainText(String html) {
        if (html == null) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return html.strip();
        }
        String text = BREAKS.matcher(html).replaceAll("\n");
        text = TAGS.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#039;", "'").replace("&amp;", "&").replace('\u00a0', ' ');
        return text.strip();
    }

    /** @return the first 16 hex digits of the SHA-256 of the parts joined by a separator no part contains */
    static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
