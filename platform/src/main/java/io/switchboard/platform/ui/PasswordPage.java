package io.switchboard.platform.ui;

import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.PasswordChange;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Anyone signed in: change the own password (and, after a one-time password, the only page until done). */
@Named
@RequestScoped
public class PasswordPage {

    @Inject
    private CallerAccess access;
    @Inject
    private PasswordChange passwords;
    @Inject
    private Me me;

    private final Problems problems = new Problems();
    private String currentPassword;
    private String newPassword;
    private String repeated;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.requireSignedIn();
    }

    public String change() {
        try {
            if (newPassword != null && !newPassword.equals(repeated)) {
                throw new InvalidInputException("repeated", "The two new passwords differ");
            }
            passwords.change(currentPassword, newPassword);
            Problems.info("Your password is changed.");
            return me.getHome() + "?faces-redirect=true";
        } catch (InvalidInputException e) {
            problems.show(e);
            return null;
        } finally {
            currentPassword = null;
            newPassword = null;
            repeated = null;
        }
    }

    public Problems getProblems() {
        return problems;
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getRepeated() {
        return repeated;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
