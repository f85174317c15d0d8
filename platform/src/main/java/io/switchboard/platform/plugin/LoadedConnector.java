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
 */
public record LoadedConnector(String pluginId, ConnectorDescriptor descriptor, Connector connector,
                              ClassLoader loader, RequestRateLimit rateLimit) {

    /** A connector that declares no rate limit. */
    public LoadedConnector(String pluginId, ConnectorDescriptor descriptor, Connector connector, ClassLoader loader) {
        this(pluginId, descriptor, connector, loader, null);
    }

    /** @return the vendor's limit as the connector declares it */
    public Optional<RequestRateLimit> declaredRateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /** Calls the connector through {@link PluginInvoker}. */
    public <T> T call(Function<Connector, T> call) {
        return PluginInvoker.call(pluginId, loader, () -> call.apply(connector));
    }
}
