package io.switchboard.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Password hashing with Jakarta Security's {@link Pbkdf2PasswordHash} (no hand-written crypto): PBKDF2 with
 * HMAC-SHA-512, 210,000 iterations (OWASP 2023), salt and parameters stored in the hash so they can change later.
 */
@ApplicationScoped
public class PasswordHasher {

    /** Shortest password accepted. */
    public static final int MIN_LENGTH = 10;

    private Pbkdf2PasswordHash hash;

    protected PasswordHasher() {
        // for the CDI proxy
    }

    @Inject
    public PasswordHasher(Pbkdf2PasswordHash hash) {
        this.hash = hash;
    }

    @PostConstruct
    void configure() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    public boolean matches(String password, String storedHash) {
        return password != null && storedHash != null && hash.verify(password.toCharArray(), storedHash);
    }

    /** @return a plain-words problem with the password, or {@code null} when it is acceptable */
    public static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "Use a password of at least " + MIN_LENGTH + " characters";
        }
        return null;
    }
}
