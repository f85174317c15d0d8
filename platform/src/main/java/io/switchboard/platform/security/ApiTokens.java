package io.switchboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Issues and revokes API tokens. A token is {@code sb_} and 32 random bytes (base64url); it is shown once, at
 * creation, and only its SHA-256 is kept.
 */
@ApplicationScoped
public class ApiTokens {

    /** A freshly issued token: the only time its clear value exists. */
    public record Issued(ApiToken token, String value) {
        @Override
        public String toString() {
            return "Issued[" + token.prefix() + "…]";
        }
    }

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext(unitName = "switchboard")
    private EntityManager em;

    @Transactional
    public Issued issue(long userId, String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = "sb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String label = name == null || name.isBlank() ? "API token" : name.strip();
        ApiToken token = new ApiToken(userId, label.length() > 100 ? label.substring(0, 100) : label,
                sha256(value), value.substring(0, 9), Instant.now());
        em.persist(token);
        return new Issued(token, value);
    }

    public List<ApiToken> of(long userId) {
        return em.createQuery("SELECT t FROM ApiToken t WHERE t.userId = :user ORDER BY t.id", ApiToken.class)
                .setParameter("user", userId).getResultList();
    }

    /** @return true when the user's token existed and is now revoked */
    @Transactional
    public boolean revoke(long userId, long tokenId) {
        return em.createQuery("DELETE FROM ApiToken t WHERE t.userId = :user AND t.id = :id")
                .setParameter("user", userId).setParameter("id", tokenId).executeUpdate() == 1;
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
