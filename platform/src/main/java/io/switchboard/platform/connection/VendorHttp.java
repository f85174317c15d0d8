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
 * {@code switchboard.http.exchange-timeout-seconds}.
 */
@ApplicationScoped
public class VendorHttp {

    private Optional<String> allowedInternalHosts;
    private long maxResponseBytes;
    private int exchangeTimeoutSeconds;
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
                      int exchangeTimeoutSeconds) {
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

    /** @return the shared client */
    public VendorHttpClient client() {
        return client;
    }
}
