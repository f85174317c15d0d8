package io.switchboard.platform.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One loaded version of a plugin while it serves calls: counts the calls in progress, so that a version replaced by
 * an upgrade is closed only once the events that were using it have finished (ADR 0011), and keeps its health — a
 * run of malfunctions or time-outs in a row marks it failing, any proper answer (a vendor error included) clears it.
 */
public final class LiveVersion {

    private final String pluginId;
    private final String version;
    private final PluginCalls calls;
    private final Duration timeout;
    /** A striped counter: every worker counts every call here, and only retiring reads the sum. */
    private final LongAdder inFlight = new LongAdder();
    private final AtomicInteger malfunctionsInARow = new AtomicInteger();
    private volatile String lastMalfunction;
    private volatile Instant lastMalfunctionAt;

    public LiveVersion(String pluginId, String version, PluginCalls calls) {
        this.pluginId = pluginId;
        this.version = version;
        this.calls = calls;
        this.timeout = calls.timeoutOf(pluginId);
    }

    public String pluginId() {
        return pluginId;
    }

    public String version() {
        return version;
    }

    Duration timeout() {
        return timeout;
    }

    <T> T call(ClassLoader loader, Supplier<T> call) {
        inFlight.increment();
        try {
            return calls.call(this, loader, call);
        } finally {
            inFlight.decrement();
        }
    }

    /** @return calls into this version in progress now */
    public int inFlight() {
        return inFlight.intValue();
    }

    void answered() {
        if (malfunctionsInARow.get() != 0) { // a read, not a write, on the hot path
            malfunctionsInARow.set(0);
        }
    }

    void malfunctioned(String reason) {
        lastMalfunction = reason;
        lastMalfunctionAt = Instant.now();
        malfunctionsInARow.incrementAndGet();
    }

    /** @return true after a run of malfunctions or time-outs (switchboard.plugins.failing-after) with no answer since */
    public boolean failing() {
        return malfunctionsInARow.get() >= calls.failingAfter();
    }

    /** @return the last malfunction or time-out, in plain words; {@code null} when none */
    public String lastMalfunction() {
        return lastMalfunction;
    }

    /** @return when the last malfunction happened; {@code null} when none */
    public Instant lastMalfunctionAt() {
        return lastMalfunctionAt;
    }

    /** @return malfunctions in a row without a proper answer since */
    public int malfunctionsInARow() {
        return malfunctionsInARow.get();
    }
}
