package io.switchboard.spi;

import java.util.Objects;

/**
 * Outcome of {@link Connector#check}: whether the configured credentials work, in plain words for the tenant
 * (the seeds' "authorization status").
 *
 * @param ok      true when the vendor accepted the credentials
 * @param message a short sentence for the tenant, e.g. "Authorized: 12 agents visible" or
 *                "Usedesk refused the API token"; never contains a secret
 */
public record CheckResult(boolean ok, String message) {

    public CheckResult {
        Objects.requireNonNull(message, "message");
    }

    /** @return a successful check with the message shown to the tenant */
    public static CheckResult ok(String message) {
        return new CheckResult(true, message);
    }

    /** @return a failed check with the reason shown to the tenant */
    public static CheckResult failed(String message) {
        return new CheckResult(false, message);
    }
}
