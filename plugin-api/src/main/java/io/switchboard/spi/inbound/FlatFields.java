package io.switchboard.spi.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.spi.error.WebhookRejectedException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A webhook body read as flat name → value fields, for vendors whose webhooks are filled-in templates (automation
 * rules that post the variables an admin picked, as a JSON object or as a form): nested JSON objects become
 * {@code parent_child} names, a list stands for its first item, {@code null} values are left out, and the first
 * value of a name wins. A connector then looks fields up by the names the vendor's variables have, without caring
 * how the admin shaped the body.
 *
 * <pre>{@code
 * {"case": {"id": 7, "user": {"email": "a@b.c"}}, "tags": ["vip", "new"]}
 *   → case_id=7, case_user_email=a@b.c, tags=vip
 * }</pre>
 *
 * @since 1.4
 */
public final class FlatFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlatFields() {
    }

    /**
     * Reads the body: a JSON object (starts with <code>{</code>) flattened, else {@code name=value} form text
     * decoded leniently ({@link FormEncoding#fields}); an empty body gives no fields.
     *
     * @param request   the request
     * @param unwrapped top-level keys (lower case) whose object's fields count as top-level ones, for vendors
     *                  that wrap the payload ({@code "data"}, {@code "payload"}); may be empty
     * @return the fields, in body order
     * @throws WebhookRejectedException 400 when the body is not valid JSON, not a JSON object, or neither JSON nor
     *                                  form text (an XML or HTML page, a JSON array, text without {@code =})
     */
    public static Map<String, String> of(InboundRequest request, Set<String> unwrapped) {
        String text = request.bodyText().strip();
        if (text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (text.startsWith("{")) {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (IOException e) {
                throw WebhookRejectedException.malformed("the body is not valid JSON");
            }
            if (root == null || !root.isObject()) {
                throw WebhookRejectedException.malformed("the body is not a JSON object");
            }
            return flatten(root, unwrapped);
        }
        if (text.contains("=") && !text.startsWith("[") && !text.startsWith("<")) {
            return FormEncoding.fields(text);
        }
        throw WebhookRejectedException.malformed("the body is neither JSON nor form fields");
    }

    /**
     * Flattens a JSON value as described in the class comment.
     *
     * @param node      usually an object
     * @param unwrapped top-level keys (compared ignoring case) whose object's fields count as top-level ones
     * @return the fields, in document order
     */
    public static Map<String, String> flatten(JsonNode node, Set<String> unwrapped) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", node, unwrapped, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Set<String> unwrapped, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                boolean wrapper = prefix.isEmpty() && e.getValue().isObject()
                        && unwrapped.contains(e.getKey().toLowerCase(Locale.ROOT));
                flatten(wrapper ? "" : prefix + e.getKey() + "_", e.getValue(), unwrapped, out);
            });
        } else if (node.isArray()) {
            if (!node.isEmpty()) {
                flatten(prefix, node.get(0), unwrapped, out);
            }
        } else if (!node.isNull()) {
            out.putIfAbsent(prefix.substring(0, Math.max(0, prefix.length() - 1)), node.asText());
        }
    }
}
