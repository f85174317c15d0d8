package io.switchboard.spi.inbound;

import io.switchboard.spi.error.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The check for vendors whose only proof of authenticity is a shared secret sent with every request (a body field,
 * a query parameter): compared in constant time, so response timing does not reveal how much of a guess was right.
 */
public final class SharedSecret {

    private SharedSecret() {
    }

    /**
     * @param expected the configured secret
     * @param given    what the request carried, or {@code null}
     * @param where    where the request carries it, for the rejection message, e.g. {@code "'token' parameter"}
     * @throws WebhookRejectedException 401 when the secret is missing or different; the message never contains it
     */
    public static void require(String expected, String given, String where) {
        if (given == null || given.isEmpty()) {
            throw WebhookRejectedException.unauthorized("the request has no " + where);
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw WebhookRejectedException.unauthorized("the " + where + " does not match the configured secret");
        }
    }
}
