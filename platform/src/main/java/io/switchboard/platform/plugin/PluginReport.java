package io.switchboard.platform.plugin;

import io.switchboard.spi.ConnectorKind;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fate of one plugin jar at load time, as the platform operator sees it.
 *
 * @param pluginId   the manifest's {@code Plugin-Id}, or {@code null} when the jar could not be read
 * @param version    the manifest's {@code Plugin-Version}, or {@code null}
 * @param requires   the manifest's {@code Plugin-Requires} (SPI range), or {@code null}
 * @param jarFile    file name in the plugins directory
 * @param sha256     checksum of the jar, hex
 * @param status     started, incompatible or failed
 * @param reason     why it is not started, in plain words; {@code null} when started
 * @param connectors the connectors it provides (empty unless started)
 */
public record PluginReport(String pluginId, String version, String requires, String jarFile, String sha256,
                           PluginStatus status, String reason, List<ConnectorInfo> connectors) {

    public PluginReport {
        connectors = connectors == null ? List.of() : List.copyOf(connectors);
    }

    /** @return the kinds of its connectors, sorted */
    public Set<ConnectorKind> kinds() {
        TreeSet<ConnectorKind> kinds = new TreeSet<>();
        connectors.forEach(c -> kinds.add(c.kind()));
        return kinds;
    }
}
