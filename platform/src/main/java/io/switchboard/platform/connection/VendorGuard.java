package io.switchboard.platform.connection;

import io.github.bucket4j.Bucket;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's protection on this platform instance, shared by all its workers (ADR 0009): a token bucket that
 * spaces its requests to the rate limit, and a circuit breaker that stops sending to a vendor that looks down.
 */
final class VendorGuard {

    private final CircuitBreaker breaker;
    private final Duration openWait;
    private final AtomicInteger timesOpened = new AtomicInteger();
    private volatile Instant retryAt;
    private volatile Instant lastOpenedAt;
    private volatile Instant lastClosedAt;
    private volatile String lastFailure;
    private volatile Limit limit = new Limit(null, null, null);

    /** The rate limit in force and its bucket ({@code null} for none). */
    record Limit(Double perMinute, Double connectorPerMinute, Bucket bucket) {
    }

    VendorGuard(String name, VendorGuardSettings settings) {
        this.openWait = settings.openWait();
        breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(settings.minimumCalls(), 20))
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(openWait)
                .permittedNumberOfCallsInHalfOpenState(2)
                .writableStackTraceEnabled(false)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            Instant now = Instant.now();
            switch (event.getStateTransition().getToState()) {
                case OPEN -> {
                    if (event.getStateTransition().getFromState() == CircuitBreaker.State.CLOSED) {
                        timesOpened.incrementAndGet();
                        lastOpenedAt = now;
                    }
                    retryAt = now.plus(openWait);
                }
                case CLOSED -> {
                    if (lastOpenedAt != null) {
                        lastClosedAt = now;
                    }
                    retryAt = null;
                }
                default -> retryAt = null;
            }
        });
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    Limit limit() {
        return limit;
    }

    /** Sets the limit in force; the bucket is made anew only when the number changed. */
    void limitTo(Double perMinute, Double connectorPerMinute) {
        Limit current = limit;
        if (java.util.Objects.equals(current.perMinute(), perMinute)
                && java.util.Objects.equals(current.connectorPerMinute(), connectorPerMinute)) {
            return;
        }
        limit = new Limit(perMinute, connectorPerMinute, perMinute == null ? null : bucket(perMinute));
    }

    /**
     * Capacity 1: requests are spaced evenly at the limit's rate, never sent in a burst, so no window of any length
     * sees more than the limit plus one.
     */
    private static Bucket bucket(double perMinute) {
        long nanosPerToken = Math.max(1, Math.round(60_000_000_000.0 / perMinute));
        return Bucket.builder().addLimit(l -> l.capacity(1).refillGreedy(1, Duration.ofNanos(nanosPerToken))).build();
    }

    void failed(String what) {
        lastFailure = what;
    }

    /** @return when an open breaker lets trial requests through, or {@code null} */
    Instant retryAt() {
        return retryAt;
    }

    VendorHealth health() {
        Limit l = limit;
        CircuitBreaker.State state = breaker.getState();
        return new VendorHealth(state.name(), state == CircuitBreaker.State.OPEN ? retryAt : null, timesOpened.get(),
                lastOpenedAt, lastClosedAt, lastFailure, l.perMinute(), l.connectorPerMinute());
    }
}
