package io.switchboard.platform.api;

import io.switchboard.platform.plugin.ConnectorInfo;
import io.switchboard.platform.plugin.InstalledPlugin;
import io.switchboard.platform.plugin.InstanceVersion;
import io.switchboard.platform.plugin.PluginEntry;
import io.switchboard.spi.ConnectorKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A plugin as the API shows it: how this instance serves it, its durable record, and what every instance runs.
 *
 * @param id          plugin id, or {@code null} for a jar that could not be read
 * @param version     plugin version
 * @param requires    SPI version range it declares
 * @param jarFile     file name (in the plugins directory for bundled jars)
 * @param sha256      checksum of the jar
 * @param state       STARTED, FAILING, DISABLED, FAILED, INCOMPATIBLE or REPLACED (on the instance that answers)
 * @param reason      why it is not started or why it is failing, or {@code null}
 * @param kinds       kinds of its connectors
 * @param connectors  its connectors
 * @param firstSeenAt when the platform first saw this plugin id (bundled) or when it was uploaded, or {@code null}
 * @param source      BUNDLED (plugins directory) or UPLOADED (by the operator, stored in the database)
 * @param instances   what each platform instance runs of it, from their heartbeats
 */
public record PluginView(String id, String version, String requires, String jarFile, String sha256, String state,
                         String reason, Set<ConnectorKind> kinds, List<ConnectorInfo> connectors,
                         Instant firstSeenAt, String source, List<InstanceVersion> instances) {

    static PluginView of(PluginEntry entry, InstalledPlugin installed, Instant uploadedAt,
                         List<InstanceVersion> instances) {
        var report = entry.report();
        Instant since = entry.source() == PluginEntry.Source.UPLOADED ? uploadedAt
                : installed == null ? null : installed.firstSeenAt();
        return new PluginView(report.pluginId(), report.version(), report.requires(), report.jarFile(),
                report.sha256(), entry.state(), entry.reason(), report.kinds(), report.connectors(), since,
                entry.source().name(), instances == null ? List.of() : instances);
    }
}
