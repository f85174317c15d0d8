package io.switchboard.platform.security;

import jakarta.security.enterprise.CallerPrincipal;

/**
 * The signed-in caller as the container knows it. The tenant comes from here and nowhere else: the persistence
 * layer scopes every tenant query to {@link #tenantId()} (see {@code TenantEntityManager}, which asks
 * {@link SignedInCallerTenant}).
 */
public class SwitchboardPrincipal extends CallerPrincipal {

    private final long userId;
    private final Long tenantId;
    private final Role role;

    public SwitchboardPrincipal(String email, long userId, Long tenantId, Role role) {
        super(email);
        this.userId = userId;
        this.tenantId = tenantId;
        this.role = role;
    }

    public long userId() {
        return userId;
    }

    /** @return the caller's tenant, or {@code null} for a platform operator */
    public Long tenantId() {
        return tenantId;
    }

    public Role role() {
        return role;
    }

    public String email() {
        return getName();
    }
}
