package io.switchboard.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The pipeline's delay before an event's next attempt: exponential, jittered, capped, never below Retry-After. */
class BackoffTest {

    private static final Duration FIRST = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofMinutes(10);

    @RepeatedTest(20)
    void eachAttemptWaitsBetweenHalfAndAllOfItsExponentialStep() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long step = FIRST.toMillis() << (attempt - 1);
            assertThat(Backoff.delay(attempt, FIRST, MAX, null).toMillis()).as("attempt %d", attempt)
                    .isBetween(step / 2, step);
        }
    }

    @Test
    void theDelayStopsGrowingAtTheMaximumAlsoForVeryLateAttempts() {
        for (int attempt : new int[] {10, 29, 30, 1000}) {
            assertThat(Backoff.delay(attempt, FIRST, MAX, null)).as("attempt %d", attempt)
                    .isBetween(MAX.dividedBy(2), MAX);
        }
    }

    @RepeatedTest(20)
    void aVendorsRetryAfterIsWaitedAtLeastEvenBeyondTheMaximum() {
        assertThat(Backoff.delay(1, FIRST, MAX, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.delay(1, FIRST, MAX, Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
        assertThat(Backoff.delay(8, FIRST, MAX, Duration.ofSeconds(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                .isGreaterThanOrEqualTo(Duration.ofMillis((FIRST.toMillis() << 7) / 2));
    }
}
