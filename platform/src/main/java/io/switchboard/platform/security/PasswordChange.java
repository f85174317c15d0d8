package io.switchboard.platform.security;

import io.switchboard.platform.persistence.SystemSql;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.spi.config.ValidationProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * The signed-in person changes their own password, proving the current one. It also ends a one-time password's
 * reign ({@link Account#mustChangePassword()}): until then, the UI offers only this and no API token is issued.
 */
@ApplicationScoped
public class PasswordChange {

    @PersistenceContext(unitName = "switchboard")
    private EntityManager em;

    private CallerAccess access;
    private AccountDirectory accounts;
    private PasswordHasher hasher;

    protected PasswordChange() {
        // for the CDI proxy
    }

    @Inject
    public PasswordChange(CallerAccess access, AccountDirectory accounts, PasswordHasher hasher) {
        this.access = access;
        this.accounts = accounts;
        this.hasher = hasher;
    }

    /**
     * @throws InvalidInputException naming {@code currentPassword} or {@code newPassword}; nothing changed then
     */
    @Transactional
    public void change(String currentPassword, String newPassword) {
        long userId = access.requireSignedIn().userId();
        Account account = accounts.byId(userId).filter(Account::active)
                .orElseThrow(() -> new AccessDeniedException(false, "Sign in first"));
        List<ValidationProblem> problems = new ArrayList<>();
        if (currentPassword == null || !hasher.matches(currentPassword, account.passwordHash())) {
            problems.add(new ValidationProblem("currentPassword", "That is not your current password"));
        }
        String weakness = PasswordHasher.weakness(newPassword);
        if (weakness != null) {
            problems.add(new ValidationProblem("newPassword", weakness));
        } else if (newPassword.equals(currentPassword)) {
            problems.add(new ValidationProblem("newPassword", "Choose a password other than the current one"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        SystemSql.query(em, "UPDATE app_user SET password_hash = ?1, must_change_password = FALSE WHERE id = ?2")
                .setParameter(1, hasher.hash(newPassword)).setParameter(2, userId).executeUpdate();
    }
}
