package io.switchboard.spi.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keys of an inbound request, extracted before it is stored.
 *
 * @param dedupKey    the vendor's id of this event (a repeated delivery with the same key is acknowledged and
 *                    ignored), or {@code null} when the vendor gives none
 * @param orderingKey the id of the call / conversation / ticket the event belongs to (events with the same key are
 *                    processed one at a time in arrival order), or {@code null}
 */
public record InboundKeys(String dedupKey, String orderingKey) {

    public static InboundKeys none() {
        return new InboundKeys(null, null);
    }

    public static InboundKeys of(String dedupKey, String orderingKey) {
        return new InboundKeys(blankToNull(dedupKey), blankToNull(orderingKey));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * A short, stable digest of values, for a dedup key when the vendor sends no event id: the same values (a
     * repeated delivery) give the same key, different ones (another comment, another status) a different key. The
     * first 20 hex digits of the SHA-256 of the values as UTF-8, each followed by a NUL byte ({@code null} as empty),
     * e.g. {@code "comment:" + task + ":" + InboundKeys.digest(task, text, authorId)}.
     *
     * @return 20 lower-case hex digits
     * @since 1.4
     */
    public static String digest(String... values) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String value : values) {
                sha.update((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
