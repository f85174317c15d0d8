package io.switchboard.platform.security;

import io.switchboard.platform.persistence.CallerTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in caller's tenant, from the {@link SwitchboardPrincipal} and nowhere else: the tenant every tenant
 * query of the request is scoped to ({@code TenantEntityManager}).
 */
@ApplicationScoped
public class SignedInCallerTenant implements CallerTenant {

    private SecurityContext security;

    protected SignedInCallerTenant() {
        // for the CDI proxy
    }

    @Inject
    public SignedInCallerTenant(SecurityContext security) {
        this.security = security;
    }

    @Override
    public Optional<Long> tenantId() {
        try {
            return security.getPrincipalsByType(SwitchboardPrincipal.class).stream()
                    .map(SwitchboardPrincipal::tenantId).filter(Objects::nonNull).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty(); // not in a web request (a pipeline worker): there is no caller
        }
    }
}
