package io.switchboard.platform.flow;

import java.time.Duration;

/**
 * Another event holds what this one is about to create ({@link FlowClaims#hold}): the pipeline runs this event again
 * after {@link #retryAfter()}, without counting the attempt, like an event paused by a vendor's rate limit.
 */
public final class HeldByAnotherEvent extends RuntimeException {

    /** How long an event waits for another that holds its key: about the time one vendor call takes. */
    public static final Duration WAIT = Duration.ofSeconds(2);

    public HeldByAnotherEvent(String message) {
        super(message, null, false, false);
    }

    /** @return how long to wait before running the event again */
    public Duration retryAfter() {
        return WAIT;
    }
}
