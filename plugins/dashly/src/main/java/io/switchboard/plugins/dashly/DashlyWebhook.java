package io.switchboard.plugins.dashly;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Dashly webhook (README, "Vendor facts"): a form with {@code type} ({@code conversation} for the chat-message
 * webhook, {@code event} for the integration's system events), {@code token} (the shared secret Dashly's support
 * sets) and the object itself as a JSON string in the field named by the type. Dashly's Russian help says the body
 * is base64-encoded while the English pages and real captures show a plain form: a plain form is read first, a
 * base64 one otherwise.
 */
final class DashlyWebhook {

    /** What one webhook carries. */
    record Body(String type, String token, JsonNode object) {
    }

    private DashlyWebhook() {
    }

    /**
     * @return the webhook's fields
     * @throws WebhookRejectedException 400 when it is not a Dashly webhook
     */
    static Body read(InboundRequest request) {
        Map<String, String> form = formOf(request);
        String type = form.getOrDefault("type", "").trim();
        if (type.isEmpty()) {
            throw WebhookRejectedException.malformed("not a Dashly webhook: no 'type' field (expected a form with "
                    + "type=conversation and the message as JSON in 'conversation')");
        }
        String field = form.get(type);
        if (field == null || field.isBlank()) {
            throw WebhookRejectedException.malformed("Dashly webhook of type '" + type + "' has no '" + type
                    + "' field");
        }
        JsonNode object;
        try {
            object = DashlyApi.JSON.readTree(field.trim().startsWith("{") ? field : fromBase64(field));
        } catch (IOException e) {
            throw WebhookRejectedException.malformed("the '" + type + "' field of the Dashly webhook is not JSON");
        }
        if (object == null || !object.isObject()) {
            throw WebhookRejectedException.malformed("the '" + type + "' field of the Dashly webhook is not a JSON "
                    + "object");
        }
        return new Body(type, form.get("token"), object);
    }

    /** @return the {@code token} field, if any; never throws (verification decides) */
    static Optional<String> token(InboundRequest request) {
        try {
            return Optional.ofNullable(formOf(request).get("token")).filter(t -> !t.isEmpty());
        } catch (WebhookRejectedException e) {
            return Optional.empty();
        }
    }

    /**
     * Dedup key: the message's id (a repeated delivery has the same one); ordering key: the conversation, so one
     * conversation's messages are handled in order. A system event is keyed by its id and ordered by its lead.
     */
    static InboundKeys keys(InboundRequest request) {
        Body body = read(request);
        JsonNode object = body.object();
        if ("conversation".equals(body.type())) {
            String part = DashlyJson.id(object.get("id"));
            String conversation = DashlyJson.id(object.get("conversation"));
            if (conversation == null) {
                throw WebhookRejectedException.malformed("Dashly conversation webhook names no conversation");
            }
            return InboundKeys.of(part == null ? null : "part:" + part, "conversation:" + conversation);
        }
        String id = DashlyJson.id(object.get("id"));
        String lead = DashlyJson.leadId(object);
        return InboundKeys.of(id == null ? null : body.type() + ":" + id, lead == null ? null : "lead:" + lead);
    }

    /** The field itself base64-encoded (one reading of Dashly's Russian help); not base64 → unchanged. */
    private static String fromBase64(String field) {
        try {
            return new String(Base64.getMimeDecoder().decode(field.trim().replace('-', '+').replace('_', '/')),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return field;
        }
    }

    private static Map<String, String> formOf(InboundRequest request) {
        Map<String, String> form = request.formFields();
        if (form.containsKey("type")) {
            return form;
        }
        String text = request.bodyText().trim();
        if (!text.isEmpty() && text.matches("[A-Za-z0-9+/=_\\-\\s]+")) {
            try {
                String decoded = new String(Base64.getMimeDecoder().decode(text.replace('-', '+').replace('_', '/')),
                        StandardCharsets.UTF_8);
                return new InboundRequest(request.method(), Map.of("Content-Type",
                        java.util.List.of("application/x-www-form-urlencoded")), Map.of(),
                        decoded.getBytes(StandardCharsets.UTF_8), request.receivedAt()).formFields();
            } catch (IllegalArgumentException notBase64) {
                // fall through: neither a form nor base64
            }
        }
        return form;
    }
}
