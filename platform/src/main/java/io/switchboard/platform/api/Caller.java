package io.switchboard.platform.api;

import io.switchboard.platform.security.Role;
import io.switchboard.platform.security.SwitchboardPrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.Arrays;

/** The authenticated API caller, and the role checks resources make before acting. */
@RequestScoped
public class Caller {

    @Inject
    private SecurityContext security;

    public SwitchboardPrincipal principal() {
        return security.getPrincipalsByType(SwitchboardPrincipal.class).stream().findFirst()
                .orElseThrow(() -> new NotAuthorizedException("Send an API token", "Bearer"));
    }

    /** @throws ForbiddenException unless the caller has one of the roles */
    public SwitchboardPrincipal require(Role... roles) {
        SwitchboardPrincipal caller = principal();
        if (Arrays.stream(roles).noneMatch(r -> r == caller.role())) {
            throw new ForbiddenException("This needs the role " + (roles.length == 1 ? roles[0]
                    : Arrays.toString(roles)) + "; you are " + caller.role());
        }
        return caller;
    }
}
