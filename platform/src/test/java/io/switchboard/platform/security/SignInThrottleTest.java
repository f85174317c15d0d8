package io.switchboard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.security.SignInThrottle.Decision;
import io.switchboard.platform.security.SignInThrottle.Limit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The buckets behind sign-in, on a clock the test moves. */
class SignInThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SignInThrottle throttle = new SignInThrottle(
            new SignInLimits(5, Duration.ofMinutes(1), 20, Duration.ofMinutes(1), 1000), now::get);

    private void pass(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void anAccountGetsFiveFailedAttemptsThenOneAMinute() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("a@x.test", "10.0.0." + i).admitted()).as("attempt %d", i + 1).isTrue();
        }
        Decision sixth = throttle.admit("a@x.test", "10.0.0.9");
        assertThat(sixth.admitted()).isFalse();
        assertThat(sixth.limitedBy()).isEqualTo(Limit.ACCOUNT);
        assertThat(sixth.retryAfter()).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));

        pass(Duration.ofSeconds(30));
        assertThat(throttle.admit("a@x.test", "10.0.0.9").retryAfter()).isBetween(Duration.ofSeconds(29),
                Duration.ofSeconds(30));
        pass(Duration.ofSeconds(30));
        assertThat(throttle.admit("a@x.test", "10.0.0.9").admitted()).as("one a minute").isTrue();
        assertThat(throttle.admit("a@x.test", "10.0.0.9").admitted()).isFalse();
    }

    @Test
    void theAccountIsTheNormalisedEmailWhetherOrNotItExists() {
        for (int i = 0; i < 5; i++) {
            throttle.admit(i % 2 == 0 ? "Nobody@X.test" : "  nobody@x.TEST ", "10.0.0.1");
        }
        assertThat(throttle.admit("nobody@x.test", "10.0.0.2").limitedBy()).isEqualTo(Limit.ACCOUNT);
        assertThat(throttle.admit("somebody@x.test", "10.0.0.2").admitted()).as("another account").isTrue();
    }

    @Test
    void successForgetsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.admit("a@x.test", "10.0.0.1");
        }
        throttle.admit("a@x.test", "10.0.0.1");
        throttle.succeeded("a@x.test", "10.0.0.1");
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("a@x.test", "10.0.0.1").admitted()).as("attempt %d after success", i + 1)
                    .isTrue();
        }
        assertThat(throttle.admit("a@x.test", "10.0.0.1").admitted()).isFalse();
    }

    @Test
    void aSourceGetsTwentyFailedAttemptsAMinuteAcrossAccounts() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.admit("user" + i + "@x.test", "192.0.2.1").admitted()).isTrue();
        }
        Decision refused = throttle.admit("user99@x.test", "192.0.2.1");
        assertThat(refused.limitedBy()).isEqualTo(Limit.SOURCE);
        assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(throttle.admit("user99@x.test", "192.0.2.2").admitted()).as("another source").isTrue();
        pass(Duration.ofSeconds(3));
        assertThat(throttle.admit("user98@x.test", "192.0.2.1").admitted()).as("refills evenly").isTrue();
    }

    @Test
    void attemptsRefusedForTheAccountDoNotCountAgainstTheSource() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("a@x.test", "192.0.2.1");
        }
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.admit("a@x.test", "192.0.2.1").limitedBy()).isEqualTo(Limit.ACCOUNT);
        }
        for (int i = 0; i < 15; i++) {
            assertThat(throttle.admit("other" + i + "@x.test", "192.0.2.1").admitted()).isTrue();
        }
    }

    @Test
    void successfulAndUntriedAttemptsDoNotCountAgainstTheSource() {
        for (int i = 0; i < 200; i++) {
            assertThat(throttle.admit("user" + (i % 3) + "@x.test", "127.0.0.1").admitted()).isTrue();
            if (i % 2 == 0) {
                throttle.succeeded("user" + (i % 3) + "@x.test", "127.0.0.1");
            } else {
                throttle.notTried("user" + (i % 3) + "@x.test", "127.0.0.1");
            }
        }
    }

    @Test
    void memoryStaysBoundedWhateverIsSent() {
        for (int i = 0; i < 50_000; i++) {
            throttle.admit("user" + i + "@x.test" + "y".repeat(i % 7 == 0 ? 10_000 : 0), "10." + (i >> 16) + "."
                    + ((i >> 8) & 255) + "." + (i & 255));
            throttle.succeeded("user" + i + "@x.test", "10.0.0.0");
        }
        assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(2 * 1000);
        assertThat(SignInThrottle.accountKey("a".repeat(100_000))).hasSize(SignInThrottle.MAX_KEY_LENGTH);
    }

    @Test
    void idleBucketsAreForgotten() {
        throttle.admit("a@x.test", "10.0.0.1");
        assertThat(throttle.trackedKeys()).isEqualTo(2);
        pass(Duration.ofMinutes(6));
        assertThat(throttle.trackedKeys()).isZero();
    }
}
