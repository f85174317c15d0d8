package io.switchboard.platform.plugin;

import io.switchboard.platform.persistence.SystemSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plugins every instance should run, as the operator left them: uploaded jars ({@code plugin_upload}), plugins
 * switched off ({@code plugin_disabled}), and each instance's heartbeat ({@code plugin_instance}). System tables,
 * read with native SQL (no tenant). The jar bytes are read only when an instance has to load them.
 */
@ApplicationScoped
public class PluginStore {

    /** An uploaded jar without its bytes. */
    public record Upload(String pluginId, String version, String sha256, int sizeBytes, String uploadedBy,
                         Instant uploadedAt) {
    }

    /** What the operator asked for: uploaded jars by plugin id and plugins switched off. */
    public record Desired(Map<String, Upload> uploads, Set<String> disabled) {
        public Desired {
            uploads = Map.copyOf(uploads);
            disabled = Set.copyOf(disabled);
        }
    }

    /** One instance's last heartbeat. */
    public record Heartbeat(String instanceId, String host, Instant startedAt, Instant seenAt, String pluginsJson) {
    }

    /** How many connections use a plugin's connectors, across tenants. */
    public record Usage(long connections, long tenants) {
    }

    @PersistenceContext(unitName = "switchboard")
    private EntityManager em;

    @Transactional
    public Desired desired() {
        Map<String, Upload> uploads = new LinkedHashMap<>();
        for (Object row : SystemSql.query(em, "SELECT plugin_id, version, sha256, size_bytes, uploaded_by, uploaded_at "
                + "FROM plugin_upload ORDER BY plugin_id").getResultList()) {
            Upload upload = upload((Object[]) row);
            uploads.put(upload.pluginId(), upload);
        }
        Set<String> disabled = new LinkedHashSet<>();
        for (Object id : SystemSql.query(em, "SELECT plugin_id FROM plugin_disabled").getResultList()) {
            disabled.add((String) id);
        }
        return new Desired(uploads, disabled);
    }

    @Transactional
    public Optional<Upload> upload(String pluginId) {
        return SystemSql.query(em, "SELECT plugin_id, version, sha256, size_bytes, uploaded_by, uploaded_at "
                        + "FROM plugin_upload WHERE plugin_id = ?1").setParameter(1, pluginId).getResultList()
                .stream().findFirst().map(row -> upload((Object[]) row));
    }

    /** @return the uploaded plugin whose jar has this checksum, if any */
    @Transactional
    public Optional<Upload> uploadWithChecksum(String sha256) {
        return SystemSql.query(em, "SELECT plugin_id, version, sha256, size_bytes, uploaded_by, uploaded_at "
                        + "FROM plugin_upload WHERE sha256 = ?1").setParameter(1, sha256).getResultList()
                .stream().findFirst().map(row -> upload((Object[]) row));
    }

    /** @return the jar's bytes when the stored jar still has this checksum (it may have been replaced meanwhile) */
    @Transactional
    public Optional<byte[]> jar(String pluginId, String sha256) {
        return SystemSql.query(em, "SELECT jar FROM plugin_upload WHERE plugin_id = ?1 AND sha256 = ?2")
                .setParameter(1, pluginId).setParameter(2, sha256).getResultList().stream().findFirst()
                .map(bytes -> (byte[]) bytes);
    }

    /** Stores the jar as the version of its plugin every instance should run (a new plugin, upgrade or replacement). */
    @Transactional
    public void save(Upload upload, byte[] jar) {
        SystemSql.query(em, "INSERT INTO plugin_upload (plugin_id, version, sha256, size_bytes, jar, uploaded_by, "
                        + "uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON DUPLICATE KEY UPDATE version = VALUES(version), "
                        + "sha256 = VALUES(sha256), size_bytes = VALUES(size_bytes), jar = VALUES(jar), "
                        + "uploaded_by = VALUES(uploaded_by), uploaded_at = VALUES(uploaded_at)")
                .setParameter(1, upload.pluginId()).setParameter(2, upload.version())
                .setParameter(3, upload.sha256()).setParameter(4, upload.sizeBytes()).setParameter(5, jar)
                .setParameter(6, upload.uploadedBy()).setParameter(7, Timestamp.from(upload.uploadedAt()))
                .executeUpdate();
    }

    /** Removes an uploaded plugin and its switch; @return true when there was one */
    @Transactional
    public boolean delete(String pluginId) {
        SystemSql.query(em, "DELETE FROM plugin_disabled WHERE plugin_id = ?1").setParameter(1, pluginId)
                .executeUpdate();
        return SystemSql.query(em, "DELETE FROM plugin_upload WHERE plugin_id = ?1").setParameter(1, pluginId)
                .executeUpdate() > 0;
    }

    @Transactional
    public void setDisabled(String pluginId, boolean disabled, String by, Instant at) {
        if (disabled) {
            SystemSql.query(em, "INSERT IGNORE INTO plugin_disabled (plugin_id, disabled_by, disabled_at) "
                            + "VALUES (?1, ?2, ?3)").setParameter(1, pluginId).setParameter(2, by)
                    .setParameter(3, Timestamp.from(at)).executeUpdate();
        } else {
            SystemSql.query(em, "DELETE FROM plugin_disabled WHERE plugin_id = ?1").setParameter(1, pluginId)
                    .executeUpdate();
        }
    }

    /** @return the connections, in all tenants, that use the plugin's connectors */
    @Transactional
    public Usage usage(String pluginId) {
        Object[] row = (Object[]) SystemSql.query(em, "SELECT COUNT(*), COUNT(DISTINCT tenant_id) FROM connection "
                + "WHERE plugin_id = ?1").setParameter(1, pluginId).getSingleResult();
        return new Usage(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /**
     * Writes this instance's heartbeat; deletes those of instances not seen for an hour (a running instance beats
     * every 10 s; one killed without stopping leaves its row behind).
     */
    @Transactional
    public void beat(Heartbeat beat) {
        SystemSql.query(em, "INSERT INTO plugin_instance (instance_id, host, started_at, seen_at, plugins_json) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON DUPLICATE KEY UPDATE seen_at = VALUES(seen_at), "
                        + "plugins_json = VALUES(plugins_json)")
                .setParameter(1, beat.instanceId()).setParameter(2, beat.host())
                .setParameter(3, Timestamp.from(beat.startedAt())).setParameter(4, Timestamp.from(beat.seenAt()))
                .setParameter(5, beat.pluginsJson()).executeUpdate();
        SystemSql.query(em, "DELETE FROM plugin_instance WHERE seen_at < ?1")
                .setParameter(1, Timestamp.from(beat.seenAt().minusSeconds(3_600))).executeUpdate();
    }

    /** Deletes this instance's heartbeat when it stops, so the operator does not wait for it to age. */
    @Transactional
    public void forget(String instanceId) {
        SystemSql.query(em, "DELETE FROM plugin_instance WHERE instance_id = ?1").setParameter(1, instanceId)
                .executeUpdate();
    }

    /** @return every instance's last heartbeat, most recently started first */
    @Transactional
    public List<Heartbeat> heartbeats() {
        return SystemSql.query(em, "SELECT instance_id, host, started_at, seen_at, plugins_json FROM plugin_instance "
                + "ORDER BY started_at DESC").getResultList().stream().map(r -> {
                    Object[] row = (Object[]) r;
                    return new Heartbeat((String) row[0], (String) row[1], instant(row[2]), instant(row[3]),
                            (String) row[4]);
                }).toList();
    }

    private static Upload upload(Object[] row) {
        return new Upload((String) row[0], (String) row[1], (String) row[2], ((Number) row[3]).intValue(),
                (String) row[4], instant(row[5]));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return Timestamp.valueOf(l).toInstant();
        }
        return (Instant) value;
    }
}
