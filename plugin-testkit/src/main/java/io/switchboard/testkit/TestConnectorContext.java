package io.switchboard.testkit;

import io.switchboard.spi.ConnectionInfo;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.KeyValueStore;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.http.JdkVendorHttpClient;
import io.switchboard.spi.http.VendorHttpClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real {@link ConnectorContext} for connector tests: the SPI's JDK HTTP client (2 s connect, 10 s request
 * timeout, as the platform's), an in-memory key-value store, a fixed clock unless one is given.
 *
 * <pre>{@code
 * ConnectorContext ctx = TestConnectorContext.with(Map.of("api_token", "T0K3N", "base_url", fake.baseUrl()));
 * }</pre>
 */
public final class TestConnectorContext implements ConnectorContext {

    private final ConfigValues config;
    private final Clock clock;
    private final VendorHttpClient http;
    private final InMemoryStore store = new InMemoryStore();
    private final ConnectionInfo connection;

    public TestConnectorContext(Map<String, ?> config, Clock clock) {
        this.config = ConfigValues.of(new LinkedHashMap<>(config));
        this.clock = clock;
        this.http = new JdkVendorHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(10));
        this.connection = new ConnectionInfo("test-tenant", "test-connection", "Test connection",
                URI.create("http://127.0.0.1/hooks/test-connection/test-token"));
    }

    /** @return a context with this configuration and a clock fixed at 2024-05-02T10:00:00Z */
    public static TestConnectorContext with(Map<String, ?> config) {
        return new TestConnectorContext(config, Clock.fixed(Instant.parse("2024-05-02T10:00:00Z"), ZoneOffset.UTC));
    }

    @Override
    public ConnectionInfo connection() {
        return connection;
    }

    @Override
    public ConfigValues config() {
        return config;
    }

    @Override
    public VendorHttpClient http() {
        return http;
    }

    @Override
    public KeyValueStore store() {
        return store;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public System.Logger log() {
        return System.getLogger("switchboard.test-connection");
    }

    /** The store's content, for assertions. */
    public Map<String, String> storedValues() {
        return Map.copyOf(store.values);
    }

    private static final class InMemoryStore implements KeyValueStore {
        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public void put(String key, String value) {
            values.put(key, value);
        }

        @Override
        public void remove(String key) {
            values.remove(key);
        }
    }
}
