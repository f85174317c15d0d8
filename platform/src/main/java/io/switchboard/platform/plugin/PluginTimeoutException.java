package io.switchboard.platform.plugin;

import java.time.Duration;

/**
 * A plugin call ran past its deadline and was cut off (its thread interrupted; a pipeline worker that the plugin
 * keeps busy anyway is given up, ADR 0011). Unlike other malfunctions it may be the vendor's slowness showing
 * through, so the pipeline retries the event under its usual rules.
 */
public class PluginTimeoutException extends PluginMalfunctionException {

    private final Duration timeout;

    public PluginTimeoutException(String pluginId, Duration timeout) {
        super(pluginId, "Plugin '" + pluginId + "' did not answer within " + PluginCalls.seconds(timeout)
                + "; the call was cut off");
        this.timeout = timeout;
    }

    /** @return the deadline the call ran past */
    public Duration timeout() {
        return timeout;
    }
}
