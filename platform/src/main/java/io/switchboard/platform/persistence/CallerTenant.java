package io.switchboard.platform.persistence;

import java.util.Optional;

/**
 * Where {@link TenantEntityManager} learns the signed-in caller's tenant. Persistence defines it and the security
 * package provides the bean ({@code security.SignedInCallerTenant}), so persistence knows nothing of principals
 * and security may use persistence (ADR 0007).
 */
public interface CallerTenant {

    /**
     * @return the tenant of the caller signed in to the current request; empty for a platform operator, for no
     *         caller, and outside a web request (a pipeline worker)
     */
    Optional<Long> tenantId();
}
