package io.switchboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * Checks e-mail and password and keeps the signed-in user in the HTTP session (by id only: the account is re-read
 * on every request, so disabling a user or tenant takes effect at once).
 */
@ApplicationScoped
public class SignIn {

    static final String SESSION_USER = "switchboard.userId";

    private AccountDirectory accounts;
    private PasswordHasher hasher;
    private volatile String dummyHash;

    protected SignIn() {
        // for the CDI proxy
    }

    @Inject
    public SignIn(AccountDirectory accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    /** @return the active account with this e-mail and password */
    public Optional<Account> verify(String email, String password) {
        Optional<Account> account = accounts.byEmail(email);
        if (account.isEmpty()) {
            // Same work as for a known e-mail, so response time does not tell which e-mails exist.
            hasher.matches(password == null ? "" : password, dummyHash());
            return Optional.empty();
        }
        return account.filter(a -> hasher.matches(password, a.passwordHash())).filter(Account::active);
    }

    /** Starts a fresh session for the account (a new session id, against session fixation). */
    public void establish(HttpServletRequest request, Account account) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            existing.invalidate();
        }
        request.getSession(true).setAttribute(SESSION_USER, account.userId());
    }

    /** Ends the session. */
    public void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = hasher.hash("not a real password, only for timing");
        }
        return dummyHash;
    }
}
