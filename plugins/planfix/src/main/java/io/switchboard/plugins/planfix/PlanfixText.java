package io.switchboard.plugins.planfix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Small conversions between the platform's plain text and ids and Planfix's wire format (README, "Vendor facts"):
 * descriptions and comments are HTML, people are referenced as {@code "user:5"} / {@code "contact:10"}, other
 * objects as {@code {"id": 41}}.
 */
final class PlanfixText {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String USER = "user:";
    static final String CONTACT = "contact:";

    private PlanfixText() {
    }

    /** Plain text → HTML for a description or comment: {@code & < > "} escaped, line breaks as {@code <br>}. */
    static String html(String plain) {
        String escaped = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
        return escaped.replace("\r\n", "\n").replace("\n", "<br>");
    }

    /**
     * HTML → plain text: line breaks for {@code <br>} and block ends, tags removed, the common entities decoded (as
     * plugins/usedesk does for Usedesk's HTML).
     */
    static String plain(String html) {
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div|li|h[1-6])>", "\n")
                .replaceAll("<[^>]*>", "");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#039;", "'");
        return text.replace("&amp;", "&").strip();
    }

    /** @return the node's text, or {@code null} when missing, null or blank */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        if (node.isFloatingPointNumber() && node.asDouble() == Math.rint(node.asDouble())) {
            return String.valueOf(node.asLong()); // ids typed as numbers in the OpenAPI spec may come as 123.0
        }
        String text = node.asText();
        return text.isBlank() ? null : text.strip();
    }

    /** @return the id without a {@code user:} / {@code contact:} / {@code group:} prefix */
    static String bareId(String id) {
        if (id == null) {
            return null;
        }
        int colon = id.indexOf(':');
        String bare = colon >= 0 ? id.substring(colon + 1).strip() : id.strip();
        return bare.isEmpty() ? null : bare;
    }

    /** @return the person reference {@code prefix + id}, whatever prefix the id came with */
    static String person(String prefix, String id) {
        return prefix + bareId(id);
    }

    /** @return {@code {"id": <id>}}, a number when the id is one (Planfix's ids are integers) */
    static ObjectNode ref(String id) {
        ObjectNode node = JSON.createObjectNode();
        try {
            node.put("id", Long.parseLong(id.strip()));
        } catch (NumberFormatException notNumeric) {
            node.put("id", id.strip());
        }
        return node;
    }

    /** @return the value as a JSON number when it is an integer, else as text (custom field and filter values) */
    static JsonNode value(String value) {
        try {
            return JSON.getNodeFactory().numberNode(Long.parseLong(value.strip()));
        } catch (NumberFormatException notNumeric) {
            return JSON.getNodeFactory().textNode(value);
        }
    }

    /** @return only the digits of a phone number */
    static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }

    /** @return the last ten digits, the part that is the same in {@code +7 999…}, {@code 8 999…} and {@code 999…} */
    static String lastTen(String phone) {
        String digits = digits(phone);
        return digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
    }
}
