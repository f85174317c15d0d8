package io.switchboard.plugins.website;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhooks Switchboard POSTs to the site, signed per the Standard Webhooks specification 1.0
 * (https://www.standardwebhooks.com/, README "Webhooks to your site"): headers {@code webhook-id},
 * {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature: v1,<base64 HMAC-SHA256>} over
 * {@code <id>.<timestamp>.<body>}.
 */
final class SiteWebhook {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE_MESSAGE = "message.created";
    static final String TYPE_PING = "ping";
    /**
     * What a platform idempotency key may be used as the webhook id as it is: the spec asks that an id hold no
     * {@code .} (it separates the signed parts). Anything else is replaced by a digest of it, still stable.
     */
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_:-]{1,200}");

    private SiteWebhook() {
    }

    /**
     * @return the webhook id of a message: its {@code externalId} (the same on every attempt, so the site drops
     *         repeats); {@code msg_} and a digest of it when it has characters an id must not; a random
     *         {@code msg_…} when the platform gave none (then a retry cannot be recognised as one)
     */
    static String webhookId(String externalId) {
        if (externalId == null || externalId.isBlank()) {
            return "msg_" + UUID.randomUUID().toString().replace("-", "");
        }
        String id = externalId.strip();
        return SAFE_ID.matcher(id).matches() ? id : "msg_" + sha256Hex(id).substring(0, 32);
    }

    /** @return the minified JSON body of a {@code message.created} webhook */
    static byte[] messageBody(String thread, String id, OutgoingMessage message, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE_MESSAGE);
        root.put("thread", thread);
        ObjectNode body = root.putObject("message");
        body.put("id", id);
        body.put("text", message.text().strip());
        ObjectNode author = body.putObject("author");
        author.put("type", message.fromCustomer() ? "customer" : "agent");
        author.put("name", blankToNull(message.authorName()));
        author.put("email", message.fromCustomer() ? null : blankToNull(message.asAgentEmail()));
        body.put("created_at", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS)));
        return bytes(root);
    }

    /** @return the body of the test webhook {@code check()} sends */
    static byte[] pingBody() {
        return bytes(JSON.createObjectNode().put("type", TYPE_PING));
    }

    /** @return the {@code webhook-signature} value: {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>} */
    static String signature(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * POSTs one signed webhook and returns the site's answer when it is a 2xx.
     *
     * @param what what is attempted, in plain words, for the failure message
     * @throws TransientVendorException for 408, 425, 429 and 5xx (with the site's {@code Retry-After}), and when the
     *                                  site cannot be reached (from the HTTP client)
     * @throws PermanentVendorException for any other answer, naming the status
     */
    static VendorResponse deliver(WebsiteSettings settings, String id, byte[] body, ConnectorContext context,
                                  String what) {
        VendorResponse response = context.http().send(request(settings, id, body, context));
        if (response.isSuccess()) {
            return response;
        }
        int status = response.status();
        String message = "Could not " + what + ": the site at " + settings.webhookUrl().getHost() + " answered HTTP "
                + status + explanation(status) + said(response);
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw new TransientVendorException(message, response.retryAfter().orElse(null), null);
        }
        throw new PermanentVendorException(message);
    }

    static VendorRequest request(WebsiteSettings settings, String id, byte[] body, ConnectorContext context) {
        long timestamp = context.clock().instant().getEpochSecond();
        return new VendorRequest("POST", settings.webhookUrl(), java.util.Map.of(
                "Content-Type", "application/json; charset=utf-8",
                "Accept", "application/json",
                "User-Agent", "Switchboard-Webhooks/1",
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature(settings.signingKey(), id, timestamp, body)), body);
    }

    private static String explanation(int status) {
        return switch (status) {
            case 401, 403 -> " (it refused the signature: the site's signing secret differs from the connection's, "
                    + "or its clock is more than 5 minutes off)";
            case 404 -> " (no webhook endpoint at that URL)";
            case 410 -> " (Gone: the site no longer takes these webhooks)";
            default -> status >= 300 && status < 400 ? " (a redirect: enter the URL it points to)" : "";
        };
    }

    /** @return the start of the site's answer as one line, for the tenant's dead-letter list; empty when none */
    private static String said(VendorResponse response) {
        String text = response.bodyText().replaceAll("\\s+", " ").strip();
        if (text.isEmpty() || text.startsWith("<")) {
            return "";
        }
        return ": " + (text.length() <= 160 ? text : text.substring(0, 160) + "…");
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
