package io.switchboard.platform.examples;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a site checks a Switchboard webhook (the Standard Webhooks scheme, plugins/website/README.md): HMAC-SHA256 with
 * the signing secret over {@code webhook-id + "." + webhook-timestamp + "." + body}, Base64, sent as {@code v1,<sig>}
 * in {@code webhook-signature} (several signatures may be listed, space-separated); compared in constant time; the
 * timestamp within {@link #TOLERANCE} of now, so a captured webhook cannot be replayed later.
 */
final class WebhookSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** @return why the webhook is refused, or {@code null} when it is authentic and fresh */
    static String problem(String secret, String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number";
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
            return "webhook-timestamp is outside the " + TOLERANCE.toMinutes() + "-minute window";
        }
        byte[] expected = sign(secret, id + "." + seconds + ".", body);
        for (String candidate : signatures.strip().split(" ")) {
            if (candidate.startsWith("v1,")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return null;
                }
            }
        }
        return "no valid signature";
    }

    private static byte[] sign(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
