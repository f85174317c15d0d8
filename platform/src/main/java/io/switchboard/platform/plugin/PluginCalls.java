package io.switchboard.platform.plugin;

import io.switchboard.spi.error.ConnectorException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls into plugin code with a deadline, and keeps each loaded version's health (ADR 0011). The call runs on the
 * caller's own thread — a connector calls back into its context (the connection's key-value store joins the
 * caller's transaction and request scope, its HTTP client reads the attempt's budget from the thread), which a
 * hand-off to another thread would break — and is registered here with its deadline. {@link #expireDue()}, run a
 * few times a second, interrupts every call past its deadline, counts it against the plugin and tells the
 * listeners (the pipeline gives up a worker whose plugin ignores the interrupt). The caller's thread, once the
 * plugin returns, gets a {@link PluginTimeoutException} instead of a late answer.
 *
 * <p>Cost per call: an object, a set insert and removal, an uncontended lock. Plain Java, no CDI.
 */
public final class PluginCalls {

    private static final Logger LOG = Logger.getLogger(PluginCalls.class.getName());

    /**
     * A call cut off at its deadline.
     *
     * @param thread   the thread that made the call (it may still be inside the plugin)
     * @param pluginId the plugin
     * @param message  plain words naming the plugin and the deadline
     */
    public record TimedOut(Thread thread, String pluginId, String message) {
    }

    private final Duration defaultTimeout;
    private final Map<String, Duration> timeouts;
    private final int failingAfter;
    private final Set<Watch> active = ConcurrentHashMap.newKeySet();
    private final List<Consumer<TimedOut>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param defaultTimeout a call's deadline; zero for none
     * @param timeouts       deadlines of particular plugins, by plugin id
     * @param failingAfter   consecutive malfunctions after which a plugin version is marked failing
     */
    public PluginCalls(Duration defaultTimeout, Map<String, Duration> timeouts, int failingAfter) {
        this.defaultTimeout = defaultTimeout;
        this.timeouts = Map.copyOf(timeouts);
        this.failingAfter = Math.max(1, failingAfter);
    }

    /** Calls without a deadline (tests; loading, where no event waits). */
    public static PluginCalls unbounded() {
        return new PluginCalls(Duration.ZERO, Map.of(), Integer.MAX_VALUE);
    }

    /** @return the deadline of this plugin's calls; zero for none */
    public Duration timeoutOf(String pluginId) {
        return timeouts.getOrDefault(pluginId, defaultTimeout);
    }

    int failingAfter() {
        return failingAfter;
    }

    /** Registers a listener told of every call cut off (on the watchdog's thread; it must not block). */
    public void onTimeout(Consumer<TimedOut> listener) {
        listeners.add(listener);
    }

    /**
     * Runs the call through {@link PluginInvoker} with the version's deadline, counting the outcome into its health.
     *
     * @throws PluginTimeoutException when the deadline passed before the plugin answered (whatever it answered)
     */
    <T> T call(LiveVersion version, ClassLoader loader, Supplier<T> call) {
        Duration timeout = version.timeout();
        if (timeout.isZero()) {
            return counted(version, loader, call);
        }
        Watch watch = new Watch(Thread.currentThread(), version, System.nanoTime() + timeout.toNanos());
        active.add(watch);
        T result;
        try {
            result = PluginInvoker.call(version.pluginId(), loader, call);
        } catch (PluginMalfunctionException e) {
            if (watch.end()) {
                throw new PluginTimeoutException(version.pluginId(), timeout);
            }
            version.malfunctioned(e.getMessage());
            throw e;
        } catch (ConnectorException e) {
            if (watch.end()) {
                throw new PluginTimeoutException(version.pluginId(), timeout);
            }
            version.answered();
            throw e;
        } finally {
            active.remove(watch);
        }
        if (watch.end()) {
            throw new PluginTimeoutException(version.pluginId(), timeout);
        }
        version.answered();
        return result;
    }

    private static <T> T counted(LiveVersion version, ClassLoader loader, Supplier<T> call) {
        try {
            T result = PluginInvoker.call(version.pluginId(), loader, call);
            version.answered();
            return result;
        } catch (PluginMalfunctionException e) {
            version.malfunctioned(e.getMessage());
            throw e;
        }
    }

    /** Cuts off every call past its deadline. Run by the host every quarter of a second. */
    public void expireDue() {
        long now = System.nanoTime();
        for (Watch watch : active) {
            LiveVersion version = watch.version;
            String message = "Plugin '" + version.pluginId() + "' did not answer within " + seconds(version.timeout())
                    + "; the call was cut off";
            // Counted before the interrupt, so the caller, once it sees the time-out, sees it counted too.
            if (now - watch.deadline > 0 && watch.expire(() -> version.malfunctioned(message))) {
                LOG.warning(() -> message + " (thread " + watch.thread.getName() + " interrupted)");
                TimedOut timedOut = new TimedOut(watch.thread, version.pluginId(), message);
                for (Consumer<TimedOut> listener : listeners) {
                    try {
                        listener.accept(timedOut);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a plugin-timeout listener failed", e);
                    }
                }
            }
        }
    }

    /** @return calls in progress now (for tests and diagnostics) */
    int inProgress() {
        return active.size();
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** One call in progress. The lock orders the watchdog's interrupt before the caller's clearing of it. */
    private static final class Watch {
        private final Thread thread;
        private final LiveVersion version;
        private final long deadline;
        private boolean running = true;
        private boolean timedOut;

        Watch(Thread thread, LiveVersion version, long deadline) {
            this.thread = thread;
            this.version = version;
            this.deadline = deadline;
        }

        /**
         * The watchdog's side: runs {@code first}, then interrupts the thread.
         *
         * @return true when this call was running and is now cut off
         */
        synchronized boolean expire(Runnable first) {
            if (!running) {
                return false;
            }
            running = false;
            timedOut = true;
            first.run();
            thread.interrupt();
            return true;
        }

        /**
         * The caller's side, once the plugin returned: @return true when the call had been cut off (the interrupt
         * is cleared, so the thread goes on with a clean state)
         */
        synchronized boolean end() {
            running = false;
            if (timedOut) {
                Thread.interrupted();
            }
            return timedOut;
        }
    }
}
