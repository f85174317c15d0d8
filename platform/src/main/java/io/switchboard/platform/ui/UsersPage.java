package io.switchboard.platform.ui;

import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.user.UserService;
import io.switchboard.platform.user.UserView;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Tenant: its users; a tenant admin adds and removes them. */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private CallerAccess access;
    @Inject
    private UserService users;
    @Inject
    private Me me;

    private final Problems problems = new Problems();
    private String email;
    private String displayName;
    private String password;
    private String role = Role.OPERATOR.name();
    private List<UserView> list;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
    }

    public List<UserView> getUsers() {
        if (list == null) {
            list = users.list();
        }
        return list;
    }

    public List<String> getRoles() {
        return List.of(Role.OPERATOR.name(), Role.TENANT_ADMIN.name());
    }

    public String create() {
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can add users.");
            return null;
        }
        try {
            users.create(email, displayName, password, Role.valueOf(role));
            Problems.info("User " + email + " added.");
            return "/admin/users.xhtml?faces-redirect=true";
        } catch (InvalidInputException e) {
            password = null;
            problems.show(e);
            return null;
        }
    }

    public String delete(long userId) {
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can remove users.");
            return null;
        }
        try {
            users.delete(userId);
            Problems.info("User removed.");
            return "/admin/users.xhtml?faces-redirect=true";
        } catch (InvalidInputException | NotFoundException e) {
            Problems.error(e.getMessage());
            return null;
        }
    }

    public Problems getProblems() {
        return problems;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }
}
