package io.switchboard.platform.plugin;

import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.security.SwitchboardPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform operator's plugin actions (ADR 0011): upload (install, upgrade, replace), switch off and on, remove.
 * Only the operator adds code (ADR 0002, trust model); each action checks the role itself. A jar is validated in
 * isolation before anything is stored; a change is stored in the database, applied on this instance at once and
 * on the others at their next poll.
 */
@ApplicationScoped
public class PluginUploads {

    private static final Logger AUDIT = Logger.getLogger("io.switchboard.audit");
    /** A plugin id names folders and files; PF4J itself accepts almost anything. */
    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]{0,49}");

    /**
     * What an upload did.
     *
     * @param created true when a jar was stored (new plugin, upgrade, replacement); false when the same jar was
     *                already installed
     * @param entry   the plugin as this instance now serves it
     */
    public record Uploaded(boolean created, PluginEntry entry) {
    }

    private PluginHost host;
    private PluginStore store;
    private CallerAccess access;
    private long maxBytes;

    protected PluginUploads() {
        // for the CDI proxy
    }

    @Inject
    public PluginUploads(PluginHost host, PluginStore store, CallerAccess access,
                         @ConfigProperty(name = "switchboard.plugins.max-upload-bytes", defaultValue = "10485760")
                         long maxBytes) {
        this.host = host;
        this.store = store;
        this.access = access;
        this.maxBytes = maxBytes;
    }

    /** @return the largest jar accepted, in bytes */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Validates the jar in isolation, then stores it as the version every instance runs.
     *
     * @param replace allow replacing an installed jar of the same version with other bytes
     * @throws PluginRefusedException when the jar is refused; nothing was stored or changed then
     */
    public Uploaded upload(byte[] jar, boolean replace) {
        SwitchboardPrincipal operator = access.require(Role.PLATFORM_OPERATOR);
        if (jar.length == 0) {
            throw new PluginRefusedException(422, "The body is empty; send the plugin jar's bytes");
        }
        if (jar.length > maxBytes) {
            throw new PluginRefusedException(413, "The jar has " + jar.length + " bytes; at most " + maxBytes
                    + " are accepted (switchboard.plugins.max-upload-bytes)");
        }
        String sha256 = sha256(jar);
        Optional<PluginStore.Upload> same = store.uploadWithChecksum(sha256);
        if (same.isPresent()) {
            return new Uploaded(false, entry(same.get().pluginId()).orElseThrow()); // validated when it was stored
        }
        PluginReport report = host.validate(jar);
        if (report.status() != PluginStatus.STARTED) {
            throw new PluginRefusedException(422, "The jar was refused: " + report.reason());
        }
        String id = report.pluginId();
        String version = report.version();
        if (!PLUGIN_ID.matcher(id).matches()) {
            throw new PluginRefusedException(422, "The jar was refused: Plugin-Id '" + id + "' must match "
                    + PLUGIN_ID.pattern());
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new PluginRefusedException(422, "The jar was refused: Plugin-Version '" + version + "' must match "
                    + VERSION.pattern());
        }
        Optional<PluginStore.Upload> installed = store.upload(id);
        if (installed.isPresent() && installed.get().version().equals(version) && !replace) {
            throw new PluginRefusedException(409, "Plugin '" + id + "' " + version + " is already installed with other "
                    + "contents; give the new jar a higher Plugin-Version, or upload it with ?replace=true");
        }
        Optional<PluginReport> bundled = host.bundledReport(id).filter(r -> r.status() == PluginStatus.STARTED);
        if (bundled.isPresent() && PluginHost.compareVersions(version, bundled.get().version()) <= 0) {
            throw new PluginRefusedException(409, "Plugin '" + id + "' is bundled in version " + bundled.get().version()
                    + "; an upload replaces it only with a higher Plugin-Version (this jar has " + version + ")");
        }
        for (ConnectorInfo connector : report.connectors()) {
            Optional<String> owner = host.pluginOfConnector(connector.id()).filter(p -> !p.equals(id));
            if (owner.isPresent()) {
                throw new PluginRefusedException(422, "The jar was refused: connector id '" + connector.id()
                        + "' is already provided by plugin '" + owner.get() + "'");
            }
        }
        store.save(new PluginStore.Upload(id, version, sha256, jar.length, operator.email(), Instant.now()), jar);
        AUDIT.info(() -> "PLUGIN_UPLOADED " + id + " " + version + " sha256 " + sha256 + " by " + operator.email()
                + installed.map(i -> " (was " + i.version() + ")").orElse(""));
        host.sync();
        return new Uploaded(true, entry(id).orElseThrow());
    }

    /** Switches a plugin off on every instance: its connectors serve nobody; connections keep their settings. */
    public PluginEntry disable(String pluginId) {
        SwitchboardPrincipal operator = access.require(Role.PLATFORM_OPERATOR);
        known(pluginId);
        store.setDisabled(pluginId, true, operator.email(), Instant.now());
        AUDIT.info(() -> "PLUGIN_DISABLED " + pluginId + " by " + operator.email());
        host.sync();
        return entry(pluginId).orElseThrow();
    }

    /** Switches a plugin on again. */
    public PluginEntry enable(String pluginId) {
        SwitchboardPrincipal operator = access.require(Role.PLATFORM_OPERATOR);
        known(pluginId);
        store.setDisabled(pluginId, false, operator.email(), Instant.now());
        AUDIT.info(() -> "PLUGIN_ENABLED " + pluginId + " by " + operator.email());
        host.sync();
        return entry(pluginId).orElseThrow();
    }

    /**
     * Removes an uploaded plugin from every instance. Refused while tenants' connections use its connectors and no
     * bundled version of it would take over: their events would wait for ever; switch it off instead, which keeps
     * them restorable. A bundled plugin is removed by deleting its jar from the plugins directory.
     */
    public void remove(String pluginId) {
        SwitchboardPrincipal operator = access.require(Role.PLATFORM_OPERATOR);
        known(pluginId);
        if (store.upload(pluginId).isEmpty()) {
            throw new PluginRefusedException(409, "Plugin '" + pluginId + "' is bundled (its jar is in the plugins "
                    + "directory): remove the jar there and restart, or switch it off here");
        }
        boolean bundledTakesOver = host.bundledReport(pluginId).filter(r -> r.status() == PluginStatus.STARTED)
                .isPresent();
        PluginStore.Usage usage = store.usage(pluginId);
        if (usage.connections() > 0 && !bundledTakesOver) {
            throw new PluginRefusedException(409, "Plugin '" + pluginId + "' is used by " + usage.connections()
                    + (usage.connections() == 1 ? " connection" : " connections") + " in " + usage.tenants()
                    + (usage.tenants() == 1 ? " tenant" : " tenants") + "; switch it off instead (their settings are "
                    + "kept), or have the tenants delete those connections first");
        }
        store.delete(pluginId);
        AUDIT.info(() -> "PLUGIN_REMOVED " + pluginId + " by " + operator.email());
        host.sync();
    }

    private void known(String pluginId) {
        if (entry(pluginId).isEmpty() && store.upload(pluginId).isEmpty()) {
            throw new PluginRefusedException(404, "No plugin '" + pluginId + "' is installed");
        }
    }

    private Optional<PluginEntry> entry(String pluginId) {
        // An uploaded entry first: a bundled one it replaces is listed too.
        List<PluginEntry> entries = host.entries().stream().filter(e -> pluginId.equals(e.report().pluginId()))
                .toList();
        return entries.stream().filter(e -> e.report().status() != PluginStatus.REPLACED).findFirst()
                .or(() -> entries.stream().findFirst());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
