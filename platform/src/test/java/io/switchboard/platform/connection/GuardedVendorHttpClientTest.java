package io.switchboard.platform.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorHttpClient;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** ADR 0009: a connection's requests retried within the event's budget, rate-limited, and stopped by a breaker. */
class GuardedVendorHttpClientTest {

    private static final URI URL = URI.create("https://vendor.example/api");
    private static final VendorGuardSettings SETTINGS = new VendorGuardSettings(Duration.ofSeconds(5), 5,
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30), 4, 50);

    /** Answers from a script, one a request, and notes when each request came. */
    static final class Scripted implements VendorHttpClient {
        final Deque<Supplier<VendorResponse>> answers = new ArrayDeque<>();
        final List<Long> sentAt = new ArrayList<>();

        Scripted then(int status, String retryAfter) {
            answers.add(() -> new VendorResponse(status, retryAfter == null ? Map.of()
                    : Map.of("retry-after", List.of(retryAfter)), new byte[0]));
            return this;
        }

        Scripted thenFail(Exception cause) {
            answers.add(() -> {
                throw new TransientVendorException("Could not reach vendor.example", null, cause);
            });
            return this;
        }

        @Override
        public VendorResponse send(VendorRequest request) {
            sentAt.add(System.nanoTime());
            Supplier<VendorResponse> next = answers.isEmpty() ? () -> new VendorResponse(200, Map.of(), new byte[0])
                    : answers.poll();
            return next.get();
        }

        long gapMillis(int i) {
            return (sentAt.get(i) - sentAt.get(i - 1)) / 1_000_000;
        }
    }

    private static GuardedVendorHttpClient guarded(Scripted vendor, VendorGuard guard) {
        return new GuardedVendorHttpClient(vendor, guard, SETTINGS, "Usedesk connection 'Support'");
    }

    private static GuardedVendorHttpClient guarded(Scripted vendor) {
        return guarded(vendor, new VendorGuard("test", SETTINGS));
    }

    private static VendorRequest post() {
        return VendorRequest.json("POST", URL, "{}");
    }

    @Test
    void aRateLimitedWriteIsSentAgainAfterAtLeastRetryAfter() {
        Scripted vendor = new Scripted().then(429, "1").then(200, null);
        try (VendorCallBudget.Scope budget = VendorCallBudget.open(Duration.ofSeconds(5))) {
            assertThat(guarded(vendor).send(post()).status()).isEqualTo(200);
        }
        assertThat(vendor.sentAt).hasSize(2);
        assertThat(vendor.gapMillis(1)).as("waited Retry-After: 1").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aReadIsSentAgainAfterA5xxWithABackoffThatGrows() {
        Scripted vendor = new Scripted().then(502, null).then(503, null).then(200, null);
        assertThat(guarded(vendor).send(VendorRequest.get(URL)).status()).isEqualTo(200);
        assertThat(vendor.sentAt).hasSize(3);
        // first backoff 100 ms, then 200 ms, each jittered between half and all of it
        assertThat(vendor.gapMillis(1)).isBetween(50L, 400L);
        assertThat(vendor.gapMillis(2)).isBetween(100L, 600L);
    }

    @Test
    void aWriteIsNotSentAgainAfterA5xxWithoutRetryAfterNorAfterATimeout() {
        Scripted vendor = new Scripted().then(500, null);
        assertThat(guarded(vendor).send(post()).status()).isEqualTo(500);
        assertThat(vendor.sentAt).hasSize(1);

        Scripted timingOut = new Scripted().thenFail(new SocketTimeoutException("Read timed out"));
        assertThatThrownBy(() -> guarded(timingOut).send(post())).isInstanceOf(TransientVendorException.class);
        assertThat(timingOut.sentAt).as("the vendor may have stored it").hasSize(1);
    }

    @Test
    void aWriteIsSentAgainAfterA503WithRetryAfterOrWhenTheConnectionWasRefused() {
        Scripted vendor = new Scripted().then(503, "0").thenFail(new ConnectException("Connection refused"))
                .then(200, null);
        assertThat(guarded(vendor).send(post()).status()).isEqualTo(200);
        assertThat(vendor.sentAt).hasSize(3);
    }

    @Test
    void aWaitBeyondTheBudgetIsNotStartedAndTheAnswerGoesUpAsItIs() {
        Scripted vendor = new Scripted().then(429, "30");
        long start = System.nanoTime();
        try (VendorCallBudget.Scope budget = VendorCallBudget.open(Duration.ofSeconds(5))) {
            VendorResponse answer = guarded(vendor).send(post());
            assertThat(answer.status()).isEqualTo(429);
            assertThatThrownBy(() -> answer.requireSuccess("create a comment"))
                    .isInstanceOfSatisfying(TransientVendorException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
        }
        assertThat(vendor.sentAt).hasSize(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    }

    @Test
    void theBudgetIsSharedByTheRequestsOfOneAttempt() {
        Scripted vendor = new Scripted().then(429, "1").then(200, null).then(429, "1").then(200, null);
        try (VendorCallBudget.Scope budget = VendorCallBudget.open(Duration.ofMillis(1500))) {
            GuardedVendorHttpClient client = guarded(vendor);
            assertThat(client.send(post()).status()).isEqualTo(200);
            assertThat(client.send(post()).status()).as("only 0.5 s of the budget left").isEqualTo(429);
        }
    }

    @Test
    void aVendorThatKeepsFailingOpensTheBreakerAndRequestsArePausedWithoutBeingSent() {
        Scripted vendor = new Scripted().then(503, null).then(503, null).then(503, null).then(503, null);
        VendorGuard guard = new VendorGuard("test", SETTINGS);
        GuardedVendorHttpClient client = guarded(vendor, guard);
        for (int i = 0; i < 4; i++) {
            assertThat(client.send(post()).status()).isEqualTo(503);
        }
        assertThatThrownBy(() -> client.send(post())).isInstanceOfSatisfying(TransientVendorException.class, e -> {
            assertThat(VendorPaused.isCauseOf(e)).isTrue();
            assertThat(e.getMessage()).contains("Usedesk connection 'Support' looks down").contains("HTTP 503");
            assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));
        });
        assertThat(vendor.sentAt).as("nothing sent while open").hasSize(4);
        assertThat(guard.health().breaker()).isEqualTo("OPEN");
        assertThat(guard.health().timesOpened()).isEqualTo(1);
    }

    @Test
    void a429IsWaitedOutMoreOftenThanMaxTriesWhileTheBudgetLasts() {
        Scripted vendor = new Scripted();
        for (int i = 0; i < 7; i++) {
            vendor.then(429, "0");
        }
        vendor.then(200, null);
        assertThat(guarded(vendor).send(post()).status()).isEqualTo(200);
        assertThat(vendor.sentAt).hasSize(8);
    }

    @Test
    void rateLimitedAnswersDoNotOpenTheBreaker() {
        Scripted vendor = new Scripted();
        for (int i = 0; i < 8; i++) {
            vendor.then(429, "0");
        }
        VendorGuard guard = new VendorGuard("test", SETTINGS);
        GuardedVendorHttpClient client = guarded(vendor, guard);
        client.send(post());
        client.send(post());
        assertThat(guard.health().breaker()).isEqualTo("CLOSED");
    }

    @Test
    void requestsAreSpacedToTheRateLimit() {
        Scripted vendor = new Scripted();
        VendorGuard guard = new VendorGuard("test", SETTINGS);
        guard.limitTo(600.0, 600.0); // 10 a second
        GuardedVendorHttpClient client = guarded(vendor, guard);
        long start = System.nanoTime();
        for (int i = 0; i < 11; i++) {
            client.send(post());
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("11 requests at 10/s").isGreaterThanOrEqualTo(950);
        assertThat(guard.health().limitText()).isEqualTo("600");
    }

    @Test
    void aTurnBeyondTheBudgetPausesTheAttemptInsteadOfWaiting() {
        VendorGuard guard = new VendorGuard("test", SETTINGS);
        guard.limitTo(6.0, 150.0); // one every 10 s
        GuardedVendorHttpClient client = guarded(new Scripted(), guard);
        try (VendorCallBudget.Scope budget = VendorCallBudget.open(Duration.ofSeconds(1))) {
            client.send(post());
            assertThatThrownBy(() -> client.send(post())).isInstanceOfSatisfying(TransientVendorException.class,
                    e -> {
                        assertThat(VendorPaused.isCauseOf(e)).isTrue();
                        assertThat(e.retryAfter().orElseThrow()).isGreaterThan(Duration.ofSeconds(8));
                    });
        }
    }

    @Test
    void withTheBudgetSpentARateLimitedRequestPausesTheAttemptAndIsNotAPluginFailure() throws Exception {
        VendorGuard guard = new VendorGuard("test", SETTINGS);
        guard.limitTo(6.0, 150.0); // one every 10 s
        GuardedVendorHttpClient client = guarded(new Scripted(), guard);
        try (VendorCallBudget.Scope budget = VendorCallBudget.open(Duration.ofMillis(1))) {
            client.send(post()); // the turn free now is taken even with the budget spent
            Thread.sleep(5); // the budget runs out: a blocking wait of zero is no wait at all
            assertThatThrownBy(() -> client.send(post())).isInstanceOfSatisfying(TransientVendorException.class,
                    e -> assertThat(VendorPaused.isCauseOf(e)).isTrue());
        }
    }
}
