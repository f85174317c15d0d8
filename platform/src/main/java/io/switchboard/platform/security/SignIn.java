package io.switchboard.platform.security;

import io.switchboard.platform.security.SignInAudit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks e-mail and password and keeps the signed-in user in the HTTP session (by id only: the account is re-read
 * on every request, so disabling a user or tenant takes effect at once).
 *
 * <p>A password check costs about 0.2 s of CPU (PBKDF2), for unknown e-mails too. So before it runs, the attempt must
 * pass the account's and the source's limits ({@link SignInThrottle}) and get one of a few check slots; otherwise it
 * is refused with {@link TooManySignInAttemptsException} without hashing anything. Every attempt is recorded by
 * {@link SignInAudit}.
 */
@ApplicationScoped
public class SignIn {

    static final String SESSION_USER = "switchboard.userId";

    /** What a caller refused for want of a free check slot is told to wait. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private AccountDirectory accounts;
    private PasswordHasher hasher;
    private SignInThrottle throttle;
    private SignInAudit audit;
    private Semaphore checkSlots;
    private long slotWaitMillis;
    private volatile String dummyHash;

    protected SignIn() {
        // for the CDI proxy
    }

    @Inject
    public SignIn(AccountDirectory accounts, PasswordHasher hasher, SignInThrottle throttle, SignInAudit audit,
                  @ConfigProperty(name = "switchboard.signin.concurrent-checks", defaultValue = "2") int checkSlots,
                  @ConfigProperty(name = "switchboard.signin.check-wait-ms", defaultValue = "1000") long slotWaitMillis) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        // Fair, so a waiting caller is not overtaken indefinitely by newcomers.
        this.checkSlots = new Semaphore(Math.max(1, checkSlots), true);
        this.slotWaitMillis = Math.max(0, slotWaitMillis);
    }

    /**
     * @param source the caller's address ({@link ClientAddress})
     * @return the active account with this e-mail and password; empty for a wrong pair or an inactive account
     * @throws TooManySignInAttemptsException when the attempt was refused before its password was checked
     */
    public Optional<Account> verify(String email, String password, String source) {
        SignInThrottle.Decision decision = throttle.admit(email, source);
        if (!decision.admitted()) {
            audit.record(decision.limitedBy() == SignInThrottle.Limit.ACCOUNT ? Outcome.THROTTLED_ACCOUNT
                    : Outcome.THROTTLED_SOURCE, email, source);
            throw new TooManySignInAttemptsException(decision.retryAfter());
        }
        if (!takeCheckSlot()) {
            throttle.notTried(email, source);
            audit.record(Outcome.BUSY, email, source);
            throw new TooManySignInAttemptsException(BUSY_RETRY);
        }
        Optional<Account> account;
        try {
            account = check(email, password);
        } catch (RuntimeException e) {
            // The database failed us, not the caller: this attempt does not count.
            throttle.notTried(email, source);
            throw e;
        } finally {
            checkSlots.release();
        }
        if (account.isPresent()) {
            throttle.succeeded(email, source);
            audit.record(Outcome.SIGNED_IN, email, source);
        } else {
            audit.record(Outcome.FAILED, email, source);
        }
        return account;
    }

    private boolean takeCheckSlot() {
        try {
            return checkSlots.tryAcquire(slotWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Optional<Account> check(String email, String password) {
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
