package io.switchboard.platform.connection;

import io.switchboard.spi.ConnectionInfo;
import io.switchboard.spi.config.ConfigValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a connector's context holds of one version of a connection: its settings with the secrets decrypted, its
 * identity and logger. Kept per connection for the pipeline, which otherwise parsed the settings, decrypted the
 * secrets and the inbound token and built the inbound URL for every event (≈ 11 % of a worker's CPU, issue #5). An
 * entry counts only for the version of the connection it was made from: any change bumps the version. Held in
 * memory only, like the inbound routes' settings ({@code InboundRoutes}).
 */
final class OpenedSettings {

    /** One version of a connection, opened. */
    record Opened(long tenantId, long version, long pluginsGeneration, ConnectionInfo info, ConfigValues values,
                  ConnectionLogger log) {
    }

    private static final int MAX_ENTRIES = 1_000;

    private final Map<Long, Opened> byConnection = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Opened> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * @return the opened settings of this version of the connection, made by {@code open} when not at hand or when
     *         the plugins changed since (an upgraded connector may read its settings differently; ADR 0011)
     */
    Opened of(Connection connection, long tenantId, long pluginsGeneration, Supplier<Opened> open) {
        Optional<Opened> cached;
        synchronized (byConnection) {
            cached = Optional.ofNullable(byConnection.get(connection.id()))
                    .filter(o -> o.version() == connection.version() && o.tenantId() == tenantId
                            && o.pluginsGeneration() == pluginsGeneration);
        }
        if (cached.isPresent()) {
            return cached.get();
        }
        Opened opened = open.get();
        synchronized (byConnection) {
            byConnection.put(connection.id(), opened);
        }
        return opened;
    }

    /** Forgets a connection, e.g. when it was deleted. */
    void forget(long connectionId) {
        synchronized (byConnection) {
            byConnection.remove(connectionId);
        }
    }
}
