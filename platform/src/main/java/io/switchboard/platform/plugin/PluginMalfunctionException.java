package io.switchboard.platform.plugin;

/**
 * A plugin broke its contract: threw something other than the SPI's exceptions, or references classes it cannot
 * load, or did not answer in time ({@link PluginTimeoutException}). The message names the plugin and the error.
 */
public class PluginMalfunctionException extends RuntimeException {

    private final String pluginId;

    public PluginMalfunctionException(String pluginId, Throwable cause) {
        super("Plugin '" + pluginId + "' failed: " + Failures.describe(cause), cause);
        this.pluginId = pluginId;
    }

    protected PluginMalfunctionException(String pluginId, String message) {
        super(message);
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }
}
