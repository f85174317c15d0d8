package io.switchboard.platform.plugin;

import io.switchboard.spi.error.ConnectorException;
import java.util.function.Supplier;

/**
 * The one way platform code calls into a plugin: sets the thread context class loader to the plugin's (JSON
 * libraries and ServiceLoader look classes up through it) and turns anything but the SPI's own exceptions into a
 * {@link PluginMalfunctionException} naming the plugin, so a misbehaving plugin is reported, not fatal.
 */
public final class PluginInvoker {

    private PluginInvoker() {
    }

    /**
     * Runs the call with the plugin's class loader as context loader.
     *
     * @throws ConnectorException         as thrown by the connector (transient, permanent, rejected)
     * @throws PluginMalfunctionException for any other exception or linkage error
     */
    public static <T> T call(String pluginId, ClassLoader pluginLoader, Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(pluginLoader);
        try {
            return call.get();
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new PluginMalfunctionException(pluginId, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
