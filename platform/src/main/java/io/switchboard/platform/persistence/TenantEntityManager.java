package io.switchboard.platform.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import java.util.Map;
import org.eclipse.persistence.config.PersistenceUnitProperties;

/**
 * The entity manager for tenant data, one per request, bound to exactly one tenant. Tenant entities are EclipseLink
 * {@code @Multitenant} (see ADR 0004): every query, find, insert, update and delete on them carries
 * {@code tenant_id = <this tenant>}, added by EclipseLink, so no query can reach another tenant's rows and none has
 * to remember to filter.
 *
 * <p>The tenant comes from the signed-in caller ({@link CallerTenant}, provided by the security package); code that
 * runs without a caller (webhooks, workers, the operator creating a tenant) binds one explicitly with
 * {@link #bind(long)}. Using tenant data with neither fails, as does binding a tenant other than the caller's.
 */
@RequestScoped
public class TenantEntityManager {

    /** The EclipseLink context property the tenant discriminator column reads. */
    public static final String TENANT_PROPERTY = PersistenceUnitProperties.MULTITENANT_PROPERTY_DEFAULT;

    @Inject
    private PersistenceResources resources;

    @Inject
    private CallerTenant caller;

    private Long tenantId;
    private EntityManager em;

    /**
     * @return the entity manager scoped to this request's tenant, joined to the current transaction if there is one
     * @throws IllegalStateException when no tenant is known for this request
     */
    public EntityManager em() {
        if (em == null) {
            em = resources.factory().createEntityManager(Map.of(TENANT_PROPERTY, String.valueOf(tenantId())));
        }
        if (resources.transactions().getTransactionStatus() == Status.STATUS_ACTIVE && !em.isJoinedToTransaction()) {
            em.joinTransaction();
        }
        return em;
    }

    /** @return the tenant of this request */
    public long tenantId() {
        if (tenantId == null) {
            tenantId = callerTenant().orElseThrow(() -> new IllegalStateException(
                    "tenant data used without a tenant: no tenant user is signed in and none was bound"));
        }
        return tenantId;
    }

    /**
     * Binds this request to a tenant, for code that runs without a signed-in tenant user. May be called once, before
     * any tenant data is read; binding a tenant other than the signed-in caller's is refused.
     */
    public void bind(long tenant) {
        if (tenantId != null && tenantId != tenant) {
            throw new IllegalStateException("this request is already bound to another tenant");
        }
        callerTenant().filter(caller -> caller != tenant).ifPresent(caller -> {
            throw new IllegalStateException("a request cannot switch away from its caller's tenant");
        });
        tenantId = tenant;
    }

    /** @return true when a tenant is known for this request (signed-in tenant user or bound) */
    public boolean hasTenant() {
        return tenantId != null || callerTenant().isPresent();
    }

    private java.util.Optional<Long> callerTenant() {
        return caller.tenantId();
    }

    @PreDestroy
    void close() {
        if (em != null && em.isOpen()) {
            em.close();
        }
    }
}
