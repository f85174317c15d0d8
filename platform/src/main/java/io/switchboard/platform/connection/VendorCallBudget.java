package io.switchboard.platform.connection;

import java.time.Duration;

/**
 * How long the vendor requests of one event attempt may still wait — for {@code Retry-After}, for a backoff after a
 * failure, for their turn under a connection's rate limit — before the attempt gives up and the pipeline reschedules
 * the event as a whole (ADR 0009). Bound to the worker thread for the attempt ({@link #open}); requests made outside
 * an event (a connection check, a form's choices, an answer a PBX waits for) get {@link #INTERACTIVE} each.
 */
public final class VendorCallBudget {

    /** What one request outside an event attempt may wait in all: someone is waiting for the answer. */
    static final Duration INTERACTIVE = Duration.ofSeconds(2);

    private static final ThreadLocal<VendorCallBudget> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;

    private VendorCallBudget(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** The budget of the attempt in progress; closing it ends it (try-with-resources). */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts the budget of an event attempt on this thread. */
    public static Scope open(Duration budget) {
        VendorCallBudget previous = CURRENT.get();
        CURRENT.set(new VendorCallBudget(System.nanoTime() + Math.max(0, budget.toNanos())));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * @return the deadline (as {@link System#nanoTime()}) for a request starting now: the attempt's, or
     *         {@link #INTERACTIVE} from now outside an attempt
     */
    static long deadlineForRequest() {
        VendorCallBudget budget = CURRENT.get();
        return budget != null ? budget.deadlineNanos : System.nanoTime() + INTERACTIVE.toNanos();
    }
}
