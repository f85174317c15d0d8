package io.switchboard.spi.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys of an {@link FieldType#API_KEYS} setting, as a connector checks a caller against them:
 *
 * <pre>{@code
 * String presented = request.header("Authorization") ... ;   // the caller's bearer key
 * if (!ApiKeys.from(ctx.config(), "api_keys").accepts(presented)) {
 *     throw new WebhookRejectedException(401, "Unknown API key");
 * }
 * }</pre>
 *
 * <p>The platform stores one row per key with the columns {@link #ID}, {@link #NAME}, {@link #HINT} (the key's first
 * characters, for people to tell keys apart), {@link #SHA256} (lower-case hex digest of the key's UTF-8 bytes) and
 * {@link #CREATED} (ISO-8601 instant). The key itself is never stored: it is shown once when made. Keys the platform
 * makes have 256 random bits, so an unsalted digest is safe to keep and fast to check. Immutable; since SPI 1.4.
 */
public final class ApiKeys {

    /** Column: the key's id, stable while the key lives (what a revoke names). */
    public static final String ID = "id";
    /** Column: the name a person gave the key ("Shop back end, 2026"). */
    public static final String NAME = "name";
    /** Column: the key's first characters, never enough to use it. */
    public static final String HINT = "hint";
    /** Column: lower-case hex SHA-256 of the key. */
    public static final String SHA256 = "sha256";
    /** Column: when the key was made, ISO-8601. */
    public static final String CREATED = "created";

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = digests;
    }

    /** @return the keys of the setting {@code key} of {@code config}; none when the setting is empty */
    public static ApiKeys from(ConfigValues config, String key) {
        return of(config.rows(key));
    }

    /** @return the keys of these stored rows; rows without a well-formed digest are ignored */
    public static ApiKeys of(List<Map<String, String>> rows) {
        return new ApiKeys(rows.stream().map(r -> r.get(SHA256)).filter(Objects::nonNull)
                .filter(d -> d.matches("[0-9a-f]{64}")).map(HexFormat.of()::parseHex).toList());
    }

    /**
     * @return whether the presented key is one of these keys; every digest is compared in constant time, so the
     *         answer's timing tells nothing about how close a guess was
     */
    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return false;
        }
        byte[] digest = sha256(presented);
        boolean found = false;
        for (byte[] known : digests) {
            found |= MessageDigest.isEqual(known, digest);
        }
        return found;
    }

    /** @return how many keys there are */
    public int size() {
        return digests.size();
    }

    /** @return whether there is no key at all (no caller can be accepted) */
    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /**
     * A stored row for a key, as the platform writes it; also for plugin tests that need settings with a known key.
     *
     * @param id      the key's id
     * @param name    its name
     * @param key     the key itself (only its digest and first characters are kept)
     * @param created when it was made
     */
    public static Map<String, String> row(String id, String name, String key, Instant created) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(ID, id);
        row.put(NAME, name);
        row.put(HINT, hint(key));
        row.put(SHA256, HexFormat.of().formatHex(sha256(key)));
        row.put(CREATED, created.toString());
        return row;
    }

    /** @return the first characters of a key people see to tell keys apart: up to 8, then "…" */
    public static String hint(String key) {
        return key.length() <= 12 ? "…" : key.substring(0, 8) + "…";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys[" + digests.size() + " key(s)]";
    }
}
