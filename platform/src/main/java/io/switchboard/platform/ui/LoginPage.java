package io.switchboard.platform.ui;

import io.switchboard.platform.security.AccessRules;
import io.switchboard.platform.security.Account;
import io.switchboard.platform.security.ClientAddress;
import io.switchboard.platform.security.PathNormalForm;
import io.switchboard.platform.security.SignIn;
import io.switchboard.platform.security.TooManySignInAttemptsException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;

/**
 * The login form. On success a fresh session is started and the user goes where they were heading, or home. Over the
 * sign-in limits the form is shown again with "Too many sign-in attempts; try again in N s" (status 429).
 */
@Named
@RequestScoped
public class LoginPage {

    @Inject
    private SignIn signIn;
    @Inject
    private HttpServletRequest request;
    @Inject
    private ClientAddress clientAddress;

    private String email;
    private String password;
    private String next;
    private String error;

    public void signIn() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Optional<Account> account;
        try {
            account = signIn.verify(email, password, clientAddress.of(request));
        } catch (TooManySignInAttemptsException e) {
            // The page is shown again with the message; the status and header are for scripts and tests.
            password = null;
            error = e.getMessage() + ".";
            external.setResponseStatus(429);
            external.setResponseHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return;
        }
        password = null;
        if (account.isEmpty()) {
            error = "Wrong e-mail or password, or the account is disabled.";
            return;
        }
        signIn.establish(request, account.get());
        external.redirect(external.getRequestContextPath() + target(account.get()));
    }

    /**
     * Only a local path in normal form is followed, never an address elsewhere (no open redirect) nor a spelling the
     * platform would refuse.
     */
    private String target(Account account) {
        String path = next == null ? "" : next.split("[?#]", 2)[0];
        boolean local = next != null && !next.contains("\\") && PathNormalForm.violation(path).isEmpty();
        if (local && AccessRules.areaOf(path, "GET").allows(account.role())) {
            return next;
        }
        return AccessRules.homeOf(account.role());
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String getError() {
        return error;
    }
}
