package io.switchboard.platform.security;

import java.time.Duration;

/**
 * How many sign-in attempts are allowed (MicroProfile Config {@code switchboard.signin.*}; the README lists them).
 *
 * @param accountAttempts  failed attempts an account (a normalised e-mail, existing or not) may have in a row
 * @param accountRefill    after those, one more attempt per this period
 * @param sourceAttempts   failed attempts a source address may have per {@code sourcePeriod}
 * @param sourcePeriod     the period of the source limit (it refills evenly over it)
 * @param trackedKeys      most accounts and most sources remembered at once (each; the least recently seen go first)
 */
public record SignInLimits(int accountAttempts, Duration accountRefill, int sourceAttempts, Duration sourcePeriod,
                           int trackedKeys) {

    public SignInLimits {
        accountAttempts = Math.max(1, accountAttempts);
        accountRefill = atLeastOneSecond(accountRefill);
        sourceAttempts = Math.max(1, sourceAttempts);
        sourcePeriod = atLeastOneSecond(sourcePeriod);
        trackedKeys = Math.max(100, trackedKeys);
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d == null || d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }
}
