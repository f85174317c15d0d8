package io.switchboard.plugins.website;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.spi.config.ApiKeys;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The site's API on the connection's inbound URL (README, "Your site's API"): who may call it and what a request
 * must look like. Strict: a request that does not match is refused with a 4xx naming the field, so the site's
 * developer learns of the mistake at once, and nothing of it is stored.
 */
final class SiteRequest {

    /** Thread, message and customer ids: what a site's database keys look like, and nothing that needs escaping. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    /** A pragmatic e-mail check: one {@code @}, no spaces, a dot in the domain. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>(),;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    /** Digits with the usual separators, optionally a leading +. */
    static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{2,39}");
    static final int MAX_SUBJECT = 250;
    static final int MAX_NAME = 200;
    static final String TYPE_MESSAGE = "message";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SiteRequest() {
    }

    /**
     * The customer as the site sends them; parts may be {@code null}.
     *
     * @param id    the site's id of the customer
     * @param email e-mail
     * @param name  name
     * @param phone phone
     */
    record Customer(String id, String email, String name, String phone) {
    }

    /**
     * A customer's message, validated.
     *
     * @param thread    the site's thread (support request) id: the conversation
     * @param messageId the site's id of the message, unique in the thread
     * @param subject   the thread's subject, only on its first message; else {@code null}
     * @param customer  the customer, or {@code null} when the site sent none
     * @param text      the text, stripped, not empty
     */
    record Message(String thread, String messageId, String subject, Customer customer, String text) {

        /** @return the dedup key: the thread and the message id ({@code /} is in neither) */
        String dedupKey() {
            return thread + "/" + messageId;
        }

        String orderingKey() {
            return "thread:" + thread;
        }
    }

    // ---------------------------------------------------------------- authentication

    /**
     * Checks the {@code Authorization: Bearer <key>} header against the connection's keys, in constant time
     * ({@link ApiKeys#accepts}: the platform stores only SHA-256 digests of the keys it made).
     *
     * @throws WebhookRejectedException 401 "Unknown API key" when the key is missing or matches none
     */
    static void authenticate(InboundRequest request, ApiKeys keys) {
        String given = request.header("Authorization").map(String::strip).orElse("");
        String token = given.regionMatches(true, 0, "Bearer ", 0, 7) ? given.substring(7).strip() : "";
        if (!keys.accepts(token)) {
            throw new WebhookRejectedException(401, "Unknown API key");
        }
    }

    // ---------------------------------------------------------------- reading requests

    /** @return true for a request that lists a thread ({@code GET ?thread=…}), which the platform answers */
    static boolean isListing(InboundRequest request) {
        return "GET".equals(request.method());
    }

    /**
     * @return the thread a listing asks for
     * @throws WebhookRejectedException 400 when {@code thread} is missing or not an id
     */
    static String listedThread(InboundRequest request) {
        String thread = request.queryParam("thread").map(String::strip).orElse("");
        if (thread.isEmpty()) {
            throw WebhookRejectedException.malformed("Listing a thread needs the 'thread' query parameter, like "
                    + "?thread=T-1001");
        }
        requireId("thread", thread);
        return thread;
    }

    /**
     * Reads and validates a customer's message.
     *
     * @throws WebhookRejectedException 400 naming the field, or 413 when the text is too long
     */
    static Message message(InboundRequest request, int maxChars) {
        if (!"POST".equals(request.method())) {
            throw WebhookRejectedException.malformed("Send a customer's message with POST, list a thread with GET");
        }
        String media = request.mediaType();
        if (!media.isEmpty() && !media.equals("application/json") && !media.endsWith("+json")) {
            throw new WebhookRejectedException(415, "Send the message as JSON (Content-Type: application/json), not "
                    + media);
        }
        if (request.body().length == 0) {
            throw WebhookRejectedException.malformed("The body is empty; send a JSON object like {\"type\":\"message\","
                    + "\"thread\":\"T-1001\",\"message_id\":\"m-1\",\"text\":\"…\"}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw WebhookRejectedException.malformed("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw WebhookRejectedException.malformed("The body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRejectedException.malformed("The body must be a JSON object");
        }
        String type = optionalText(root, "type");
        if (type != null && !TYPE_MESSAGE.equals(type)) {
            throw WebhookRejectedException.malformed("Unknown 'type' \"" + shorten(type) + "\"; this API takes "
                    + "\"message\"");
        }
        String thread = requiredId(root, "thread");
        String messageId = requiredId(root, "message_id");
        String subject = optionalText(root, "subject");
        if (subject != null) {
            subject = subject.strip();
            if (subject.isEmpty()) {
                subject = null;
            } else if (subject.codePointCount(0, subject.length()) > MAX_SUBJECT) {
                throw WebhookRejectedException.malformed("'subject' is longer than " + MAX_SUBJECT + " characters");
            }
        }
        Customer customer = customer(root.get("customer"));
        String text = optionalText(root, "text");
        if (text == null || text.isBlank()) {
            throw WebhookRejectedException.malformed("'text' is required: the customer's message as plain text");
        }
        text = text.strip();
        int chars = text.codePointCount(0, text.length());
        if (chars > maxChars) {
            throw new WebhookRejectedException(413, "'text' has " + chars + " characters; this connection takes at "
                    + "most " + maxChars);
        }
        return new Message(thread, messageId, subject, customer, text);
    }

    private static Customer customer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw WebhookRejectedException.malformed("'customer' must be an object like {\"id\":\"42\",\"email\":"
                    + "\"anna@example.com\",\"name\":\"Anna\"}");
        }
        String id = optionalId(node, "customer.id");
        String email = optionalText(node, "email", "customer.email");
        if (email != null) {
            email = email.strip();
            if (email.isEmpty()) {
                email = null;
            } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                throw WebhookRejectedException.malformed("'customer.email' is not an e-mail address");
            }
        }
        String name = blankToNull(optionalText(node, "name", "customer.name"));
        if (name != null && name.codePointCount(0, name.length()) > MAX_NAME) {
            throw WebhookRejectedException.malformed("'customer.name' is longer than " + MAX_NAME + " characters");
        }
        String phone = blankToNull(optionalText(node, "phone", "customer.phone"));
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw WebhookRejectedException.malformed("'customer.phone' is not a phone number (digits, spaces, "
                    + "( ) . - and an optional leading +, up to 40 characters)");
        }
        if (id == null && email == null) {
            throw WebhookRejectedException.malformed("'customer' needs an 'id' or an 'email'");
        }
        return new Customer(id, email, name, phone);
    }

    private static String requiredId(JsonNode root, String field) {
        String id = optionalId(root, field);
        if (id == null) {
            throw WebhookRejectedException.malformed("'" + field + "' is required");
        }
        return id;
    }

    /** An id as a string, or an integer written as one; {@code null} when absent. */
    private static String optionalId(JsonNode parent, String path) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String id;
        if (node.isIntegralNumber()) {
            id = node.bigIntegerValue().toString();
        } else if (node.isTextual()) {
            id = node.textValue().strip();
        } else {
            throw WebhookRejectedException.malformed("'" + path + "' must be a string");
        }
        if (id.isEmpty()) {
            return null;
        }
        requireId(path, id);
        return id;
    }

    private static void requireId(String field, String id) {
        if (!ID.matcher(id).matches()) {
            throw WebhookRejectedException.malformed("'" + field + "' must be 1–100 letters, digits and . _ : -");
        }
    }

    private static String optionalText(JsonNode parent, String field) {
        return optionalText(parent, field, field);
    }

    private static String optionalText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw WebhookRejectedException.malformed("'" + path + "' must be a string");
        }
        return node.textValue();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "…";
    }

    /** @return the body of the 202 answer to an accepted message */
    static String accepted(Message message) {
        return JSON.createObjectNode().put("accepted", true).put("thread", message.thread())
                .put("message_id", message.messageId()).toString();
    }
}
