package io.switchboard.platform.connection;

import io.switchboard.spi.http.VendorHttpClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one HTTP client every connection's vendor calls go through ({@link PooledVendorHttpClient}), made from the
 * platform's settings: {@code switchboard.http.allowed-internal-hosts}, {@code switchboard.http.max-response-bytes},
 * {@code switchboard.http.exchange-timeout-seconds}; and each connection's guard on this instance — rate limit,
 * circuit breaker, retries within the event's budget (ADR 0009) — set by {@code switchboard.http.retry-budget-seconds}
 * (20), {@code switchboard.http.max-tries} (5), {@code switchboard.http.first-backoff-ms} (500),
 * {@code switchboard.http.max-backoff-seconds} (8), {@code switchboard.http.breaker-open-seconds} (30),
 * {@code switchboard.http.breaker-minimum-calls} (10) and {@code switchboard.http.breaker-failure-rate} (50 %).
 */
@ApplicationScoped
public class VendorHttp {

    private Optional<String> allowedInternalHosts;
    private long maxResponseBytes;
    private int exchangeTimeoutSeconds;
    private VendorGuardSettings guardSettings;
    private java.util.Map<String, Double> operatorLimits = java.util.Map.of();
    private final java.util.concurrent.ConcurrentMap<Long, VendorGuard> guards =
            new java.util.concurrent.ConcurrentHashMap<>();
    // Made in @PostConstruct, not in the constructor: the CDI proxy runs constructors too, and the pool has threads.
    private PooledVendorHttpClient client;

    protected VendorHttp() {
        // for the CDI proxy
    }

    @Inject
    // Optional<String>, split here: Payara's config producer fails on Optional<List<String>> (ClassCastException
    // in ConfigProducer.getOptionalProperty, Payara 6.2025.10).
    public VendorHttp(@ConfigProperty(name = "switchboard.http.allowed-internal-hosts")
                      Optional<String> allowedInternalHosts,
                      @ConfigProperty(name = "switchboard.http.max-response-bytes", defaultValue = "16777216")
                      long maxResponseBytes,
                      @ConfigProperty(name = "switchboard.http.exchange-timeout-seconds", defaultValue = "60")
                      int exchangeTimeoutSeconds,
                      @ConfigProperty(name = "switchboard.http.retry-budget-seconds", defaultValue = "20")
                      int retryBudgetSeconds,
                      @ConfigProperty(name = "switchboard.http.max-tries", defaultValue = "5") int maxTries,
                      @ConfigProperty(name = "switchboard.http.first-backoff-ms", defaultValue = "500")
                      long firstBackoffMs,
                      @ConfigProperty(name = "switchboard.http.max-backoff-seconds", defaultValue = "8")
                      int maxBackoffSeconds,
                      @ConfigProperty(name = "switchboard.http.breaker-open-seconds", defaultValue = "30")
                      int breakerOpenSeconds,
                      @ConfigProperty(name = "switchboard.http.breaker-minimum-calls", defaultValue = "10")
                      int breakerMinimumCalls,
                      @ConfigProperty(name = "switchboard.http.breaker-failure-rate", defaultValue = "50")
                      int breakerFailureRate,
                      @ConfigProperty(name = "switchboard.http.rate-limits") Optional<String> rateLimits) {
        this.operatorLimits = operatorLimits(rateLimits.orElse(""));
        this.guardSettings = new VendorGuardSettings(Duration.ofSeconds(Math.max(0, retryBudgetSeconds)),
                Math.max(1, maxTries), Duration.ofMillis(Math.max(1, firstBackoffMs)),
                Duration.ofSeconds(Math.max(1, maxBackoffSeconds)), Duration.ofSeconds(Math.max(1, breakerOpenSeconds)),
                Math.max(1, breakerMinimumCalls), Math.min(100, Math.max(1, breakerFailureRate)));
        this.allowedInternalHosts = allowedInternalHosts;
        this.maxResponseBytes = maxResponseBytes;
        this.exchangeTimeoutSeconds = exchangeTimeoutSeconds;
    }

    @PostConstruct
    void open() {
        client = new PooledVendorHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofSeconds(Math.max(1, exchangeTimeoutSeconds)), Math.max(1024, maxResponseBytes),
                VendorDestinations.allowing(Arrays.stream(allowedInternalHosts.orElse("").split(","))
                        .collect(Collectors.toSet())));
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** @return the shared client, unguarded (for what belongs to no connection) */
    public VendorHttpClient client() {
        return client;
    }

    /**
     * {@code switchboard.http.rate-limits}: the operator's requests a minute per connector id, replacing what the
     * connector declares for this installation, e.g. {@code zendesk=700} where every account is on Enterprise, or a
     * high number for benchmarks against fakes; {@code 0} for none. Comma-separated {@code id=number} pairs.
     */
    private static java.util.Map<String, Double> operatorLimits(String setting) {
        java.util.Map<String, Double> limits = new java.util.HashMap<>();
        for (String pair : setting.split(",")) {
            String[] parts = pair.split("=");
            if (parts.length != 2 || parts[0].isBlank()) {
                continue;
            }
            try {
                limits.put(parts[0].strip(), Double.valueOf(parts[1].strip()));
            } catch (NumberFormatException e) {
                java.util.logging.Logger.getLogger(VendorHttp.class.getName()).warning(
                        "switchboard.http.rate-limits: '" + pair + "' is not id=number; ignored");
            }
        }
        return java.util.Map.copyOf(limits);
    }

    /**
     * @return the vendor's limit for a connector's connections in requests a minute: the operator's setting, else the
     *         connector's declaration; empty for none
     */
    public Optional<Double> connectorLimit(io.switchboard.platform.plugin.LoadedConnector connector) {
        Double operator = operatorLimits.get(connector.descriptor().id());
        if (operator != null) {
            return operator > 0 ? Optional.of(operator) : Optional.empty();
        }
        return connector.declaredRateLimit().map(io.switchboard.spi.RequestRateLimit::perMinute);
    }

    /** @return how long one event attempt's vendor requests may wait in all */
    public Duration retryBudget() {
        return guardSettings.retryBudget();
    }

    /**
     * The client a connection's connector gets: the shared one behind the connection's guard.
     *
     * @param connectionId      the connection's database id
     * @param who               the connection in plain words, for messages ("Usedesk connection 'Support'")
     * @param perMinute         the limit in force (the lower of the connector's and the tenant's), or {@code null}
     * @param connectorPerMinute the connector's declared limit, or {@code null}
     */
    VendorHttpClient clientFor(long connectionId, String who, Double perMinute, Double connectorPerMinute) {
        VendorGuard guard = guards.computeIfAbsent(connectionId,
                id -> new VendorGuard("connection-" + id, guardSettings));
        guard.limitTo(perMinute, connectorPerMinute);
        return new GuardedVendorHttpClient(client, guard, guardSettings, who);
    }

    /** @return how the connection's vendor traffic stands on this instance; empty when it sent nothing yet */
    Optional<VendorHealth> health(long connectionId) {
        return Optional.ofNullable(guards.get(connectionId)).map(VendorGuard::health);
    }

    /** Lets go of a deleted connection's guard. */
    void forget(long connectionId) {
        guards.remove(connectionId);
    }
}
