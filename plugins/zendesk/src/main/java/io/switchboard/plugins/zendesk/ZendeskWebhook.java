package io.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the platform needs from a Zendesk webhook before storing it (README, "Vendor facts"): its authenticity and
 * its dedup / ordering keys.
 *
 * <p>Signature [doc "Verifying webhook authenticity"]: {@code X-Zendesk-Webhook-Signature} is
 * {@code base64(HMAC-SHA256(signing secret, X-Zendesk-Webhook-Signature-Timestamp + raw body))} — plain
 * concatenation, no separator, over the raw bytes. Compared in constant time.
 */
final class ZendeskWebhook {

    static final String SIGNATURE = "X-Zendesk-Webhook-Signature";
    static final String TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";
    static final String INVOCATION_ID = "X-Zendesk-Webhook-Invocation-Id";
    static final String WEBHOOK_ID = "X-Zendesk-Webhook-Id";

    /**
     * A signed request whose timestamp is further than this from the moment the platform received it is refused, to
     * limit replays ([inf] README, "Vendor facts": about 5 minutes; Zendesk's own retries come within seconds to
     * minutes, so this is assumed not to refuse them). Applies in both directions (clock skew).
     */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private ZendeskWebhook() {
    }

    /** @return {@code base64(HMAC-SHA256(secret, timestamp + body))} */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Checks the signature when a signing secret is configured. Without one the request is accepted: the platform
     * has already checked the connection's unguessable URL token, and that is then the only proof (the signing
     * secret is optional in the settings).
     *
     * @throws WebhookRejectedException 401 when a header is missing, the signature differs (wrong secret, or a body
     *                                  changed after signing), or the timestamp is more than {@link #MAX_SKEW} away
     *                                  from {@link InboundRequest#receivedAt()}
     */
    static void verify(InboundRequest request, String secret) {
        if (secret == null) {
            return;
        }
        String signature = request.header(SIGNATURE).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> WebhookRejectedException.unauthorized("the request has no " + SIGNATURE
                        + " header"));
        String timestamp = request.header(TIMESTAMP).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> WebhookRejectedException.unauthorized("the request has no " + TIMESTAMP
                        + " header"));
        String expected = sign(secret, timestamp, request.body());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw WebhookRejectedException.unauthorized("the Zendesk webhook signature does not match the configured"
                    + " signing secret");
        }
        Instant signedAt = parseTimestamp(timestamp);
        if (signedAt != null && request.receivedAt() != null
                && Duration.between(signedAt, request.receivedAt()).abs().compareTo(MAX_SKEW) > 0) {
            throw WebhookRejectedException.unauthorized("the Zendesk webhook was signed at " + timestamp
                    + ", more than " + MAX_SKEW.toMinutes() + " minutes from when it arrived");
        }
    }

    /**
     * @return the signing time: ISO-8601 ({@code 2024-05-02T10:11:12Z}, [inf] the format Zendesk sends) or epoch
     *         seconds; {@code null} when unreadable, in which case only the signature is checked
     */
    static Instant parseTimestamp(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(timestamp).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return Instant.ofEpochSecond(Long.parseLong(timestamp));
                } catch (NumberFormatException notEpoch) {
                    return null;
                }
            }
        }
    }

    /**
     * Dedup key: the event id of an event-subscribed webhook ({@code id} of the {@code zen:event-type:…}
     * envelope), else the {@code X-Zendesk-Webhook-Invocation-Id} header of a trigger webhook (Zendesk's "Webhooks"
     * page); prefixed, as they are different id spaces. Ordering key: the ticket id (the envelope's
     * {@code detail.id} or {@code subject} {@code zen:ticket:<id>}, or the template's {@code ticket_id}), so the
     * events of one ticket are handled in order.
     *
     * @throws WebhookRejectedException 400 when the body is not a JSON object
     */
    static InboundKeys keys(InboundRequest request) {
        JsonNode root = tree(request);
        String dedup = null;
        if (ZendeskEvents.isEnvelope(root)) {
            String id = ZendeskEvents.text(root.path("id"));
            dedup = id == null ? null : "event:" + id;
        }
        if (dedup == null) {
            dedup = request.header(INVOCATION_ID).map(String::trim).filter(s -> !s.isEmpty())
                    .map(s -> "invocation:" + s).orElse(null);
        }
        return InboundKeys.of(dedup, ZendeskEvents.ticketId(root));
    }

    /** @return the body as a JSON object; 400 otherwise */
    static JsonNode tree(InboundRequest request) {
        try {
            JsonNode node = ZendeskApi.JSON.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw WebhookRejectedException.malformed("the body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw WebhookRejectedException.malformed("the body is not valid JSON");
        }
    }
}
