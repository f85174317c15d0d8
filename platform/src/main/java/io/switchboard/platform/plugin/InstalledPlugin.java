package io.switchboard.platform.plugin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The durable record of a plugin the platform has loaded or tried to load: survives restarts, so the operator sees
 * since when a plugin is installed and whether its jar changed (checksum).
 */
@Entity
@Table(name = "installed_plugin")
public class InstalledPlugin {

    @Id
    @Column(name = "plugin_id", length = 100)
    private String pluginId;

    @Column(nullable = false, length = 50)
    private String version;

    @Column(name = "jar_file", nullable = false)
    private String jarFile;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PluginStatus state;

    @Column(name = "failure_reason", length = 1000)
    private String failureReason;

    @Column(nullable = false, length = 100)
    private String kinds;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Column(name = "last_loaded_at", nullable = false)
    private Instant lastLoadedAt;

    protected InstalledPlugin() {
        // for JPA
    }

    InstalledPlugin(String pluginId, Instant firstSeenAt) {
        this.pluginId = pluginId;
        this.firstSeenAt = firstSeenAt;
    }

    /** Copies the outcome of this start's load attempt. */
    void recordLoad(PluginReport report, Instant at) {
        this.version = report.version() == null ? "" : report.version();
        this.jarFile = report.jarFile();
        this.sha256 = report.sha256();
        this.state = report.status();
        this.failureReason = report.reason() == null ? null : truncate(report.reason(), 1000);
        this.kinds = String.join(",", report.kinds().stream().map(Enum::name).toList());
        this.lastLoadedAt = at;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    public String pluginId() {
        return pluginId;
    }

    public String sha256() {
        return sha256;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastLoadedAt() {
        return lastLoadedAt;
    }
}
