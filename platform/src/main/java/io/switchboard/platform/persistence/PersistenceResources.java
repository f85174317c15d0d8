package io.switchboard.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The persistence unit and the transaction registry, looked up once for the application. Request-scoped beans
 * inject this rather than the resources themselves: Payara resolves {@code @PersistenceUnit} and {@code @Resource}
 * fields through JNDI each time such a bean is created — once per pipeline event for {@link TenantEntityManager},
 * ≈ 14 % of a pipeline worker's CPU (issue #5, end-to-end profile).
 */
@ApplicationScoped
public class PersistenceResources {

    @PersistenceUnit(unitName = "switchboard")
    private EntityManagerFactory factory;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** @return the platform's persistence unit */
    public EntityManagerFactory factory() {
        return factory;
    }

    /** @return the container's transaction synchronization registry */
    public TransactionSynchronizationRegistry transactions() {
        return transactions;
    }
}
