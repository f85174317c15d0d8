package io.switchboard.platform.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The platform's few cross-tenant SQL statements (sign-in lookups, the operator's counts, the first operator).
 * EclipseLink disables native SQL in a persistence unit with multitenant entities, because native SQL bypasses the
 * tenant filter; each statement here opts in explicitly, so every bypass is found by searching for this class.
 */
public final class SystemSql {

    private static final String ALLOW_NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    private SystemSql() {
    }

    /** @return a native query allowed to run although the unit has multitenant entities */
    public static Query query(EntityManager em, String sql) {
        return em.createNativeQuery(sql).setHint(ALLOW_NATIVE, true);
    }
}
