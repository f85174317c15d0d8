package io.switchboard.platform.api;

import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.security.SwitchboardPrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The authenticated API caller, and the role checks resources make before acting (the services behind them check
 * again: {@link CallerAccess}). A refusal is answered 401 or 403 by {@link ProblemMappers.AccessDenied}.
 */
@RequestScoped
public class Caller {

    @Inject
    private CallerAccess access;

    public SwitchboardPrincipal principal() {
        return access.requireSignedIn();
    }

    /** @throws io.switchboard.platform.security.AccessDeniedException unless the caller has one of the roles */
    public SwitchboardPrincipal require(Role... roles) {
        return access.require(roles);
    }
}
