package io.switchboard.spi;

import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.http.VendorHttpClient;
import java.time.Clock;

/**
 * What the platform hands a connector for one call: the connection's configuration and the services a connector
 * may use. Plugins get services only through this object, never through CDI or static lookups (plugin classes are
 * loaded by PF4J class loaders that CDI does not see).
 */
public interface ConnectorContext {

    /** @return which tenant and connection this call is for */
    ConnectionInfo connection();

    /** @return the connection's configuration, secrets decrypted; never log secret values */
    ConfigValues config();

    /**
     * @return the HTTP client to call the vendor with: bounded timeouts, response classification into transient and
     *         permanent failures, secrets redacted from logs
     */
    VendorHttpClient http();

    /** @return durable key-value state private to this connection */
    KeyValueStore store();

    /** @return the clock to use instead of {@code Instant.now()}, so tests can control time */
    Clock clock();

    /** @return a logger bound to the tenant and connection; never pass it secrets */
    System.Logger log();
}
