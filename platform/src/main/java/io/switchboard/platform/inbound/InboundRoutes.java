package io.switchboard.platform.inbound;

import io.switchboard.platform.connection.ConnectionChanged;
import io.switchboard.platform.connection.ConnectionLogger;
import io.switchboard.platform.connection.StoredSettings;
import io.switchboard.platform.persistence.SystemSql;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.secret.SealedSecret;
import io.switchboard.platform.secret.SecretKeyRing;
import io.switchboard.spi.ConnectionInfo;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Finds the connection an inbound URL belongs to. This is the webhook router of ADR 0004: it runs before any tenant
 * is known, so it reads the connection row by its public id with system SQL; everything after it is scoped to the
 * connection's tenant. Routes are cached for a few seconds (webhooks arrive in bursts; decrypting settings for each
 * would cost more than storing the event); a change on this instance evicts once it is committed
 * ({@link ConnectionChanged}, before the changing request answers), other instances within {@link #TTL}.
 */
@ApplicationScoped
public class InboundRoutes {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Cached(Optional<InboundRoute> route, long loadedAtNanos) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Counts evictions, so that a load that overlapped one does not put back what it read before the commit. */
    private final AtomicLong evictions = new AtomicLong();

    @PersistenceContext(unitName = "switchboard")
    private EntityManager em;

    private PluginHost plugins;
    private SecretKeyRing keys;

    protected InboundRoutes() {
        // for the CDI proxy
    }

    @Inject
    public InboundRoutes(PluginHost plugins, SecretKeyRing keys) {
        this.plugins = plugins;
        this.keys = keys;
    }

    /**
     * @param baseUrl the platform's public base URL, asked only when the route is not cached
     * @return the route of this public id, if such a connection exists (active or not)
     */
    public Optional<InboundRoute> find(String publicId, Supplier<String> baseUrl) {
        long now = System.nanoTime();
        Cached cached = cache.get(publicId);
        if (cached != null && now - cached.loadedAtNanos() < TTL.toNanos()) {
            return cached.route();
        }
        long evictionsBefore = evictions.get();
        Optional<InboundRoute> route = load(publicId, baseUrl.get());
        if (evictions.get() == evictionsBefore) {
            if (cache.size() > 10_000) {
                cache.clear(); // bounded: random ids must not grow it without limit
            }
            cache.put(publicId, new Cached(route, now));
        }
        return route;
    }

    /**
     * Forgets a connection's route once its change or deletion on this instance has completed. Synchronous, in the
     * changing request's thread: the old token is refused as soon as that request has answered.
     */
    void evict(@Observes(during = TransactionPhase.AFTER_COMPLETION) ConnectionChanged change) {
        evictions.incrementAndGet();
        cache.remove(change.publicId());
    }

    private Optional<InboundRoute> load(String publicId, String baseUrl) {
        List<?> rows = SystemSql.query(em, "SELECT c.id, c.tenant_id, c.connector_id, c.name, c.config_json, "
                        + "c.secrets_cipher, c.secrets_key_id, c.inbound_token_cipher, c.inbound_token_key_id, "
                        + "c.enabled AND t.status = 'ACTIVE' FROM connection c JOIN tenant t ON t.id = c.tenant_id "
                        + "WHERE c.public_id = ?1")
                .setParameter(1, publicId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        long connectionId = ((Number) row[0]).longValue();
        long tenantId = ((Number) row[1]).longValue();
        String connectorId = (String) row[2];
        String token = keys.open(new SealedSecret((String) row[8], (byte[]) row[7]),
                StoredSettings.inboundTokenContext(publicId));
        Map<String, Object> values = new LinkedHashMap<>();
        Optional<LoadedConnector> connector = plugins.connector(connectorId);
        if (connector.isPresent()) {
            ConfigSchema schema = connector.get().descriptor().configSchema();
            values.putAll(StoredSettings.readPlain(schema, (String) row[4]));
            if (row[5] != null) {
                values.putAll(StoredSettings.openSecrets(publicId, new SealedSecret((String) row[6], (byte[]) row[5]),
                        keys));
            }
        }
        boolean active = row[9] instanceof Boolean b ? b : row[9] instanceof Number n && n.intValue() != 0;
        URI inboundUrl;
        try {
            inboundUrl = URI.create(baseUrl + "/hooks/" + publicId + "/" + token);
        } catch (IllegalArgumentException e) {
            // Not the URL in the message: it holds the inbound token.
            throw new IllegalStateException("switchboard.public-url does not make a valid URL");
        }
        ConnectionInfo info = new ConnectionInfo(String.valueOf(tenantId), publicId, (String) row[3], inboundUrl);
        return Optional.of(new InboundRoute(tenantId, connectionId, connectorId, token, active, info,
                ConfigValues.of(values), new ConnectionLogger(connectorId, publicId)));
    }
}
