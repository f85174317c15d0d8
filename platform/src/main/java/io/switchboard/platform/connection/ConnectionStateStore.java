package io.switchboard.platform.connection;

import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.spi.KeyValueStore;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Optional;

/**
 * The SPI's {@link KeyValueStore} for one connection, in {@code connection_state}, through the tenant's entity
 * manager (so a connector can only ever see its own tenant's state). Writes join the caller's transaction.
 */
final class ConnectionStateStore implements KeyValueStore {

    private static final int MAX_KEY = 200;
    private static final int MAX_VALUE = 4096;

    private final TenantEntityManager tenantData;
    private final io.switchboard.platform.persistence.TenantWrites writes;
    private final long connectionId;
    private final Clock clock;

    ConnectionStateStore(TenantEntityManager tenantData, io.switchboard.platform.persistence.TenantWrites writes,
                         long connectionId, Clock clock) {
        this.tenantData = tenantData;
        this.writes = writes;
        this.connectionId = connectionId;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(entry(tenantData.em(), key)).map(ConnectionStateEntry::value);
    }

    @Override
    public void put(String key, String value) {
        if (key.length() > MAX_KEY || value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("connection state keys hold up to " + MAX_KEY
                    + " characters and values up to " + MAX_VALUE);
        }
        writes.run(() -> {
            EntityManager em = tenantData.em();
            ConnectionStateEntry entry = entry(em, key);
            if (entry == null) {
                em.persist(new ConnectionStateEntry(connectionId, key, value, clock.instant()));
            } else {
                entry.replace(value, clock.instant());
            }
            em.flush();
            return null;
        });
    }

    @Override
    public void remove(String key) {
        writes.run(() -> {
            EntityManager em = tenantData.em();
            ConnectionStateEntry entry = entry(em, key);
            if (entry != null) {
                em.remove(entry);
                em.flush();
            }
            return null;
        });
    }

    private ConnectionStateEntry entry(EntityManager em, String key) {
        return em.find(ConnectionStateEntry.class, new ConnectionStateEntry.Key(connectionId, key));
    }
}
