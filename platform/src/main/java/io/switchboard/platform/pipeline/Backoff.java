package io.switchboard.platform.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a transiently failed event again: exponential ({@code first × 2^(attempt-1)}, capped), with "full
 * jitter" between half and all of it so that many events failing together do not retry together; a vendor's
 * {@code Retry-After} is honoured when it asks for longer.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * @param attempt    the attempt that just failed, from 1
     * @param retryAfter what the vendor asked for, or {@code null}
     */
    public static Duration delay(int attempt, Duration first, Duration max, Duration retryAfter) {
        long base = first.toMillis();
        long exponential = attempt >= 30 ? max.toMillis() : Math.min(max.toMillis(), base << Math.max(0, attempt - 1));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long delay = Math.max(jittered, retryAfter == null ? 0 : retryAfter.toMillis());
        return Duration.ofMillis(Math.min(delay, Math.max(max.toMillis(), retryAfter == null ? 0 : retryAfter.toMillis())));
    }
}
