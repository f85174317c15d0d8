package io.switchboard.plugins.dashly;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Reading Dashly's JSON defensively: ids as numbers or strings, objects or bare ids, operator text as HTML. */
final class DashlyJson {

    private static final Pattern BREAKS = Pattern.compile("(?i)<br\\s*/?>|</p>|</div>|</li>");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    private DashlyJson() {
    }

    /**
     * @return an id as text: a string as is, an integer in full (64-bit ids must not pass through a double), the
     *         {@code id} of an object; {@code null} when absent or empty
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
        if (node.isNumber()) {
            // A float id has lost digits already (a sender that went through a double): unusable.
            return null;
        }
        String text = node.asText("").trim();
        return text.isEmpty() || "null".equals(text) ? null : text;
    }

    /**
     * @return the lead (the visitor) a message or event concerns: {@code user} (a bare id or an object), else the
     *         sender of a visitor's message; {@code null} when the webhook does not say
     */
    static String leadId(JsonNode part) {
        String user = id(part.get("user"));
        if (user != null) {
            return user;
        }
        if (part.hasNonNull("user_id") && !part.path("user_id").isObject()) {
            String userId = id(part.get("user_id"));
            if (userId != null) {
                return userId;
            }
        }
        String type = part.path("type").asText("");
        if ("reply_user".equals(type) || "u2a".equals(part.path("direction").asText(""))) {
            JsonNode from = part.get("from");
            return from != null && from.isObject() ? null : id(from);
        }
        return null;
    }

    /** @return the text of an HTML fragment: line breaks kept, tags dropped, the common entities decoded */
    static String plainText(String html) {
        if (html == null) {
            return "";
        }
        String text = BREAKS.matcher(html).replaceAll("\n");
        text = TAGS.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#039;", "'").replace("&amp;", "&").replace('\u00a0', ' ');
        return text.strip();
    }
}
