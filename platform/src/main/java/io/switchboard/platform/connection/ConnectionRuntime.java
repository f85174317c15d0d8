package io.switchboard.platform.connection;

import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.persistence.TenantWrites;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.secret.SecretKeyRing;
import io.switchboard.spi.ConnectionInfo;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime side of connections: opens the context a connector gets for a connection (its settings with the
 * secrets decrypted, identity, HTTP client, state store), for the pipeline, the flows and the checks of
 * {@link ConnectionService}. Called without a signed-in user (a pipeline worker bound to the event's tenant), so it
 * checks no role: the tenant-facing side does that before it gets here. Works on the current request's tenant
 * ({@link TenantEntityManager}).
 */
@ApplicationScoped
public class ConnectionRuntime {

    private final Clock clock = Clock.systemUTC();
    private final OpenedSettings openedSettings = new OpenedSettings();

    private TenantEntityManager tenantData;
    private PluginHost plugins;
    private SecretKeyRing keys;
    private PublicUrl publicUrl;
    private TenantWrites writes;
    private VendorHttp http;

    protected ConnectionRuntime() {
        // for the CDI proxy
    }

    @Inject
    public ConnectionRuntime(TenantEntityManager tenantData, PluginHost plugins, SecretKeyRing keys,
                             PublicUrl publicUrl, TenantWrites writes, VendorHttp http) {
        this.tenantData = tenantData;
        this.plugins = plugins;
        this.keys = keys;
        this.publicUrl = publicUrl;
        this.writes = writes;
        this.http = http;
    }

    /** @return the typed settings (secrets decrypted) the connector gets, for the platform's own use */
    public ConnectorContext contextOf(Connection connection) {
        long tenantId = tenantData.tenantId();
        long pluginsGeneration = plugins.generation();
        OpenedSettings.Opened opened = openedSettings.of(connection, tenantId, pluginsGeneration, () -> {
            ConfigSchema schema = plugins.connector(connection.connectorId()).orElseThrow(() -> new NotFoundException(
                    "No connector '" + connection.connectorId() + "' is running on the platform"))
                    .descriptor().configSchema();
            Map<String, Object> values = new LinkedHashMap<>(StoredSettings.readPlain(schema, connection.configJson()));
            values.putAll(StoredSettings.openSecrets(connection, keys));
            ConnectionInfo info = new ConnectionInfo(String.valueOf(tenantId), connection.publicId(),
                    connection.name(), inboundUri(connection));
            return new OpenedSettings.Opened(tenantId, connection.version(), pluginsGeneration, info,
                    ConfigValues.of(values),
                    new ConnectionLogger(connection.connectorId(), connection.publicId()));
        });
        return new ConnectionContext(opened.info(), opened.values(), httpOf(connection),
                new ConnectionStateStore(tenantData, writes, connection.id(), clock), clock, opened.log());
    }

    /**
     * The connection's guarded client (ADR 0009): kept under the lower of the connector's declared limit and the
     * tenant's, behind the connection's circuit breaker.
     */
    private io.switchboard.spi.http.VendorHttpClient httpOf(Connection connection) {
        java.util.Optional<io.switchboard.platform.plugin.LoadedConnector> connector =
                plugins.connector(connection.connectorId());
        Double declared = connector.flatMap(http::connectorLimit).orElse(null);
        Integer own = connection.requestsPerMinute();
        Double inForce = declared;
        if (own != null) {
            inForce = declared == null ? Double.valueOf(own) : Double.valueOf(Math.min(declared, own));
        }
        String who = connector.map(c -> c.descriptor().displayName()).orElse(connection.connectorId())
                + " connection '" + connection.name() + "'";
        return http.clientFor(connection.id(), who, inForce, declared);
    }

    /** @return the vendor's limit for the connector's connections, requests a minute (see {@link VendorHttp}) */
    public java.util.Optional<Double> connectorLimit(io.switchboard.platform.plugin.LoadedConnector connector) {
        return http.connectorLimit(connector);
    }

    /** @return how the connection's vendor traffic stands on this instance, if it sent any */
    java.util.Optional<VendorHealth> healthOf(Connection connection) {
        return http.health(connection.id());
    }

    /** Lets go of a deleted connection's opened settings and guard. */
    void forget(long connectionId) {
        openedSettings.forget(connectionId);
        http.forget(connectionId);
    }

    /** @return the path of the connection's inbound URL, with its token */
    String inboundPath(Connection connection) {
        String token = keys.open(connection.inboundToken(), StoredSettings.inboundTokenContext(connection.publicId()));
        return "/hooks/" + connection.publicId() + "/" + token;
    }

    /**
     * For the context plugins get, which is cached across requests: never from a request's {@code Host}. A base URL
     * that makes no URI is a configuration error, reported without the URL (it holds the inbound token).
     */
    private URI inboundUri(Connection connection) {
        try {
            return URI.create(publicUrl.fixedBase() + inboundPath(connection));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("switchboard.public-url does not make a valid URL");
        }
    }
}
