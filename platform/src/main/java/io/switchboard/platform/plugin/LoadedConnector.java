package io.switchboard.platform.plugin;

import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.RequestRateLimit;
import java.util.Optional;
import java.util.function.Function;

/**
 * A connector instance from a started plugin, with what is needed to call it safely.
 *
 * @param pluginId   the plugin that provides it
 * @param descriptor its descriptor, read once at load time
 * @param connector  the instance (shared by all connections)
 * @param loader     the plugin's class loader
 * @param rateLimit  the vendor's request-rate limit the connector declares ({@link Connector#requestRateLimit()}),
 *                   read once at load time; {@code null} for none
 * @param live       the loaded version it belongs to (deadline, health, calls in progress); {@code null} while it is
 *                   only being validated
 */
public record LoadedConnector(String pluginId, ConnectorDescriptor descriptor, Connector connector,
                              ClassLoader loader, RequestRateLimit rateLimit, LiveVersion live) {

    /** A connector that declares no rate limit and serves no calls yet. */
    public LoadedConnector(String pluginId, ConnectorDescriptor descriptor, Connector connector, ClassLoader loader) {
        this(pluginId, descriptor, connector, loader, null, null);
    }

    /** @return the vendor's limit as the connector declares it */
    public Optional<RequestRateLimit> declaredRateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /** @return this connector, serving calls as part of that loaded version */
    LoadedConnector servedBy(LiveVersion version) {
        return new LoadedConnector(pluginId, descriptor, connector, loader, rateLimit, version);
    }

    /**
     * Calls the connector through {@link PluginInvoker}, within the plugin's deadline ({@link PluginCalls}).
     *
     * @throws PluginTimeoutException when the plugin did not answer in time
     */
    public <T> T call(Function<Connector, T> call) {
        if (live == null) {
            return PluginInvoker.call(pluginId, loader, () -> call.apply(connector));
        }
        return live.call(loader, () -> call.apply(connector));
    }
}
