package io.switchboard.testkit;

import io.switchboard.spi.ConnectionInfo;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.KeyValueStore;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.http.JdkVendorHttpClient;
import io.switchboard.spi.http.VendorHttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real {@link ConnectorContext} for connector tests: the SPI's {@link JdkVendorHttpClient} (2 s connect, 10 s
 * request timeout), an in-memory key-value store, a {@link TestClock} standing at {@link #DEFAULT_NOW} unless
 * another clock is given, a {@link RecordingLogger} and a connection with dummy ids.
 *
 * <pre>{@code
 * TestConnectorContext ctx = TestConnectorContext.builder()
 *         .config(Map.of("api_token", "T0K3N", "region", "custom", "base_url", fake.baseUrl()))
 *         .build();
 * ctx.testClock().advance(Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>Each instance has its own store and clock; nothing is shared between tests.
 */
public final class TestConnectorContext implements ConnectorContext {

    /** Where the default clock stands: a fixed, recognisable instant so time-dependent output is reproducible. */
    public static final Instant DEFAULT_NOW = Instant.parse("2024-05-02T10:00:00Z");

    /** The SPI's documented limit for one stored value. */
    static final int MAX_VALUE_BYTES = 4096;

    private final ConfigValues config;
    private final Clock clock;
    private final VendorHttpClient http;
    private final InMemoryStore store = new InMemoryStore();
    private final ConnectionInfo connection;
    private final RecordingLogger logger;

    private TestConnectorContext(Builder builder) {
        this.config = ConfigValues.of(builder.config);
        this.clock = builder.clock;
        this.http = builder.http;
        this.connection = builder.connection;
        this.logger = new RecordingLogger("switchboard.connector." + connection.connectionId());
    }

    /** @return a builder with no settings, the default clock, the JDK HTTP client and dummy connection ids */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a context with this configuration and everything else as in {@link #builder()} */
    public static TestConnectorContext with(Map<String, ?> config) {
        return builder().config(config).build();
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
        return logger;
    }

    /** @return the logger handed to the connector, with everything it logged */
    public RecordingLogger logger() {
        return logger;
    }

    /**
     * @return the clock as a {@link TestClock}, to move time
     * @throws IllegalStateException when the builder was given a clock of another type
     */
    public TestClock testClock() {
        if (clock instanceof TestClock testClock) {
            return testClock;
        }
        throw new IllegalStateException("this context was built with " + clock + ", not a TestClock");
    }

    /** @return a snapshot of the store's content, for assertions */
    public Map<String, String> storedValues() {
        return Map.copyOf(store.values);
    }

    /** Builds a {@link TestConnectorContext}; every part has a default. */
    public static final class Builder {

        private final Map<String, Object> config = new LinkedHashMap<>();
        private Clock clock = TestClock.at(DEFAULT_NOW);
        private VendorHttpClient http;
        private ConnectionInfo connection = new ConnectionInfo("test-tenant", "test-connection", "Test connection",
                URI.create("http://127.0.0.1/hooks/test-connection/test-url-token"));

        private Builder() {
        }

        /** Adds these settings (typed as {@link ConfigValues} expects: String, Long, Boolean, lists). */
        public Builder config(Map<String, ?> values) {
            values.forEach(this::set);
            return this;
        }

        /** Sets one setting; {@code null} removes it. */
        public Builder set(String key, Object value) {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
            return this;
        }

        /** Uses this clock instead of a {@link TestClock} at {@link #DEFAULT_NOW}. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Uses this HTTP client instead of the JDK one (e.g. a stub that records requests). */
        public Builder http(VendorHttpClient value) {
            http = Objects.requireNonNull(value, "http");
            return this;
        }

        /** Uses this connection identity instead of the dummy one. */
        public Builder connection(ConnectionInfo value) {
            connection = Objects.requireNonNull(value, "connection");
            return this;
        }

        /** @return the context */
        public TestConnectorContext build() {
            if (http == null) {
                // Created per context, not shared: a test that breaks the client cannot affect another test.
                http = new JdkVendorHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(10));
            }
            return new TestConnectorContext(this);
        }
    }

    /** Enforces what the SPI documents (no nulls, values up to 4 KiB) so a connector's misuse fails in its tests. */
    private static final class InMemoryStore implements KeyValueStore {
        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(Objects.requireNonNull(key, "key")));
        }

        @Override
        public void put(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            int size = value.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("value for '" + key + "' has " + size
                        + " bytes; the store takes up to " + MAX_VALUE_BYTES);
            }
            values.put(key, value);
        }

        @Override
        public void remove(String key) {
            values.remove(Objects.requireNonNull(key, "key"));
        }
    }
}
