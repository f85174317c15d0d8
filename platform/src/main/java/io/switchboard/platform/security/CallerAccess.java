package io.switchboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.Arrays;
import java.util.Optional;

/**
 * The signed-in caller of the current request and the role checks made before acting. The authentication mechanism
 * already decides by path who may open a page or call the API ({@link AccessRules}); the page beans, REST resources
 * and the services behind them ask again here, so a path the first check misjudges still reaches nothing (ADR 0004,
 * "Where access is decided").
 */
@ApplicationScoped
public class CallerAccess {

    private SecurityContext security;

    protected CallerAccess() {
        // for the CDI proxy
    }

    @Inject
    public CallerAccess(SecurityContext security) {
        this.security = security;
    }

    /** @return the signed-in caller of this request, if any */
    public Optional<SwitchboardPrincipal> caller() {
        return security.getPrincipalsByType(SwitchboardPrincipal.class).stream().findFirst();
    }

    /**
     * @return the caller, who has one of the roles
     * @throws AccessDeniedException when nobody is signed in or the caller has none of the roles
     */
    public SwitchboardPrincipal require(Role... roles) {
        SwitchboardPrincipal caller = caller().orElseThrow(() -> new AccessDeniedException(false, "Sign in first"));
        if (Arrays.stream(roles).noneMatch(r -> r == caller.role())) {
            throw new AccessDeniedException(true, "This needs the role " + (roles.length == 1 ? roles[0]
                    : Arrays.toString(roles)) + "; you are " + caller.role());
        }
        return caller;
    }

    /**
     * @return the caller, whatever the role
     * @throws AccessDeniedException when nobody is signed in
     */
    public SwitchboardPrincipal requireSignedIn() {
        return require(Role.values());
    }
}
