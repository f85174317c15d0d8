package io.switchboard.plugins.deskie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Small conversions between the platform's values and Deskie's wire format (README, "Vendor facts"). */
final class DeskieText {

    static final ObjectMapper JSON = new ObjectMapper();

    private DeskieText() {
    }

    /** @return the node's text, or {@code null} when missing, null, blank or a container */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        if (node.isFloatingPointNumber() && node.asDouble() == Math.rint(node.asDouble())) {
            return String.valueOf(node.asLong());
        }
        String text = node.asText();
        return text.isBlank() ? null : text.strip();
    }

    /** @return the id as text, or {@code null} for a missing, blank or zero id (Deskie sends 0 for "none") */
    static String id(JsonNode node) {
        String text = text(node);
        return text == null || text.equals("0") ? null : text;
    }

    /** @return true for {@code true}, {@code 1}, {@code "true"}, {@code "1"}, {@code "yes"} */
    static boolean flag(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return flag(node.asText());
    }

    static boolean flag(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        return v.equals("true") || v.equals("1") || v.equals("yes") || v.equals("да") || v.equals("on");
    }

    /** Query value encoding ({@code ^} → {@code %5E}, spaces → {@code %20}). */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ^value^}: Deskie's exact-match search syntax ("Introduction"). */
    static String exact(String value) {
        return "^" + value + "^";
    }

    /**
     * HTML → plain text: line breaks for {@code <br>} and block ends, tags removed, the common entities decoded.
     */
    static String plain(String html) {
        if (html == null) {
            return "";
        }
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div|li|h[1-6])>", "\n")
                .replaceAll("<[^>]*>", "");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#039;", "'");
        return text.replace("&amp;", "&").strip();
    }

    /** Text compared when looking for a comment made earlier: whitespace collapsed. */
    static String comparable(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** @return the digits of a phone number */
    static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }

    /** @return the last ten digits (the national number for most countries), or all digits when fewer */
    static String phoneKey(String phone) {
        String digits = digits(phone);
        return digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
    }

    /** Deskie's dates are RFC 2822: {@code "Mon, 05 May 2014 00:15:17 +0300"}; {@code null} when unreadable. */
    static Instant instant(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A custom field key: {@code 25} → {@code cf_25}; a key already starting with {@code cf_} is kept. */
    static String customFieldKey(String key) {
        String k = key.strip();
        return k.startsWith("cf_") ? k : "cf_" + k;
    }
}
