package io.switchboard.platform.ui;

import io.switchboard.platform.security.AccessRules;
import io.switchboard.platform.security.Account;
import io.switchboard.platform.security.AccountDirectory;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.security.SignIn;
import io.switchboard.platform.security.SwitchboardPrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The signed-in person, for the page layout: who, which tenant, which role, and signing out. */
@Named("me")
@RequestScoped
public class Me {

    @Inject
    private SecurityContext security;
    @Inject
    private SignIn signIn;
    @Inject
    private AccountDirectory accounts;
    @Inject
    private HttpServletRequest request;
    @PersistenceContext(unitName = "switchboard")
    private EntityManager em;

    private String tenantName;

    public Optional<SwitchboardPrincipal> principal() {
        return security.getPrincipalsByType(SwitchboardPrincipal.class).stream().findFirst();
    }

    public boolean isSignedIn() {
        return principal().isPresent();
    }

    public String getEmail() {
        return principal().map(SwitchboardPrincipal::email).orElse("");
    }

    public String getRole() {
        return principal().map(p -> p.role().name()).orElse("");
    }

    public boolean isOperator() {
        return principal().map(p -> p.role() == Role.PLATFORM_OPERATOR).orElse(false);
    }

    public boolean isTenantUser() {
        return principal().map(p -> p.role().isTenantRole()).orElse(false);
    }

    /** @return true for a tenant admin: may change plugins, connections and users */
    public boolean isAdmin() {
        return principal().map(p -> p.role() == Role.TENANT_ADMIN).orElse(false);
    }

    public long userId() {
        return principal().map(SwitchboardPrincipal::userId).orElseThrow();
    }

    /** @return the tenant's name (tenants are platform data, read by id) */
    public String getTenantName() {
        if (tenantName == null) {
            tenantName = principal().map(SwitchboardPrincipal::tenantId)
                    .map(id -> em.find(io.switchboard.platform.tenant.Tenant.class, id))
                    .map(io.switchboard.platform.tenant.Tenant::name).orElse("");
        }
        return tenantName;
    }

    /** @return true while the caller still has a one-time password (the password page says why it is shown) */
    public boolean isMustChangePassword() {
        return principal().flatMap(p -> accounts.byId(p.userId())).map(Account::mustChangePassword).orElse(false);
    }

    public String getHome() {
        return principal().map(p -> AccessRules.homeOf(p.role())).orElse("/login.xhtml");
    }

    /** Signs out (a POST from the layout's form, so a link elsewhere cannot sign anyone out). */
    public String signOut() {
        signIn.end(request);
        return "/login.xhtml?faces-redirect=true";
    }

    /** The welcome page's action: go home, or to the login page. */
    public String goHome() {
        return getHome() + "?faces-redirect=true";
    }
}
