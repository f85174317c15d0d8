package io.switchboard.platform.api;

import io.switchboard.platform.plugin.ConnectorInfo;
import io.switchboard.platform.plugin.InstalledPlugin;
import io.switchboard.platform.plugin.PluginReport;
import io.switchboard.spi.ConnectorKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A plugin as the API shows it: this start's load outcome plus its durable record.
 *
 * @param id          plugin id, or {@code null} for a jar that could not be read
 * @param version     plugin version
 * @param requires    SPI version range it declares
 * @param jarFile     file name in the plugins directory
 * @param sha256      checksum of the jar
 * @param state       STARTED, INCOMPATIBLE or FAILED
 * @param reason      why it is not started, or {@code null}
 * @param kinds       kinds of its connectors
 * @param connectors  its connectors
 * @param firstSeenAt when the platform first saw this plugin id, or {@code null}
 */
public record PluginView(String id, String version, String requires, String jarFile, String sha256, String state,
                         String reason, Set<ConnectorKind> kinds, List<ConnectorInfo> connectors,
                         Instant firstSeenAt) {

    static PluginView of(PluginReport report, InstalledPlugin installed) {
        return new PluginView(report.pluginId(), report.version(), report.requires(), report.jarFile(),
                report.sha256(), report.status().name(), report.reason(), report.kinds(), report.connectors(),
                installed == null ? null : installed.firstSeenAt());
    }
}
