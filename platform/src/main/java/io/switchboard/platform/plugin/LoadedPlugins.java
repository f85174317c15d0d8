package io.switchboard.platform.plugin;

import java.util.List;
import java.util.Map;

/**
 * The outcome of loading the plugins directory.
 *
 * @param reports    one report per jar, in file-name order
 * @param connectors started connectors by connector id
 */
public record LoadedPlugins(List<PluginReport> reports, Map<String, LoadedConnector> connectors) {

    public LoadedPlugins {
        reports = List.copyOf(reports);
        connectors = Map.copyOf(connectors);
    }

    public static LoadedPlugins none() {
        return new LoadedPlugins(List.of(), Map.of());
    }
}
