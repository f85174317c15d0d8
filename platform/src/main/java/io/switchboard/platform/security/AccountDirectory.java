package io.switchboard.platform.security;

import io.switchboard.platform.persistence.SystemSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Looks users up for authentication, across tenants: at login the tenant is not yet known. This and the webhook
 * router are the only places that read tenant rows without a tenant scope, and they only read what authentication
 * needs (never connections or settings). A user is active only while their tenant is active too.
 */
@ApplicationScoped
public class AccountDirectory {

    private static final String SELECT = "SELECT u.id, u.email, u.password_hash, u.role, u.tenant_id, "
            + "u.enabled AND (t.id IS NULL OR t.status = 'ACTIVE'), u.must_change_password "
            + "FROM app_user u LEFT JOIN tenant t ON t.id = u.tenant_id ";

    @PersistenceContext(unitName = "switchboard")
    private EntityManager em;

    /** @return the account with this login e-mail (case-insensitive), if any */
    public Optional<Account> byEmail(String email) {
        return single(SystemSql.query(em, SELECT + "WHERE u.email = ?1")
                .setParameter(1, normalise(email)).getResultList());
    }

    /** @return the account with this id, if any */
    public Optional<Account> byId(long userId) {
        return single(SystemSql.query(em, SELECT + "WHERE u.id = ?1").setParameter(1, userId).getResultList());
    }

    /** @return the account owning the API token with this SHA-256, if any */
    public Optional<Account> byTokenHash(String tokenSha256) {
        return single(SystemSql.query(em, SELECT + "JOIN api_token a ON a.user_id = u.id WHERE a.token_sha256 = ?1")
                .setParameter(1, tokenSha256).getResultList());
    }

    /** @return true when some user (of any tenant) has this e-mail; e-mails are unique platform-wide */
    public boolean emailTaken(String email) {
        return byEmail(email).isPresent();
    }

    /** @return true when at least one platform operator exists */
    public boolean anyPlatformOperator() {
        return !SystemSql.query(em, "SELECT id FROM app_user WHERE role = 'PLATFORM_OPERATOR'")
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** E-mail addresses are compared lower-case. */
    public static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static Optional<Account> single(List<?> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Account(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                Role.valueOf((String) row[3]), row[4] == null ? null : ((Number) row[4]).longValue(), truthy(row[5]),
                truthy(row[6])));
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }
}
