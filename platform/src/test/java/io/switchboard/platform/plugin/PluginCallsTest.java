package io.switchboard.platform.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.error.TransientVendorException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginCallsTest {

    private final ClassLoader pluginLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
    private final PluginCalls calls = new PluginCalls(Duration.ofSeconds(30), Map.of("sleepy", Duration.ofMillis(300)), 3);
    private final List<PluginCalls.TimedOut> cutOff = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService watchdog;

    @BeforeEach
    void startWatchdog() {
        calls.onTimeout(cutOff::add);
        watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.scheduleWithFixedDelay(calls::expireDue, 50, 50, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stopWatchdog() {
        watchdog.shutdownNow();
    }

    @Test
    void aCallPastItsDeadlineIsInterruptedAndReportedNamingThePlugin() {
        LiveVersion sleepy = new LiveVersion("sleepy", "1.0.0", calls);
        long start = System.nanoTime();
        assertThatThrownBy(() -> sleepy.call(pluginLoader, () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e); // what a plugin typically makes of it
            }
            return "late";
        })).isInstanceOfSatisfying(PluginTimeoutException.class, e -> {
            assertThat(e.pluginId()).isEqualTo("sleepy");
            assertThat(e.getMessage()).isEqualTo("Plugin 'sleepy' did not answer within 0.3 s; the call was cut off");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(Thread.currentThread().isInterrupted()).as("the caller's thread goes on uninterrupted").isFalse();
        awaitReported();
        assertThat(cutOff).singleElement().satisfies(t -> {
            assertThat(t.pluginId()).isEqualTo("sleepy");
            assertThat(t.thread()).isSameAs(Thread.currentThread());
        });
        assertThat(sleepy.malfunctionsInARow()).isEqualTo(1);
        assertThat(sleepy.inFlight()).isZero();
    }

    @Test
    void aPluginThatIgnoresTheInterruptIsReportedAtTheDeadlineAndItsLateAnswerRefused() throws Exception {
        LiveVersion sleepy = new LiveVersion("sleepy", "1.0.0", calls);
        CountDownLatch reported = new CountDownLatch(1);
        calls.onTimeout(t -> reported.countDown());
        AtomicBoolean release = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                sleepy.call(pluginLoader, () -> {
                    while (!release.get()) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException ignored) {
                            // a stubborn plugin
                        }
                    }
                    return "late";
                });
            } catch (PluginTimeoutException expected) {
                return;
            }
            throw new AssertionError("a late answer was returned");
        });
        caller.setUncaughtExceptionHandler((t, e) -> release.set(false));
        caller.start();
        assertThat(reported.await(5, TimeUnit.SECONDS)).as("listeners hear of it while the plugin still runs").isTrue();
        assertThat(caller.isAlive()).isTrue();
        assertThat(sleepy.inFlight()).isEqualTo(1);
        release.set(true);
        caller.join(5_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(sleepy.inFlight()).isZero();
    }

    /** The listeners hear of a time-out on the watchdog's thread, just after the caller may have seen it. */
    private void awaitReported() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (cutOff.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aCallWithinItsDeadlineIsNotTouched() {
        LiveVersion quick = new LiveVersion("quick", "1.0.0", calls);
        assertThat(quick.call(pluginLoader, () -> "fine")).isEqualTo("fine");
        TransientVendorException busy = new TransientVendorException("busy");
        assertThatThrownBy(() -> quick.call(pluginLoader, () -> {
            throw busy;
        })).isSameAs(busy);
        assertThat(cutOff).isEmpty();
    }

    @Test
    void repeatedMalfunctionsMarkTheVersionFailingAndAProperAnswerClearsIt() {
        LiveVersion flaky = new LiveVersion("flaky", "1.0.0", calls);
        for (int i = 0; i < 3; i++) {
            assertThat(flaky.failing()).isFalse();
            assertThatThrownBy(() -> flaky.call(pluginLoader, () -> {
                throw new NullPointerException("no config");
            })).isInstanceOf(PluginMalfunctionException.class);
        }
        assertThat(flaky.failing()).isTrue();
        assertThat(flaky.lastMalfunction()).isEqualTo("Plugin 'flaky' failed: NullPointerException: no config");
        // A vendor's refusal is a proper answer: the plugin works, the vendor said no.
        assertThatThrownBy(() -> flaky.call(pluginLoader, () -> {
            throw new TransientVendorException("429");
        })).isInstanceOf(TransientVendorException.class);
        assertThat(flaky.failing()).isFalse();
    }

    @Test
    void deadlinesAreReadPerPlugin() {
        assertThat(PluginSettings.timeouts("slow-crm=120, sleepy=2.5")).containsEntry("slow-crm", Duration.ofSeconds(120))
                .containsEntry("sleepy", Duration.ofMillis(2500));
        assertThatThrownBy(() -> PluginSettings.timeouts("sleepy")).hasMessageContaining("pluginId=seconds");
    }
}
