package io.switchboard.platform.inbound;

import io.switchboard.spi.ConnectionInfo;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.KeyValueStore;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.http.JdkVendorHttpClient;
import io.switchboard.spi.http.VendorHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The context of {@code verify}, {@code keys} and {@code acknowledge}: the connection's settings and identity, but
 * no state store (these run before the event is stored and must stay cheap and side-effect free).
 */
final class VerifyContext implements ConnectorContext {

    private static final VendorHttpClient HTTP = new JdkVendorHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5));
    private static final KeyValueStore NO_STATE = new KeyValueStore() {
        @Override
        public Optional<String> get(String key) {
            throw unavailable();
        }

        @Override
        public void put(String key, String value) {
            throw unavailable();
        }

        @Override
        public void remove(String key) {
            throw unavailable();
        }

        private UnsupportedOperationException unavailable() {
            return new UnsupportedOperationException("connection state is not available while an inbound request "
                    + "is verified; use it when the event is parsed");
        }
    };

    private final InboundRoute route;

    VerifyContext(InboundRoute route) {
        this.route = route;
    }

    @Override
    public ConnectionInfo connection() {
        return route.info();
    }

    @Override
    public ConfigValues config() {
        return route.config();
    }

    @Override
    public VendorHttpClient http() {
        return HTTP;
    }

    @Override
    public KeyValueStore store() {
        return NO_STATE;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public System.Logger log() {
        return route.log();
    }
}
