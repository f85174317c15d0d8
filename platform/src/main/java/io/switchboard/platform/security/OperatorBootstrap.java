package io.switchboard.platform.security;

import io.switchboard.platform.persistence.SystemSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On the first start (no platform operator yet) creates one from {@code switchboard.admin.email} and
 * {@code switchboard.admin.password}. Without a configured password it makes a random one and prints it once in
 * the log, the only place it ever appears; change it by configuring a password before the first start.
 */
@ApplicationScoped
public class OperatorBootstrap {

    private static final Logger LOG = Logger.getLogger(OperatorBootstrap.class.getName());

    @PersistenceContext(unitName = "switchboard")
    private EntityManager em;

    private AccountDirectory accounts;
    private PasswordHasher hasher;
    private String email;
    private Optional<String> password;

    protected OperatorBootstrap() {
        // for the CDI proxy
    }

    @Inject
    public OperatorBootstrap(AccountDirectory accounts, PasswordHasher hasher,
                             @ConfigProperty(name = "switchboard.admin.email", defaultValue = "admin@switchboard.local")
                             String email,
                             @ConfigProperty(name = "switchboard.admin.password") Optional<String> password) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.email = AccountDirectory.normalise(email);
        this.password = password.filter(p -> !p.isBlank());
    }

    /** Creates the first platform operator when there is none. */
    @Transactional
    public void ensureOperator() {
        if (accounts.anyPlatformOperator()) {
            return;
        }
        String chosen = password.orElseGet(OperatorBootstrap::randomPassword);
        String weakness = PasswordHasher.weakness(chosen);
        if (weakness != null) {
            throw new IllegalStateException("switchboard.admin.password is too weak: " + weakness);
        }
        // A generated password was shown in the log, where it stays: it only opens the password change.
        SystemSql.query(em, "INSERT INTO app_user (tenant_id, email, display_name, password_hash, role, enabled, "
                        + "created_at, must_change_password) VALUES (NULL, ?1, ?2, ?3, 'PLATFORM_OPERATOR', TRUE, ?4, ?5)")
                .setParameter(1, email).setParameter(2, "Platform operator").setParameter(3, hasher.hash(chosen))
                .setParameter(4, java.sql.Timestamp.from(Instant.now())).setParameter(5, password.isEmpty())
                .executeUpdate();
        if (password.isPresent()) {
            LOG.info("Created the platform operator " + email + " with the configured password");
        } else {
            LOG.warning("\n\n    Created the platform operator " + email + " with the one-time password: " + chosen
                    + "\n    It works once: signing in with it leads straight to choosing a password of your own."
                    + " (Or set switchboard.admin.password before the first start.)\n");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
