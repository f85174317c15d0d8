package io.switchboard.platform.plugin;

/**
 * A plugin broke its contract: threw something other than the SPI's exceptions, or references classes it cannot
 * load. Treated as a permanent failure of the call; the message names the plugin and the error.
 */
public class PluginMalfunctionException extends RuntimeException {

    private final String pluginId;

    public PluginMalfunctionException(String pluginId, Throwable cause) {
        super("Plugin '" + pluginId + "' failed: " + Failures.describe(cause), cause);
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }
}
