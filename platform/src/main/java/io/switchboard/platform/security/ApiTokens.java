package io.switchboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * creation, and only its SHA-256 is kept. A signed-in caller lists, makes and revokes only their own tokens: the user
 * is the caller, never a parameter.
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
    @Inject
    private CallerAccess access;

    /** A token for an account whose password was just checked ({@code POST /api/v1/tokens}: no caller yet). */
    @Transactional
    public Issued issue(Account verified, String name) {
        if (!verified.active()) {
            throw new AccessDeniedException(false, "The account is disabled");
        }
        if (verified.mustChangePassword()) {
            throw new AccessDeniedException(true, "Change your one-time password first: sign in at /login.xhtml");
        }
        return issue(verified.userId(), name);
    }

    /** A new token for the signed-in caller. */
    @Transactional
    public Issued issueMine(String name) {
        return issue(access.requireSignedIn().userId(), name);
    }

    private Issued issue(long userId, String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = "sb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String label = name == null || name.isBlank() ? "API token" : name.strip();
        ApiToken token = new ApiToken(userId, label.length() > 100 ? label.substring(0, 100) : label,
                sha256(value), value.substring(0, 9), Instant.now());
        em.persist(token);
        return new Issued(token, value);
    }

    /** @return the signed-in caller's tokens */
    public List<ApiToken> mine() {
        return em.createQuery("SELECT t FROM ApiToken t WHERE t.userId = :user ORDER BY t.id", ApiToken.class)
                .setParameter("user", access.requireSignedIn().userId()).getResultList();
    }

    /** @return true when the caller's token existed and is now revoked */
    @Transactional
    public boolean revokeMine(long tokenId) {
        return em.createQuery("DELETE FROM ApiToken t WHERE t.userId = :user AND t.id = :id")
                .setParameter("user", access.requireSignedIn().userId()).setParameter("id", tokenId)
                .executeUpdate() == 1;
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
