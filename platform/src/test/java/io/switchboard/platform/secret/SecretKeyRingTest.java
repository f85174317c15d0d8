package io.switchboard.platform.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretKeyRingTest {

    private static final String K1 = newKey();
    private static final String K2 = newKey();

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void sealsAndOpensWithoutTheClearTextInTheStoredBytes() {
        SecretKeyRing ring = new SecretKeyRing("k1:" + K1, "k1");
        SealedSecret sealed = ring.seal("0e8f678d8327eb3292a28c8165957b28", "conn-abc");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.sealed(), StandardCharsets.ISO_8859_1)).doesNotContain("0e8f678d");
        assertThat(ring.open(sealed, "conn-abc")).isEqualTo("0e8f678d8327eb3292a28c8165957b28");
    }

    @Test
    void theSameSecretSealsDifferentlyEachTime() {
        SecretKeyRing ring = new SecretKeyRing("k1:" + K1, "k1");
        assertThat(ring.seal("token", "c")).isNotEqualTo(ring.seal("token", "c"));
    }

    @Test
    void aSecretCopiedToAnotherConnectionDoesNotOpen() {
        SecretKeyRing ring = new SecretKeyRing("k1:" + K1, "k1");
        SealedSecret sealed = ring.seal("token", "tenant-a/conn-1");
        assertThatThrownBy(() -> ring.open(sealed, "tenant-b/conn-9"))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("does not belong here");
    }

    @Test
    void alteredBytesAreDetected() {
        SecretKeyRing ring = new SecretKeyRing("k1:" + K1, "k1");
        byte[] bytes = ring.seal("token", "c").sealed();
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> ring.open(new SealedSecret("k1", bytes), "c"))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void rotationKeepsOldSecretsReadableAndSealsNewOnesWithTheActiveKey() {
        SealedSecret old = new SecretKeyRing("k1:" + K1, "k1").seal("token", "c");
        SecretKeyRing rotated = new SecretKeyRing("k1:" + K1 + ", k2:" + K2, "k2");
        assertThat(rotated.open(old, "c")).isEqualTo("token");
        assertThat(rotated.needsRotation(old)).isTrue();
        SealedSecret fresh = rotated.seal("token", "c");
        assertThat(fresh.keyId()).isEqualTo("k2");
        assertThat(rotated.needsRotation(fresh)).isFalse();
    }

    @Test
    void aSecretWhoseKeyWasRemovedSaysWhich() {
        SealedSecret old = new SecretKeyRing("k1:" + K1, "k1").seal("token", "c");
        assertThatThrownBy(() -> new SecretKeyRing("k2:" + K2, "k2").open(old, "c"))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("'k1'");
    }

    @Test
    void badKeyConfigurationIsExplainedWithoutKeyMaterial() {
        assertThatThrownBy(() -> new SecretKeyRing("k1", "k1")).hasMessageContaining("id:base64key");
        assertThatThrownBy(() -> new SecretKeyRing("k1:not*base64", "k1")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> new SecretKeyRing("k1:" + Base64.getEncoder().encodeToString(new byte[16]), "k1"))
                .hasMessageContaining("has 16 bytes");
        assertThatThrownBy(() -> new SecretKeyRing("k1:" + K1 + ",k1:" + K2, "k1")).hasMessageContaining("twice");
        assertThatThrownBy(() -> new SecretKeyRing("k1:" + K1, "k9")).hasMessageContaining("'k9'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(K1));
        assertThat(new SecretKeyRing("k1:" + K1, "k1").toString()).doesNotContain(K1);
    }
}
