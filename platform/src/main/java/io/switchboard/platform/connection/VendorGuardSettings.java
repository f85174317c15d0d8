package io.switchboard.platform.connection;

import java.time.Duration;

/**
 * The platform's settings for vendor requests' retries, budgets and breakers (ADR 0009).
 *
 * @param retryBudget        how long one event attempt's requests may wait in all before the event is rescheduled
 * @param maxTries           how often one request is sent at most (the first time included)
 * @param firstBackoff       the wait before the first retry of a failure the vendor gave no {@code Retry-After} for
 * @param maxBackoff         the longest such wait
 * @param openWait           how long an open breaker lets no request through
 * @param minimumCalls       how many requests the breaker judges before it may open
 * @param failureRatePercent the share of failed requests, among the last ones, that opens it
 */
record VendorGuardSettings(Duration retryBudget, int maxTries, Duration firstBackoff, Duration maxBackoff,
                           Duration openWait, int minimumCalls, float failureRatePercent) {
}
