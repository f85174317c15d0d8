package io.switchboard.platform.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The example site's check of Switchboard's webhooks: authentic and fresh passes; anything else is refused. */
class WebhookSignatureTest {

    private static final String SECRET = "s3cret-signing-key-of-at-least-32-chars!";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final byte[] BODY = "{\"type\":\"message.created\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void anAuthenticFreshWebhookPassesAlsoAmongOtherSignatures() throws Exception {
        String ts = String.valueOf(NOW.getEpochSecond() - 30);
        String sig = "v1," + sign(SECRET, "msg_1." + ts + ".", BODY);
        assertThat(WebhookSignature.problem(SECRET, "msg_1", ts, sig, BODY, NOW)).isNull();
        assertThat(WebhookSignature.problem(SECRET, "msg_1", ts, "v1,AAAA " + sig, BODY, NOW)).isNull();
    }

    @Test
    void aForgedTamperedOrStaleWebhookIsRefusedWithTheReason() throws Exception {
        String ts = String.valueOf(NOW.getEpochSecond());
        String good = "v1," + sign(SECRET, "msg_1." + ts + ".", BODY);
        assertThat(WebhookSignature.problem(SECRET, "msg_1", ts, "v1," + sign("another-secret-entirely-32-chars!!",
                "msg_1." + ts + ".", BODY), BODY, NOW)).isEqualTo("no valid signature");
        assertThat(WebhookSignature.problem(SECRET, "msg_1", ts, good, "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                NOW)).isEqualTo("no valid signature");
        assertThat(WebhookSignature.problem(SECRET, "msg_2", ts, good, BODY, NOW)).isEqualTo("no valid signature");
        String old = String.valueOf(NOW.getEpochSecond() - 301);
        assertThat(WebhookSignature.problem(SECRET, "msg_1", old, "v1," + sign(SECRET, "msg_1." + old + ".", BODY),
                BODY, NOW)).contains("outside the 5-minute window");
        assertThat(WebhookSignature.problem(SECRET, "msg_1", null, good, BODY, NOW)).startsWith("missing");
        assertThat(WebhookSignature.problem(SECRET, "msg_1", "soon", good, BODY, NOW)).contains("not a number");
    }

    private static String sign(String secret, String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
