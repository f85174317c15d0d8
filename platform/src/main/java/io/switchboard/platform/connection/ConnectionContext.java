package io.switchboard.platform.connection;

import io.switchboard.spi.ConnectionInfo;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.KeyValueStore;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.http.VendorHttpClient;
import java.time.Clock;

/** What a connector gets for one call on behalf of one connection. */
record ConnectionContext(ConnectionInfo connection, ConfigValues config, VendorHttpClient http, KeyValueStore store,
                         Clock clock, System.Logger log) implements ConnectorContext {

    @Override
    public String toString() {
        // never the configuration's values or the inbound URL (it carries a token)
        return "ConnectionContext[" + connection.connectionId() + "]";
    }
}
