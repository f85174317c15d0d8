package io.switchboard.platform.ui;

import io.switchboard.platform.plugin.InstanceVersion;
import io.switchboard.platform.plugin.PluginEntry;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.plugin.PluginRefusedException;
import io.switchboard.platform.plugin.PluginStatus;
import io.switchboard.platform.plugin.PluginStore;
import io.switchboard.platform.plugin.PluginUploads;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Platform operator: every plugin jar — bundled in the plugins directory or uploaded — its state and why it is not
 * running or failing, the version each instance runs; upload, switch off and on, remove (ADR 0011).
 */
@Named
@ViewScoped
public class PluginsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String SELF = "/operator/plugins.xhtml?faces-redirect=true";

    @Inject
    private CallerAccess access;
    @Inject
    private PluginHost plugins;
    @Inject
    private PluginStore store;
    @Inject
    private PluginUploads uploads;

    private transient Part jar;
    private boolean replace;
    private transient List<PluginEntry> entries;
    private transient Map<String, List<InstanceVersion>> instances;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.PLATFORM_OPERATOR);
    }

    public List<PluginEntry> getEntries() {
        if (entries == null) {
            entries = plugins.entries().stream()
                    .sorted(Comparator.comparing((PluginEntry e) -> e.report().pluginId() == null
                            ? "~" + e.report().jarFile() : e.report().pluginId()).thenComparing(e -> e.source().name()))
                    .toList();
        }
        return entries;
    }

    public String kinds(PluginEntry entry) {
        return entry.report().kinds().stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** @return what each instance runs of this plugin (from the same source), e.g. for the instances column */
    public List<InstanceVersion> instancesOf(PluginEntry entry) {
        if (entry.report().pluginId() == null) {
            return List.of();
        }
        if (instances == null) {
            instances = InstanceVersion.byPlugin(store.heartbeats(), Instant.now());
        }
        return instances.getOrDefault(entry.report().pluginId(), List.of()).stream()
                .filter(i -> i.live() && i.source().equals(entry.source().name())).toList();
    }

    /** One platform instance as its heartbeat shows it. */
    public record Instance(String id, String host, Instant startedAt, Instant seenAt, boolean live) {
    }

    /** @return every instance with a heartbeat, running ones first (for the instances table) */
    public List<Instance> getInstances() {
        Instant now = Instant.now();
        return store.heartbeats().stream()
                .map(b -> new Instance(b.instanceId(), b.host(), b.startedAt(), b.seenAt(), InstanceVersion.isLive(b, now)))
                .sorted(Comparator.comparing((Instance i) -> !i.live()).thenComparing(Instance::startedAt,
                        Comparator.reverseOrder()))
                .toList();
    }

    public boolean canSwitch(PluginEntry entry) {
        PluginStatus status = entry.report().status();
        return entry.report().pluginId() != null && (status == PluginStatus.STARTED || status == PluginStatus.DISABLED);
    }

    public boolean canRemove(PluginEntry entry) {
        return entry.source() == PluginEntry.Source.UPLOADED && entry.report().status() != PluginStatus.REPLACED;
    }

    public String getDirectory() {
        return plugins.directory().toString();
    }

    public String getMaxUploadMegabytes() {
        return String.format(java.util.Locale.ROOT, "%.1f", uploads.maxBytes() / 1048576.0);
    }

    public String upload() {
        if (jar == null || jar.getSize() == 0) {
            Problems.error("Choose a plugin jar to upload.");
            return null;
        }
        if (jar.getSize() > uploads.maxBytes()) {
            Problems.error("The jar has " + jar.getSize() + " bytes; at most " + uploads.maxBytes() + " are accepted.");
            return null;
        }
        try (InputStream in = jar.getInputStream()) {
            PluginUploads.Uploaded uploaded = uploads.upload(in.readAllBytes(), replace);
            PluginEntry entry = uploaded.entry();
            Problems.info(uploaded.created()
                    ? "Plugin " + entry.report().pluginId() + " " + entry.report().version() + " installed: "
                    + entry.state() + " here; the other instances load it within seconds."
                    : "Plugin " + entry.report().pluginId() + " " + entry.report().version()
                    + " is installed with exactly this jar already; nothing changed.");
            return SELF;
        } catch (PluginRefusedException e) {
            Problems.error(e.getMessage());
            return null;
        } catch (IOException e) {
            Problems.error("The upload could not be read: " + e.getMessage());
            return null;
        }
    }

    public String disable(String pluginId) {
        return act(() -> uploads.disable(pluginId), "Plugin " + pluginId + " switched off on every instance; "
                + "connections keep their settings and their events wait until it is switched on again.");
    }

    public String enable(String pluginId) {
        return act(() -> uploads.enable(pluginId), "Plugin " + pluginId + " switched on.");
    }

    public String remove(String pluginId) {
        return act(() -> {
            uploads.remove(pluginId);
            return null;
        }, "Plugin " + pluginId + " removed.");
    }

    private String act(java.util.function.Supplier<?> action, String done) {
        try {
            action.get();
            Problems.info(done);
        } catch (PluginRefusedException e) {
            Problems.error(e.getMessage());
        }
        return SELF;
    }

    public Part getJar() {
        return jar;
    }

    public void setJar(Part jar) {
        this.jar = jar;
    }

    public boolean isReplace() {
        return replace;
    }

    public void setReplace(boolean replace) {
        this.replace = replace;
    }
}
