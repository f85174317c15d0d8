package io.switchboard.platform.security;

import java.time.Duration;

/**
 * A sign-in was refused before its password was checked: the account or the source address is over its limit, or
 * every password check slot stayed busy. The API answers 429 with {@code Retry-After}; the sign-in page shows the
 * message. The password has not been hashed when this is thrown.
 */
public class TooManySignInAttemptsException extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManySignInAttemptsException(Duration retryAfter) {
        this(seconds(retryAfter));
    }

    private TooManySignInAttemptsException(long retryAfterSeconds) {
        super("Too many sign-in attempts; try again in " + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return whole seconds to wait before the next attempt, at least 1 */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long seconds(Duration wait) {
        long millis = wait == null ? 0 : wait.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
