package io.switchboard.platform.secret;

import java.util.Arrays;
import java.util.Objects;

/**
 * An encrypted value as stored: the id of the key that encrypted it (so keys can rotate) and the AES-GCM output
 * (12-byte nonce followed by ciphertext and 16-byte tag).
 *
 * @param keyId  id of the encrypting key, from {@code switchboard.secrets.keys}
 * @param sealed nonce + ciphertext + tag
 */
public record SealedSecret(String keyId, byte[] sealed) {

    public SealedSecret {
        Objects.requireNonNull(keyId, "keyId");
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedSecret other && keyId.equals(other.keyId) && Arrays.equals(sealed, other.sealed);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(sealed);
    }

    /** Prints the key id and size only. */
    @Override
    public String toString() {
        return "SealedSecret[" + keyId + ", " + sealed.length + " bytes]";
    }
}
