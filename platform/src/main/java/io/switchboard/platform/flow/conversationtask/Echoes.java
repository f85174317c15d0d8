package io.switchboard.platform.flow.conversationtask;

import io.switchboard.platform.flow.FlowLinks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the flow itself wrote on one side, so that it is not copied back when that side reports it (an echo). Before
 * each write the flow records the text's fingerprint under the place it writes to ({@code task 42}, {@code chat
 * c-7}), durably; when that side's event comes back with the same text in the same place, the fingerprint is found and
 * marked seen. Fingerprints are recorded before the write, so the check holds even when the vendor's webhook arrives
 * before the write's answer, on another instance, or after a retry or replay of either event. Once seen, a fingerprint
 * no longer counts: a person who later writes the same words is copied.
 */
final class Echoes {

    static final String LINK = "echo";
    private static final String SEEN = "seen";

    private final FlowLinks links;

    Echoes(FlowLinks links) {
        this.links = links;
    }

    /** Announces, durably, that the flow is about to write this text in this place. */
    void expect(String place, String text, String origin) {
        links.recordNow(LINK, key(place, text), origin);
    }

    /**
     * @return the origin the flow recorded when it wrote this text in this place, if the event is its echo; the
     *         fingerprint is then marked seen
     */
    Optional<String> consume(String place, String text) {
        String key = key(place, text);
        Optional<String> origin = links.find(LINK, key).filter(o -> !SEEN.equals(o));
        origin.ifPresent(o -> links.record(LINK, key, SEEN));
        return origin;
    }

    private static String key(String place, String text) {
        return place + "#" + fingerprint(text);
    }

    /** First 16 bytes of the SHA-256 of the text with whitespace collapsed: vendors re-wrap and trim. */
    static String fingerprint(String text) {
        String normal = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
