package io.switchboard.testkit.contract;

import static io.switchboard.testkit.contract.ContractSupport.assertNoSecret;
import static io.switchboard.testkit.contract.ContractSupport.assertNoSecretLogged;
import static io.switchboard.testkit.contract.ContractSupport.assertNoSecretThrown;
import static io.switchboard.testkit.contract.ContractSupport.context;
import static io.switchboard.testkit.contract.ContractSupport.secretValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.ConnectorException;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.ConnectorContract;
import io.switchboard.testkit.TestConnectorContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The checks every connector kind shares, as JUnit 5 tests a plugin's test class inherits by implementing
 * {@link HelpdeskContract}, {@link TelephonyContract} or {@link ChannelContract} (implement the kind's interface,
 * not this one). What the class provides: the connector, settings pointing it at a vendor URL, and sample webhooks.
 *
 * @param <C> the connector interface of the kind
 * @param <E> the event type of the kind
 */
public interface ConnectorContractSuite<C extends Connector, E> {

    // ---- what the plugin's test class provides ----

    /** @return the connector under test (one instance, as the platform holds one) */
    C connector();

    /**
     * @param vendorUrl the base URL of a vendor (ending in {@code /}) the connector must send its API calls to
     * @return complete, valid settings of one connection, secrets included, pointing the connector at it
     */
    Map<String, ?> settings(String vendorUrl);

    /**
     * @return webhooks the vendor sends, each one accepted by {@code verify} with {@link #settings}; empty for a
     *         connector that receives none (the webhook checks are then skipped)
     */
    default List<WebhookSample<E>> webhookSamples() {
        return List.of();
    }

    // ---- what the kind's interface provides; override to add or remove ----

    /** @return the kind the suite is for */
    ConnectorKind kind();

    /** Parses with the kind's {@code parse}. */
    ParsedEvents<E> parse(InboundRequest request, ConnectorContext context);

    /** @return the id of the ticket, call or conversation the event belongs to (what orders the events) */
    String entityOf(E event);

    /**
     * @return the operations that call the vendor, each run against failing vendors; the kind's defaults use the
     *         connector's declared capabilities
     */
    List<VendorCall> vendorCalls();

    /**
     * @return false for a vendor that sends no proof with its webhooks (the platform's unguessable URL token is all):
     *         then a request is not expected to be refused under other secret settings
     */
    default boolean webhooksCarryProof() {
        return true;
    }

    // ---- the checks ----

    /** Descriptor, kind, schema and {@code @Extension}, as the platform's loader checks them. */
    @Test
    default void descriptorAndSchemaAreSound() {
        ConnectorContract.assertWellFormed(connector());
        assertThat(connector().descriptor().kind()).as("descriptor kind").isEqualTo(kind());
    }

    /** {@code check()} against a vendor that cannot be reached: a failed result, no exception, no secret. */
    @Test
    default void checkFailsPolitelyWhenTheVendorIsUnreachable() {
        ConnectorContract.assertCheckFailsPolitelyWhenUnreachable(connector(), this::settings);
    }

    /** {@code check()} when the vendor refuses or fails: a failed result in plain words, never an exception. */
    @Test
    default void checkReportsVendorRefusalsAsAFailedResult() {
        try (StubVendor vendor = StubVendor.answering(500)) {
            for (int status : new int[] {401, 403, 500, 503}) {
                vendor.answer(status, Map.of(), "{\"error\":\"refused\"}");
                Map<String, ?> settings = settings(vendor.baseUrl());
                List<String> secrets = secretValues(connector(), settings);
                TestConnectorContext ctx = context(settings);
                CheckResult result = connector().check(ctx);
                assertThat(result).as("check() when the vendor answers %d", status).isNotNull();
                assertThat(result.ok()).as("check() ok when the vendor answers %d: %s", status, result.message())
                        .isFalse();
                assertThat(result.message()).as("check() message for %d", status).isNotBlank();
                assertNoSecret("check() message for " + status, result.message(), secrets);
                assertNoSecretLogged("check() for " + status, ctx.logger(), secrets);
            }
        }
    }

    /**
     * Vendor failures come out as the SPI's exceptions, so the platform retries what may work later and dead-letters
     * what will not: 429 and 5xx are transient (429's {@code Retry-After} kept), 400, 401 and 403 are permanent. No
     * message and no log line carries a secret.
     */
    @Test
    default void vendorFailuresAreClassifiedAsTransientOrPermanent() {
        assumeFalse(vendorCalls().isEmpty(), "the connector declares no vendor calls");
        record Case(int status, Map<String, String> headers, Class<? extends ConnectorException> expected) {
        }
        List<Case> cases = List.of(
                new Case(429, Map.of("Retry-After", "7"), TransientVendorException.class),
                new Case(500, Map.of(), TransientVendorException.class),
                new Case(502, Map.of(), TransientVendorException.class),
                new Case(503, Map.of(), TransientVendorException.class),
                new Case(400, Map.of(), PermanentVendorException.class),
                new Case(401, Map.of(), PermanentVendorException.class),
                new Case(403, Map.of(), PermanentVendorException.class));
        try (StubVendor vendor = StubVendor.answering(500)) {
            for (Case c : cases) {
                vendor.answer(c.status(), c.headers(), "{\"error\":\"failure\"}");
                Map<String, ?> settings = settings(vendor.baseUrl());
                List<String> secrets = secretValues(connector(), settings);
                for (VendorCall call : vendorCalls()) {
                    TestConnectorContext ctx = context(settings);
                    int before = vendor.received().size();
                    Throwable thrown = catchThrowable(call, ctx);
                    String what = "'" + call.name() + "' when the vendor answers " + c.status();
                    assertThat(vendor.received().size()).as("%s: requests the vendor got (do the settings point the"
                            + " connector at the vendor URL?)", what).isGreaterThan(before);
                    assertThat(thrown).as(what).isInstanceOf(c.expected());
                    if (c.status() == 429) {
                        assertThat(((TransientVendorException) thrown).retryAfter()).as("%s: retryAfter", what)
                                .contains(Duration.ofSeconds(7));
                    }
                    assertNoSecretThrown(what, thrown, secrets);
                    assertNoSecretLogged(what, ctx.logger(), secrets);
                }
            }
        }
    }

    /** A vendor that cannot be reached is a transient failure (the platform retries), without a secret in it. */
    @Test
    default void anUnreachableVendorIsATransientFailure() {
        assumeFalse(vendorCalls().isEmpty(), "the connector declares no vendor calls");
        Map<String, ?> settings = settings("http://127.0.0.1:" + ContractSupport.closedPort() + "/");
        List<String> secrets = secretValues(connector(), settings);
        for (VendorCall call : vendorCalls()) {
            TestConnectorContext ctx = context(settings);
            Throwable thrown = catchThrowable(call, ctx);
            assertThat(thrown).as("'%s' when the vendor cannot be reached", call.name())
                    .isInstanceOf(TransientVendorException.class);
            assertNoSecretThrown(call.name(), thrown, secrets);
            assertNoSecretLogged(call.name(), ctx.logger(), secrets);
        }
    }

    /** Every sample passes {@code verify} and parses to its expected events. */
    @Test
    default void webhookSamplesVerifyAndParseToTheExpectedEvents() {
        for (WebhookSample<E> sample : samples()) {
            TestConnectorContext ctx = context(settings(unusedVendorUrl()));
            assertThatCode(() -> connector().verify(sample.request(), ctx)).as("verify() of %s", sample)
                    .doesNotThrowAnyException();
            ParsedEvents<E> parsed = parse(connector().withoutProof(sample.request()), ctx);
            assertThat(parsed).as("parse() of %s", sample).isNotNull();
            if (sample.expectedEvents() != null) {
                assertThat(parsed.events()).as("events of %s", sample).isEqualTo(sample.expectedEvents());
            }
        }
    }

    /**
     * What the platform stores ({@code withoutProof}) holds no secret setting's value, parses to the same events and
     * gives the same keys as the request received.
     */
    @Test
    default void theStoredRequestHoldsNoSecretAndParsesTheSame() {
        Map<String, ?> settings = settings(unusedVendorUrl());
        List<String> secrets = secretValues(connector(), settings);
        for (WebhookSample<E> sample : samples()) {
            InboundRequest stored = connector().withoutProof(sample.request());
            assertNoSecret("the stored form of " + sample, ContractSupport.storedText(stored), secrets);
            assertThat(parse(stored, context(settings))).as("parse() of the stored %s", sample)
                    .isEqualTo(parse(sample.request(), context(settings)));
            assertThat(connector().keys(stored, context(settings))).as("keys() of the stored %s", sample)
                    .isEqualTo(connector().keys(sample.request(), context(settings)));
        }
    }

    /**
     * Replays (the same stored request parsed again, days later, on another worker) give the same events, notes and
     * keys; no event or note carries a secret.
     */
    @Test
    default void parsingAndKeysAreStableAcrossReplays() {
        Map<String, ?> settings = settings(unusedVendorUrl());
        List<String> secrets = secretValues(connector(), settings);
        for (WebhookSample<E> sample : samples()) {
            InboundRequest stored = connector().withoutProof(sample.request());
            TestConnectorContext first = context(settings);
            ParsedEvents<E> once = parse(stored, first);
            InboundKeys keys = connector().keys(stored, first);
            TestConnectorContext later = context(settings);
            later.testClock().advance(Duration.ofDays(3));
            assertThat(parse(stored, later)).as("%s parsed again later", sample).isEqualTo(once);
            assertThat(connector().keys(stored, later)).as("keys of %s again later", sample).isEqualTo(keys);
            assertNoSecret("events and notes of " + sample, once.events() + " " + once.notes(), secrets);
            assertNoSecretLogged("parse() of " + sample, first.logger(), secrets);
        }
    }

    /**
     * Two samples with the same dedup key must be the same event delivered twice: otherwise the platform drops the
     * second as a repeat.
     */
    @Test
    default void differentEventsHaveDifferentDedupKeys() {
        Map<String, ?> settings = settings(unusedVendorUrl());
        Map<String, WebhookSample<E>> byDedupKey = new HashMap<>();
        for (WebhookSample<E> sample : samples()) {
            String dedup = connector().keys(sample.request(), context(settings)).dedupKey();
            if (dedup == null) {
                continue;
            }
            WebhookSample<E> earlier = byDedupKey.putIfAbsent(dedup, sample);
            if (earlier != null) {
                assertThat(parse(sample.request(), context(settings)).events())
                        .as("%s has the dedup key '%s' of %s, so its events must be the same", sample, dedup, earlier)
                        .isEqualTo(parse(earlier.request(), context(settings)).events());
            }
        }
    }

    /**
     * Samples about the same ticket, call or conversation have the same ordering key, so the platform processes them
     * one at a time in arrival order.
     */
    @Test
    default void eventsOfOneEntityShareAnOrderingKey() {
        Map<String, ?> settings = settings(unusedVendorUrl());
        Map<String, String> keyOfEntity = new HashMap<>();
        Map<String, WebhookSample<E>> firstOfEntity = new HashMap<>();
        for (WebhookSample<E> sample : samples()) {
            List<String> entities = parse(sample.request(), context(settings)).events().stream()
                    .map(this::entityOf).filter(Objects::nonNull).distinct().toList();
            String ordering = connector().keys(sample.request(), context(settings)).orderingKey();
            if (entities.size() != 1 || ordering == null) {
                continue;
            }
            String entity = entities.get(0);
            String earlier = keyOfEntity.putIfAbsent(entity, ordering);
            if (earlier != null) {
                assertThat(ordering).as("ordering key of %s, about '%s' like %s", sample, entity,
                        firstOfEntity.get(entity)).isEqualTo(earlier);
            } else {
                firstOfEntity.put(entity, sample);
            }
        }
    }

    /** A sample is refused when the connection's secrets are other ones (someone who knows only the URL). */
    @Test
    default void aRequestWithoutTheRightProofIsRejected() {
        assumeTrue(webhooksCarryProof(), "the vendor sends no proof with its webhooks");
        Map<String, Object> others = ContractSupport.distinctSecrets(connector(), settings(unusedVendorUrl()), 9);
        for (WebhookSample<E> sample : samples()) {
            Throwable thrown = catchThrowable(() -> connector().verify(sample.request(), context(others)));
            assertThat(thrown).as("verify() of %s under other secrets", sample)
                    .isInstanceOf(WebhookRejectedException.class);
            assertThat(((WebhookRejectedException) thrown).status()).as("status of the rejection").isEqualTo(401);
        }
    }

    /**
     * Broken input (an empty body, not JSON, a stray {@code %}, a body cut in half) gets a rejection or notes, never an
     * exception other than the SPI's (which the platform would report as a plugin failure).
     */
    @Test
    default void brokenWebhooksRaiseOnlyTheSpisExceptions() {
        Map<String, ?> settings = settings(unusedVendorUrl());
        for (WebhookSample<E> sample : samples()) {
            String body = new String(sample.request().body(), StandardCharsets.UTF_8);
            for (String broken : List.of("", "not json", "{}", "[]", "null", "%zz&=%", "{\"a\":", body.substring(0,
                    body.length() / 2), body.replaceAll("[0-9]", "x"))) {
                InboundRequest request = ContractSupport.withBody(sample.request(), broken);
                String what = sample + " with the body '" + abbreviate(broken) + "'";
                assertOnlySpiExceptions(what + ": verify()", () -> connector().verify(request, context(settings)));
                assertOnlySpiExceptions(what + ": keys()", () -> connector().keys(request, context(settings)));
                assertOnlySpiExceptions(what + ": parse()", () -> parse(request, context(settings)));
            }
        }
    }

    /**
     * One instance serves many connections at once: parsing from several threads gives what it gives on one, and
     * concurrent vendor calls of different connections each carry only their own connection's secrets.
     */
    @Test
    default void oneInstanceServesManyConnectionsAtOnce() throws Exception {
        int connections = 8;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try (StubVendor vendor = StubVendor.answering(503)) {
            Map<String, ?> base = settings(vendor.baseUrl());
            List<Callable<Void>> work = new ArrayList<>();
            List<List<String>> secretsOf = new ArrayList<>();
            for (int n = 0; n < connections; n++) {
                Map<String, Object> settings = ContractSupport.distinctSecrets(connector(), base, n);
                secretsOf.add(secretValues(connector(), settings));
                for (VendorCall call : vendorCalls()) {
                    work.add(() -> {
                        assertOnlySpiExceptions("'" + call.name() + "' of one of many connections",
                                () -> call.operation().run(context(settings)));
                        return null;
                    });
                }
                work.add(() -> {
                    assertOnlySpiExceptions("check() of one of many connections",
                            () -> connector().check(context(settings)));
                    return null;
                });
                for (WebhookSample<E> sample : samples()) {
                    ParsedEvents<E> alone = parse(sample.request(), context(base));
                    work.add(() -> {
                        assertThat(parse(sample.request(), context(base))).as("%s parsed among many", sample)
                                .isEqualTo(alone);
                        return null;
                    });
                }
            }
            for (Future<Void> done : pool.invokeAll(work, 60, TimeUnit.SECONDS)) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof AssertionError error ? error : new AssertionError(e.getCause());
                }
            }
            for (StubVendor.Received request : vendor.received()) {
                long owners = secretsOf.stream()
                        .filter(secrets -> secrets.stream().anyMatch(request.everything()::contains)).count();
                assertThat(owners).as("connections whose secrets one request carried: %s %s", request.method(),
                        request.uri()).isLessThanOrEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers (not checks) ----

    private List<WebhookSample<E>> samples() {
        List<WebhookSample<E>> samples = webhookSamples();
        assumeFalse(samples.isEmpty(), "no webhook samples");
        return samples;
    }

    /** A vendor URL for checks that make no vendor call: a closed loopback port. */
    private static String unusedVendorUrl() {
        return "http://127.0.0.1:" + ContractSupport.closedPort() + "/";
    }

    private static Throwable catchThrowable(VendorCall call, ConnectorContext ctx) {
        return catchThrowable(() -> call.operation().run(ctx));
    }

    private static Throwable catchThrowable(Attempt attempt) {
        try {
            attempt.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static void assertOnlySpiExceptions(String what, Attempt attempt) {
        Throwable thrown = catchThrowable(attempt);
        if (thrown != null && !(thrown instanceof ConnectorException)) {
            fail(what + " threw " + thrown + ", not one of the SPI's exceptions (the platform reports it as a plugin"
                    + " failure)", thrown);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
