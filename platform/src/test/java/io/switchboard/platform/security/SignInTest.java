package io.switchboard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.text.MessageFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with the limits in front of the password check: a refused attempt never hashes, the number of checks
 * running at once is capped, and every attempt leaves an audit line without the password.
 */
class SignInTest {

    private static final String RIGHT = "the right password";

    /** Counts hashes; {@code gate} lets a test hold checks while they run. */
    private static final class CountingHasher extends PasswordHasher {
        final AtomicInteger checks = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(2);

        @Override
        public String hash(String password) {
            return "hash:" + password;
        }

        @Override
        public boolean matches(String password, String storedHash) {
            checks.incrementAndGet();
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ("hash:" + password).equals(storedHash);
        }
    }

    private static final class OneAccount extends AccountDirectory {
        @Override
        public Optional<Account> byEmail(String email) {
            return AccountDirectory.normalise(email).equals("ann@x.test")
                    ? Optional.of(new Account(1, "ann@x.test", "hash:" + RIGHT, Role.TENANT_ADMIN, 7L, true, false))
                    : Optional.empty();
        }
    }

    private final CountingHasher hasher = new CountingHasher();
    private final SignIn signIn = new SignIn(new OneAccount(), hasher,
            new SignInThrottle(new SignInLimits(5, Duration.ofMinutes(1), 20, Duration.ofMinutes(1), 1000),
                    System::nanoTime),
            new SignInAudit(), 2, 200);
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final Handler auditHandler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            audit.add(r.getLevel() + " " + MessageFormat.format(r.getMessage(), r.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(SignInAudit.LOGGER).addHandler(auditHandler);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(SignInAudit.LOGGER).removeHandler(auditHandler);
    }

    @Test
    void throttledAttemptsCostNoHashEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn.verify("Ann@x.test", "guess " + i, "192.0.2.1")).isEmpty();
        }
        assertThat(hasher.checks).hasValue(5);
        assertThatThrownBy(() -> signIn.verify("ann@x.test", RIGHT, "192.0.2.2"))
                .isInstanceOf(TooManySignInAttemptsException.class)
                .hasMessageMatching("Too many sign-in attempts; try again in (59|60) s")
                .satisfies(e -> assertThat(((TooManySignInAttemptsException) e).retryAfterSeconds()).isBetween(59L, 60L));
        assertThat(hasher.checks).as("no hash for a refused attempt").hasValue(5);
    }

    @Test
    void unknownEmailsAreThrottledLikeKnownOnes() {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn.verify("nobody@x.test", "guess " + i, "192.0.2.1")).isEmpty();
        }
        assertThatThrownBy(() -> signIn.verify("nobody@x.test", "guess", "192.0.2.1"))
                .isInstanceOf(TooManySignInAttemptsException.class);
    }

    @Test
    void successResetsTheFailureCount() {
        for (int i = 0; i < 4; i++) {
            signIn.verify("ann@x.test", "guess " + i, "192.0.2.1");
        }
        assertThat(signIn.verify("ann@x.test", RIGHT, "192.0.2.1")).isPresent();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn.verify("ann@x.test", "guess " + i, "192.0.2.1")).isEmpty();
        }
    }

    @Test
    void atMostTwoChecksRunAtOnceAndAThirdIsRefusedWithoutWaitingForEver() throws Exception {
        hasher.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<Account>> first = pool.submit(() -> signIn.verify("ann@x.test", RIGHT, "192.0.2.1"));
            Future<Optional<Account>> second = pool.submit(() -> signIn.verify("bob@x.test", "x", "192.0.2.2"));
            assertThat(hasher.entered.await(10, TimeUnit.SECONDS)).as("both checks running").isTrue();

            assertThatThrownBy(() -> signIn.verify("carl@x.test", "x", "192.0.2.3"))
                    .isInstanceOf(TooManySignInAttemptsException.class)
                    .satisfies(e -> assertThat(((TooManySignInAttemptsException) e).retryAfterSeconds()).isEqualTo(1));
            assertThat(hasher.checks).hasValue(2);

            hasher.gate.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isPresent();
            assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        // The refused attempt did not count against carl: five failures are still allowed.
        for (int i = 0; i < 5; i++) {
            assertThat(signIn.verify("carl@x.test", "guess " + i, "192.0.2.3")).isEmpty();
        }
        assertThat(audit).anyMatch(line -> line.startsWith("WARNING sign-in BUSY email=\"carl@x.test\""));
    }

    @Test
    void everyAttemptIsAuditedWithoutThePassword() {
        signIn.verify("Ann@X.test", "secret guess", "192.0.2.1");
        signIn.verify("ann@x.test", RIGHT, "192.0.2.1");
        for (int i = 0; i < 5; i++) {
            signIn.verify("eve@x.test\r\nINFO sign-in SIGNED_IN", "secret guess", "192.0.2.9");
        }
        assertThatThrownBy(() -> signIn.verify("eve@x.test\r\nINFO sign-in SIGNED_IN", "secret guess", "192.0.2.9"))
                .isInstanceOf(TooManySignInAttemptsException.class);

        assertThat(audit).startsWith(
                "WARNING sign-in FAILED email=\"ann@x.test\" source=\"192.0.2.1\"",
                "INFO sign-in SIGNED_IN email=\"ann@x.test\" source=\"192.0.2.1\"");
        assertThat(audit.get(2)).isEqualTo(
                "WARNING sign-in FAILED email=\"eve@x.test??info?sign-in?signed_in\" source=\"192.0.2.9\"");
        assertThat(audit).last().isEqualTo(
                "WARNING sign-in THROTTLED_ACCOUNT email=\"eve@x.test??info?sign-in?signed_in\" source=\"192.0.2.9\"");
        assertThat(audit).hasSize(8).noneMatch(line -> line.contains("secret") || line.contains(RIGHT));
    }
}
