package io.switchboard.platform.plugin;

import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorDescriptor;
import java.util.function.Function;

/**
 * A connector instance from a started plugin, with what is needed to call it safely.
 *
 * @param pluginId   the plugin that provides it
 * @param descriptor its descriptor, read once at load time
 * @param connector  the instance (shared by all connections)
 * @param loader     the plugin's class loader
 */
public record LoadedConnector(String pluginId, ConnectorDescriptor descriptor, Connector connector,
                              ClassLoader loader) {

    /** Calls the connector through {@link PluginInvoker}. */
    public <T> T call(Function<Connector, T> call) {
        return PluginInvoker.call(pluginId, loader, () -> call.apply(connector));
    }
}
