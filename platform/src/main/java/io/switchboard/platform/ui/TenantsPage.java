package io.switchboard.platform.ui;

import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.tenant.Tenant;
import io.switchboard.platform.tenant.TenantService;
import io.switchboard.platform.tenant.TenantView;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Platform operator: tenants, and a form for a new tenant with its first admin. */
@Named
@ViewScoped
public class TenantsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private CallerAccess access;
    @Inject
    private TenantService tenants;

    private final Problems problems = new Problems();
    private String slug;
    private String name;
    private String adminEmail;
    private String adminName;
    private String adminPassword;
    private List<TenantView> list;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.PLATFORM_OPERATOR);
    }

    public List<TenantView> getTenants() {
        if (list == null) {
            list = tenants.list();
        }
        return list;
    }

    public String create() {
        try {
            tenants.create(slug, name, adminEmail, adminName, adminPassword);
            Problems.info("Tenant " + slug + " created; " + adminEmail + " can sign in as its admin.");
            return "/operator/tenants.xhtml?faces-redirect=true";
        } catch (InvalidInputException e) {
            adminPassword = null;
            problems.show(e);
            return null;
        }
    }

    public String disable(String tenantSlug) {
        return setStatus(tenantSlug, Tenant.Status.DISABLED, "disabled: its users can no longer sign in");
    }

    public String enable(String tenantSlug) {
        return setStatus(tenantSlug, Tenant.Status.ACTIVE, "enabled");
    }

    private String setStatus(String tenantSlug, Tenant.Status status, String what) {
        try {
            tenants.setStatus(tenantSlug, status);
            Problems.info("Tenant " + tenantSlug + " " + what + ".");
        } catch (NotFoundException e) {
            Problems.error(e.getMessage());
        }
        return "/operator/tenants.xhtml?faces-redirect=true";
    }

    public Problems getProblems() {
        return problems;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAdminEmail() {
        return adminEmail;
    }

    public void setAdminEmail(String adminEmail) {
        this.adminEmail = adminEmail;
    }

    public String getAdminName() {
        return adminName;
    }

    public void setAdminName(String adminName) {
        this.adminName = adminName;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }
}
