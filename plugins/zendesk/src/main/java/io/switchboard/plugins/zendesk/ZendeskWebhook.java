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
     * limit replays (README, "Vendor facts": about 5 minutes, [inf]), unless it is a retry as {@link #RETRY_WINDOW}
     * describes. Applies in both directions (clock skew).
     */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    /**
     * How old a signed request that carries a dedup key (the event's {@code id}, or the
     * {@code X-Zendesk-Webhook-Invocation-Id} header) may be. Zendesk retries a failed delivery (a 409; a 429 or 503
     * with a {@code Retry-After} under 60 seconds; a timeout after about 12 seconds) a few times each (README,
     * "Vendor facts", "Webhook retries"; codes and counts [partly inf]), so its last retry comes about 6 minutes
     * after the first attempt at worst — later than {@link #MAX_SKEW} if the retry keeps the first attempt's
     * signature timestamp (Zendesk does not say whether it re-signs). 15 minutes covers that with room for queueing
     * and clock skew. Within it a replay is
     * stopped by the dedup key, not the clock: the platform's inbox acknowledges a repeated key without storing it
     * again and remembers keys for days (finished events are purged after the retention in days:
     * {@code platform/src/main/java/io/switchboard/platform/pipeline/PipelineWorkers.java}), far longer than this
     * window.
     */
    static final Duration RETRY_WINDOW = Duration.ofMinutes(15);

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
     * <p>Then the signing time: at most {@link #MAX_SKEW} in the future (clock skew), and at most {@link #MAX_SKEW} in
     * the past — or {@link #RETRY_WINDOW} when the request has a dedup key ({@link #keys}), so Zendesk's late
     * retries of a failed delivery are accepted and their repeats dropped by the platform's dedup. Nothing here is
     * remembered between requests: the dedup key is the replay guard.
     *
     * @throws WebhookRejectedException 401 when a header is missing, the signature differs (wrong secret, or a body
     *                                  changed after signing), or the timestamp is outside the window above
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
        if (signedAt == null || request.receivedAt() == null) {
            return;
        }
        Duration age = Duration.between(signedAt, request.receivedAt());
        if (age.compareTo(MAX_SKEW.negated()) < 0) {
            throw WebhookRejectedException.unauthorized("the Zendesk webhook was signed at " + timestamp
                    + ", more than " + MAX_SKEW.toMinutes() + " minutes after it arrived");
        }
        if (age.compareTo(MAX_SKEW) <= 0) {
            return;
        }
        boolean retry = dedupKey(request) != null;
        if (!retry || age.compareTo(RETRY_WINDOW) > 0) {
            String why = retry ? RETRY_WINDOW.toMinutes() + " minutes before it arrived (longer than Zendesk retries)"
                    : MAX_SKEW.toMinutes() + " minutes before it arrived, and has no event id or " + INVOCATION_ID
                    + " to recognise a repeat by";
            throw WebhookRejectedException.unauthorized("the Zendesk webhook was signed at " + timestamp
                    + ", more than " + why);
        }
    }

    /** @return the dedup key of a request whose signature is valid, or {@code null} (also for a body not JSON) */
    private static String dedupKey(InboundRequest request) {
        try {
            return keys(request).dedupKey();
        } catch (WebhookRejectedException notJson) {
            return null;
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
