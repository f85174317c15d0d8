package io.switchboard.platform.connection;

import io.github.bucket4j.Bucket;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorHttpClient;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One connection's view of the shared vendor client (ADR 0009). Each request waits for its turn under the
 * connection's rate limit, is refused at once while the connection's circuit breaker is open, and is sent again by
 * itself when that is safe — within the event attempt's {@link VendorCallBudget}:
 *
 * <ul>
 *   <li>429 (the vendor did not process it) and 503 with {@code Retry-After}: any method, after {@code Retry-After}
 *       (or a backoff when the vendor gave none); a 429 as often as the budget allows, the rest at most
 *       {@code max-tries} times;</li>
 *   <li>other 5xx, 408, timeouts and broken connections: only {@code GET}, {@code HEAD} and {@code OPTIONS}, after a
 *       backoff — a write may have been carried out, and a vendor's "read-only" POST is not assumed to be one;</li>
 *   <li>a connection that could not be made at all (refused, no route, unknown host, connect timeout): any method,
 *       since nothing was sent.</li>
 * </ul>
 *
 * A wait that would overrun the budget is not started: the last answer (or failure) goes to the connector as it is,
 * which turns it into a {@link TransientVendorException} carrying {@code Retry-After}, and the pipeline reschedules
 * the event. The breaker counts 5xx, 408 and failures to reach the vendor; a 429 means the vendor is up.
 */
final class GuardedVendorHttpClient implements VendorHttpClient {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** How soon to come back when a half-open breaker's trial requests are all taken. */
    private static final Duration HALF_OPEN_RETRY = Duration.ofSeconds(2);

    private final VendorHttpClient delegate;
    private final VendorGuard guard;
    private final VendorGuardSettings settings;
    private final String who;

    /**
     * @param who the connection in plain words, for messages ("Usedesk connection 'Support'")
     */
    GuardedVendorHttpClient(VendorHttpClient delegate, VendorGuard guard, VendorGuardSettings settings, String who) {
        this.delegate = delegate;
        this.guard = guard;
        this.settings = settings;
        this.who = who;
    }

    @Override
    public VendorResponse send(VendorRequest request) {
        long deadline = VendorCallBudget.deadlineForRequest();
        boolean idempotent = IDEMPOTENT.contains(request.method().toUpperCase(Locale.ROOT));
        CircuitBreaker breaker = guard.breaker();
        for (int attempt = 1; ; attempt++) {
            if (!breaker.tryAcquirePermission()) {
                throw paused();
            }
            try {
                awaitTurn(deadline);
            } catch (RuntimeException e) {
                breaker.releasePermission();
                throw e;
            }
            long start = System.nanoTime();
            VendorResponse response;
            try {
                response = delegate.send(request);
            } catch (TransientVendorException e) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                guard.failed(e.getMessage());
                boolean safe = idempotent || notSent(e);
                if (!safe || attempt >= settings.maxTries() || !pause(wait(attempt, e.retryAfter().orElse(null)), deadline)) {
                    throw e;
                }
                continue;
            } catch (RuntimeException e) {
                breaker.releasePermission(); // not the vendor's health: a refused address, an oversized answer
                throw e;
            }
            int status = response.status();
            boolean vendorTrouble = status >= 500 || status == 408;
            if (vendorTrouble) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS,
                        new VendorStatus(status));
                guard.failed(request.method() + " " + request.uri().getPath() + " answered HTTP " + status);
            } else {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            Duration retryAfter = response.retryAfter().orElse(null);
            boolean retry = status == 429 || (status == 503 && retryAfter != null) || (vendorTrouble && idempotent);
            // A 429 is the vendor pacing us, not a failure: only the budget bounds how often it is waited out.
            boolean triesLeft = status == 429 || attempt < settings.maxTries();
            if (!retry || !triesLeft || !pause(wait(attempt, retryAfter), deadline)) {
                return response;
            }
        }
    }

    /** The wait before retry number {@code attempt}: {@code Retry-After} when the vendor said, else a backoff. */
    private Duration wait(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        // Exponential, capped, jittered between half and all of it (as the pipeline's Backoff; not shared: ADR 0007
        // keeps connection from depending on pipeline).
        long exponential = Math.min(settings.maxBackoff().toMillis(),
                settings.firstBackoff().toMillis() << Math.max(0, Math.min(attempt, 30) - 1));
        return Duration.ofMillis(exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1));
    }

    /** @return true after waiting {@code wait}; false, without waiting, when it would overrun the budget */
    private static boolean pause(Duration wait, long deadline) {
        long nanos = wait.toNanos();
        if (System.nanoTime() + nanos > deadline) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the connection's next turn under its rate limit, if that comes within the budget. */
    private void awaitTurn(long deadline) {
        Bucket bucket = guard.limit().bucket();
        if (bucket == null) {
            return;
        }
        long remaining = deadline - System.nanoTime();
        // Bucket4j refuses a blocking wait of zero: with the budget spent, only a turn free right now counts.
        if (remaining <= 0 ? bucket.tryConsume(1) : consumeWithin(bucket, remaining)) {
            return;
        }
        long wait = Math.max(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill(), 1_000_000_000L);
        throw new TransientVendorException("Waiting for a turn under the request-rate limit of " + who + " ("
                + perMinute(guard.limit().perMinute()) + " a minute) took longer than this attempt may wait; "
                + "the event goes on later", Duration.ofNanos(wait), new VendorPaused("rate limit"));
    }

    private static boolean consumeWithin(Bucket bucket, long nanos) {
        try {
            return bucket.asBlocking().tryConsume(1, Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private TransientVendorException paused() {
        Instant at = guard.retryAt();
        Duration wait = HALF_OPEN_RETRY;
        String when = "soon, when a trial request has shown whether it is back";
        if (at != null) {
            Duration left = Duration.between(Instant.now(), at);
            wait = left.isNegative() ? Duration.ofSeconds(1) : left.plusMillis(100);
            when = "after " + TIME.format(at) + ", when a trial request shows whether it is back";
        }
        String failure = guard.health().lastFailure();
        return new TransientVendorException("Paused: " + who + " looks down (circuit breaker open"
                + (failure == null ? "" : "; last failure: " + failure) + "). No requests are sent to it now; the"
                + " event goes on " + when + ".", wait, new VendorPaused("circuit breaker open"));
    }

    /** @return true when the failure happened before anything was sent: the connection could not be made */
    private static boolean notSent(TransientVendorException e) {
        Throwable cause = e.getCause();
        return cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException
                || (cause instanceof InterruptedIOException
                && cause.getClass().getName().equals("org.apache.hc.client5.http.ConnectTimeoutException"));
    }

    private static String perMinute(Double value) {
        if (value == null) {
            return "no";
        }
        return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** What the breaker records for a 5xx or 408 answer. */
    static final class VendorStatus extends RuntimeException {
        VendorStatus(int status) {
            super("HTTP " + status, null, false, false);
        }
    }
}
