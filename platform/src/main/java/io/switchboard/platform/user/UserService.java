package io.switchboard.platform.user;

import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.AccountDirectory;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.PasswordHasher;
import io.switchboard.platform.security.Role;
import io.switchboard.spi.config.ValidationProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The current tenant's users (ADR 0004: only ever this tenant's). Each method checks the caller's role itself: a
 * tenant admin manages users, a tenant's operator reads them, the platform operator only creates a new tenant's first
 * admin.
 */
@ApplicationScoped
public class UserService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    private TenantEntityManager tenantData;
    private AccountDirectory accounts;
    private PasswordHasher hasher;
    private CallerAccess access;

    protected UserService() {
        // for the CDI proxy
    }

    @Inject
    public UserService(TenantEntityManager tenantData, AccountDirectory accounts, PasswordHasher hasher,
                       CallerAccess access) {
        this.tenantData = tenantData;
        this.accounts = accounts;
        this.hasher = hasher;
        this.access = access;
    }

    public List<UserView> list() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return tenantData.em().createQuery("SELECT u FROM TenantUser u ORDER BY u.email", TenantUser.class)
                .getResultList().stream().map(UserView::of).toList();
    }

    /**
     * Adds a user to the current tenant.
     *
     * @throws InvalidInputException naming each bad field; nothing is stored then
     */
    @Transactional
    public UserView create(String email, String displayName, String password, Role role) {
        access.require(Role.TENANT_ADMIN);
        return add(email, displayName, password, role);
    }

    /**
     * The platform operator adds the first admin of the tenant it has just created and bound
     * ({@code TenantService.create}).
     *
     * @throws InvalidInputException naming each bad field; nothing is stored then
     */
    @Transactional
    public UserView createFirstAdmin(String email, String displayName, String password) {
        access.require(Role.PLATFORM_OPERATOR);
        return add(email, displayName, password, Role.TENANT_ADMIN);
    }

    private UserView add(String email, String displayName, String password, Role role) {
        List<ValidationProblem> problems = new ArrayList<>();
        String cleanEmail = AccountDirectory.normalise(email);
        if (!EMAIL.matcher(cleanEmail).matches()) {
            problems.add(new ValidationProblem("email", "Enter an e-mail address like name@example.com"));
        } else if (accounts.emailTaken(cleanEmail)) {
            problems.add(new ValidationProblem("email", "A user with this e-mail already exists"));
        }
        String weakness = PasswordHasher.weakness(password);
        if (weakness != null) {
            problems.add(new ValidationProblem("password", weakness));
        }
        if (role == null || !role.isTenantRole()) {
            problems.add(new ValidationProblem("role", "Choose TENANT_ADMIN or OPERATOR"));
        }
        String name = displayName == null || displayName.isBlank() ? cleanEmail : displayName.strip();
        if (name.length() > 200) {
            problems.add(new ValidationProblem("displayName", "Use a name of at most 200 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        TenantUser user = new TenantUser(cleanEmail, name, hasher.hash(password), role, Instant.now());
        tenantData.em().persist(user);
        tenantData.em().flush();
        return UserView.of(user);
    }

    /** Removes a user of the current tenant; the caller cannot remove themself (a tenant keeps an admin). */
    @Transactional
    public void delete(long userId) {
        if (userId == access.require(Role.TENANT_ADMIN).userId()) {
            throw new InvalidInputException("id", "You cannot remove yourself");
        }
        tenantData.em().remove(find(userId));
    }

    private TenantUser find(long userId) {
        TenantUser user = tenantData.em().find(TenantUser.class, userId);
        if (user == null) {
            throw new NotFoundException("No user " + userId);
        }
        return user;
    }
}
