package io.switchboard.platform.persistence;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids and tokens: random bytes as URL-safe base64 (public ids of connections and flows, URL tokens). */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** @return {@code bytes} random bytes, base64url without padding (15 bytes → 20 characters) */
    public static String of(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
