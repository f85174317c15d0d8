package io.switchboard.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the monitor concludes from its probes and from time passing, on a clock of the test's own. */
class DatabaseMonitorTest {

    private static final DatabaseTimeouts TIMEOUTS = new DatabaseTimeouts(3000, 8000, 2000, 1000);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean answers = new AtomicBoolean(true);
    private final DatabaseMonitor monitor = new DatabaseMonitor(nanos::get);

    private void startWithoutProbeThread() {
        monitor.start(TIMEOUTS, () -> {
            if (!answers.get()) {
                throw new SQLNonTransientConnectionException("Socket timeout", "08000");
            }
        }, task -> new Thread(() -> { })); // the test probes by hand
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void notStartedMeansNobodyIsRefused() {
        assertThat(monitor.available()).isTrue();
    }

    @Test
    void aFailedProbeMakesItUnavailableUntilOneSucceeds() {
        startWithoutProbeThread();
        assertThat(monitor.available()).isTrue();

        answers.set(false);
        advanceMillis(1000);
        monitor.probeOnce();
        assertThat(monitor.available()).isFalse();
        assertThat(monitor.problem()).contains("Socket timeout");

        answers.set(true);
        advanceMillis(500);
        monitor.probeOnce();
        assertThat(monitor.available()).isTrue();
        assertThat(monitor.problem()).isEmpty();
    }

    @Test
    void noSuccessForLongerThanAProbeCanTakeCountsAsAway() {
        startWithoutProbeThread();
        advanceMillis(2L * TIMEOUTS.probeEveryMs() + 2L * TIMEOUTS.probeMs());
        assertThat(monitor.available()).as("just within").isTrue();
        advanceMillis(1);
        assertThat(monitor.available()).as("the probe itself is stuck").isFalse();
    }

    @Test
    void awaitAvailableGivesUpAtItsDeadline() throws InterruptedException {
        answers.set(false);
        startWithoutProbeThread();
        assertThat(monitor.available()).isFalse();
        // The test's clock does not move by itself: advance it from another thread while awaiting.
        Thread clock = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                advanceMillis(100);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        clock.start();
        assertThat(monitor.awaitAvailable(1000)).isFalse();
        clock.interrupt();
    }

    @Test
    void connectionTroubleIsToldApartFromOtherFailures() {
        assertThat(DatabaseMonitor.isConnectionTrouble(new SQLNonTransientConnectionException("gone"))).isTrue();
        assertThat(DatabaseMonitor.isConnectionTrouble(new SQLException("Communications link failure", "08S01")))
                .isTrue();
        assertThat(DatabaseMonitor.isConnectionTrouble(new RuntimeException(new SQLException("x",
                new SocketTimeoutException("Read timed out"))))).isTrue();
        assertThat(DatabaseMonitor.isConnectionTrouble(new SQLSyntaxErrorException("bad SQL", "42000"))).isFalse();
        assertThat(DatabaseMonitor.isConnectionTrouble(new SQLException("Duplicate entry", "23000"))).isFalse();
        assertThat(DatabaseMonitor.isConnectionTrouble(null)).isFalse();
    }
}
