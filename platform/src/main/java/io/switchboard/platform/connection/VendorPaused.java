package io.switchboard.platform.connection;

/**
 * The cause of a {@link io.switchboard.spi.error.TransientVendorException} thrown before a request was sent,
 * because the connection's circuit breaker is open or its rate limit leaves no turn within the event's budget. The
 * pipeline reschedules such an event without counting the attempt: nothing was tried (ADR 0009).
 */
public final class VendorPaused extends RuntimeException {

    public VendorPaused(String message) {
        super(message, null, false, false);
    }

    /** @return true when {@code failure} or one of its causes is a {@link VendorPaused} */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof VendorPaused) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
