package io.switchboard.platform.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM (the JDK's implementation: no hand-written crypto). Several keys may be
 * configured; new secrets use the active one, old ones stay readable with theirs until re-saved — that is key
 * rotation. Each secret is bound to a context (e.g. the connection's public id) as associated data, so a ciphertext
 * copied to another row or tenant does not decrypt.
 *
 * <p>Keys come as {@code id:base64} pairs separated by commas (MicroProfile Config {@code switchboard.secrets.keys});
 * each key is 32 random bytes, e.g. {@code openssl rand -base64 32}.
 */
public final class SecretKeyRing {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keySpec     {@code id:base64[,id:base64…]}
     * @param activeKeyId id of the key new secrets are encrypted with
     * @throws IllegalArgumentException with a message naming the problem (never the key material)
     */
    public SecretKeyRing(String keySpec, String activeKeyId) {
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        for (String entry : keySpec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("switchboard.secrets.keys entries look like id:base64key");
            }
            String id = trimmed.substring(0, colon);
            byte[] material;
            try {
                material = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secrets key '" + id + "' is not valid base64");
            }
            if (material.length != 32) {
                throw new IllegalArgumentException("secrets key '" + id + "' has " + material.length
                        + " bytes; AES-256 needs 32 (e.g. openssl rand -base64 32)");
            }
            if (parsed.put(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalArgumentException("secrets key '" + id + "' is configured twice");
            }
        }
        if (!parsed.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active secrets key '" + activeKeyId + "' is not among the configured keys "
                    + parsed.keySet());
        }
        this.keys = Map.copyOf(parsed);
        this.activeKeyId = activeKeyId;
    }

    /** Encrypts with the active key, bound to {@code context}. */
    public SealedSecret seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = new byte[NONCE_BYTES + ciphertext.length];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            System.arraycopy(ciphertext, 0, sealed, NONCE_BYTES, ciphertext.length);
            return new SealedSecret(activeKeyId, sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Decrypts a secret sealed for {@code context}.
     *
     * @throws SecretUnreadableException when its key is no longer configured, or it was sealed for another context
     *                                   or altered
     */
    public String open(SealedSecret secret, String context) {
        SecretKey key = keys.get(secret.keyId());
        if (key == null) {
            throw new SecretUnreadableException("the secret was encrypted with key '" + secret.keyId()
                    + "', which is no longer configured in switchboard.secrets.keys");
        }
        byte[] sealed = secret.sealed();
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadableException("the stored secret is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plaintext = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadableException("the stored secret does not belong here or was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @return true when the secret was sealed with an older key and should be re-sealed on the next save */
    public boolean needsRotation(SealedSecret secret) {
        return !activeKeyId.equals(secret.keyId());
    }

    /** Prints key ids only. */
    @Override
    public String toString() {
        return "SecretKeyRing" + keys.keySet() + ", active " + activeKeyId;
    }
}
