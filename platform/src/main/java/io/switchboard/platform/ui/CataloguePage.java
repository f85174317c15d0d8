package io.switchboard.platform.ui;

import io.switchboard.platform.catalogue.Catalogue;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Tenant: the plugins the platform runs, which the tenant has switched on, and a switch for each. */
@Named
@RequestScoped
public class CataloguePage {

    @Inject
    private CallerAccess access;
    @Inject
    private Catalogue catalogue;
    @Inject
    private Me me;

    private List<Catalogue.Entry> entries;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
    }

    public List<Catalogue.Entry> getEntries() {
        if (entries == null) {
            entries = catalogue.entries();
        }
        return entries;
    }

    public String enable(String pluginId) {
        return change(pluginId, true);
    }

    public String disable(String pluginId) {
        return change(pluginId, false);
    }

    private String change(String pluginId, boolean on) {
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can switch plugins on or off.");
            return null;
        }
        try {
            if (on) {
                catalogue.enable(pluginId);
            } else {
                catalogue.disable(pluginId);
            }
            Problems.info("Plugin " + pluginId + (on ? " switched on." : " switched off."));
            return "/admin/catalogue.xhtml?faces-redirect=true";
        } catch (InvalidInputException | NotFoundException e) {
            Problems.error(e.getMessage());
            return null;
        }
    }
}
