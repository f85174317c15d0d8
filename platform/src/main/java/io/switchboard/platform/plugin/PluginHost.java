package io.switchboard.platform.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.persistence.PlatformInstance;
import io.switchboard.spi.SpiVersion;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pf4j.DefaultVersionManager;

/**
 * The platform's plugin host. Serves two kinds of jars (ADR 0011): the plugins directory
 * ({@code switchboard.plugins.dir}), loaded once at startup ("bundled"), and jars the platform operator uploaded,
 * stored in the database and loaded — each version with a PF4J manager and class loader of its own — by every
 * instance within {@code switchboard.plugins.sync-ms}. An upgrade swaps the connectors at once for new calls; the
 * replaced version keeps serving the calls in progress and is closed once they finished. The only class outside
 * this package's internals that knows PF4J exists.
 *
 * <p>Lookups ({@link #connector}) read an immutable snapshot without locking; changes are serialised by this
 * object's lock and publish a new snapshot.
 */
@ApplicationScoped
public class PluginHost {

    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A replaced version stays loaded this long at least, for events that looked its connectors up just before. */
    private static final Duration RETIRE_GRACE = Duration.ofSeconds(60);
    /** A heartbeat is written when something changed, and at least this often. */
    private static final Duration BEAT_INTERVAL = Duration.ofSeconds(10);

    private Path directory;
    private Path cacheRoot;
    private InstalledPluginRepository installedPlugins;
    private PluginStore store;
    private PlatformInstance instance;
    private PluginCalls calls;
    private long syncMillis;
    @Resource
    private ManagedScheduledExecutorService scheduler;

    private PluginDirectoryLoader bundledLoader;
    private LoadedPlugins bundled = LoadedPlugins.none();
    private Map<String, LiveVersion> bundledLive = Map.of();
    /** Uploaded plugins loaded here, by plugin id; guarded by this. */
    private final Map<String, Uploaded> uploaded = new LinkedHashMap<>();
    /** Replaced or removed versions waiting for their calls to finish; guarded by this. */
    private final List<Uploaded> retiring = new ArrayList<>();
    private Set<String> disabled = Set.of();
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    /** Counts the snapshots published; caches built from a connector's schema compare it. */
    private volatile long generation;
    private volatile boolean started;
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
    private String lastBeat;
    /** Loads of uploaded jars so far; names their cache folders. Guarded by this. */
    private long loads;
    private Instant lastBeatAt = Instant.MIN;

    protected PluginHost() {
        // for the CDI proxy
    }

    @Inject
    public PluginHost(@ConfigProperty(name = "switchboard.plugins.dir") String directory,
                      @ConfigProperty(name = "switchboard.plugins.cache-dir") Optional<String> cacheDir,
                      @ConfigProperty(name = "switchboard.plugins.call-timeout-seconds", defaultValue = "90")
                      double callTimeoutSeconds,
                      @ConfigProperty(name = "switchboard.plugins.call-timeouts") Optional<String> callTimeouts,
                      @ConfigProperty(name = "switchboard.plugins.failing-after", defaultValue = "5") int failingAfter,
                      @ConfigProperty(name = "switchboard.plugins.sync-ms", defaultValue = "2000") long syncMillis,
                      InstalledPluginRepository installedPlugins, PluginStore store, PlatformInstance instance) {
        this.directory = Path.of(directory).toAbsolutePath().normalize();
        this.cacheRoot = cacheDir.map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir"),
                "switchboard-plugin-cache")).resolve(instance.id()).toAbsolutePath().normalize();
        this.calls = new PluginCalls(seconds(callTimeoutSeconds), PluginSettings.timeouts(callTimeouts.orElse("")),
                failingAfter);
        this.syncMillis = Math.max(200, syncMillis);
        this.installedPlugins = installedPlugins;
        this.store = store;
        this.instance = instance;
    }

    /**
     * Loads the plugins directory, records the outcome, loads the uploaded plugins, and starts the watchdog of plugin
     * calls and the poll that keeps this instance in line with the database. Called once by the platform's startup.
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        bundledLoader = new PluginDirectoryLoader(directory, SpiVersion.current());
        bundled = bundledLoader.load();
        installedPlugins.recordLoads(bundled.reports(), Instant.now());
        Map<String, LiveVersion> live = new HashMap<>();
        bundled.reports().stream().filter(r -> r.status() == PluginStatus.STARTED)
                .forEach(r -> live.put(r.pluginId(), new LiveVersion(r.pluginId(), r.version(), calls)));
        bundledLive = Map.copyOf(live);
        rebuild();
        try {
            sync();
        } catch (RuntimeException e) {
            // The database may be away for a moment; the poll loads the uploaded plugins once it is back.
            LOG.log(Level.WARNING, "Uploaded plugins not loaded at start; the next poll tries again", e);
        }
        started = true;
        if (scheduler != null) {
            schedules.add(scheduler.scheduleWithFixedDelay(calls::expireDue, 250, 250, TimeUnit.MILLISECONDS));
            schedules.add(scheduler.scheduleWithFixedDelay(this::syncQuietly, syncMillis, syncMillis,
                    TimeUnit.MILLISECONDS));
        }
    }

    /** @return true once the plugins directory has been loaded (whatever became of each jar) */
    public boolean isStarted() {
        return started;
    }

    /** @return the plugins directory in use */
    public Path directory() {
        return directory;
    }

    /** @return one report per jar, bundled ones in file-name order, then uploaded ones by plugin id */
    public List<PluginReport> reports() {
        return snapshot.entries().stream().map(PluginEntry::report).toList();
    }

    /** @return every plugin jar this instance knows, with its source and health */
    public List<PluginEntry> entries() {
        return snapshot.entries();
    }

    /** @return the running connector with this id, if any (not one of a plugin the operator switched off) */
    public Optional<LoadedConnector> connector(String connectorId) {
        return Optional.ofNullable(snapshot.connectors().get(connectorId));
    }

    /** @return the deadline of every plugin call, the watchdog and the plugins' health */
    public PluginCalls calls() {
        return calls;
    }

    /** Registers a listener told of every plugin call cut off at its deadline (the pipeline's workers). */
    public void onTimeout(Consumer<PluginCalls.TimedOut> listener) {
        calls.onTimeout(listener);
    }

    /** @return this instance's name in the heartbeats */
    public String instanceId() {
        return instance.id();
    }

    /**
     * Loads a jar on its own, with a throwaway PF4J manager and class loader, exactly as it would be loaded to serve,
     * and unloads it again: manifest, SPI range, plugin class, extensions, every connector's descriptor. Nothing
     * running changes.
     *
     * @return its report: STARTED when it would serve, else why not
     */
    public PluginReport validate(byte[] jar) {
        Path dir = null;
        try {
            Files.createDirectories(cacheRoot);
            dir = Files.createTempDirectory(cacheRoot, "validate-");
            Files.write(dir.resolve("upload.jar"), jar);
            try (PluginDirectoryLoader loader = new PluginDirectoryLoader(dir, SpiVersion.current())) {
                List<PluginReport> reports = loader.load().reports();
                if (reports.isEmpty()) {
                    throw new IllegalStateException("the uploaded jar was not found where it was written");
                }
                PluginReport r = reports.get(0);
                // The throwaway copy's path means nothing to the operator.
                return r.reason() == null ? r : new PluginReport(r.pluginId(), r.version(), r.requires(), r.jarFile(),
                        r.sha256(), r.status(), r.reason().replace(dir.resolve("upload.jar").toString(), "the jar"),
                        r.connectors());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the uploaded jar to " + cacheRoot, e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** @return the bundled (plugins directory) report of this plugin id, if any */
    public Optional<PluginReport> bundledReport(String pluginId) {
        return bundled.reports().stream().filter(r -> pluginId.equals(r.pluginId())).findFirst();
    }

    /** @return the plugin that provides this connector id on this instance, if any */
    public Optional<String> pluginOfConnector(String connectorId) {
        return snapshot.entries().stream()
                .filter(e -> e.report().status() == PluginStatus.STARTED || e.report().status() == PluginStatus.DISABLED)
                .filter(e -> e.report().connectors().stream().anyMatch(c -> c.id().equals(connectorId)))
                .map(e -> e.report().pluginId()).findFirst();
    }

    /** @return negative, zero or positive as version {@code a} is lower than, equal to or higher than {@code b} */
    public static int compareVersions(String a, String b) {
        try {
            return new DefaultVersionManager().compareVersions(a, b);
        } catch (RuntimeException notSemantic) {
            return a.compareTo(b);
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "plugin sync failed; trying again at the next poll", e);
        }
    }

    /**
     * Brings this instance in line with the database: loads uploaded jars it does not run yet (or in another
     * version), retires those removed or replaced, applies the operator's switches, closes retired versions whose
     * calls finished, and writes the heartbeat. Called by the poll, and at once after an operator's change.
     */
    public synchronized void sync() {
        PluginStore.Desired desired = store.desired();
        boolean changed = false;
        for (Uploaded loaded : List.copyOf(uploaded.values())) {
            PluginStore.Upload wanted = desired.uploads().get(loaded.pluginId);
            if (wanted == null || !wanted.sha256().equals(loaded.sha256)) {
                uploaded.remove(loaded.pluginId);
                loaded.retiredAt = Instant.now();
                retiring.add(loaded);
                changed = true;
                LOG.info(() -> "Plugin " + loaded.pluginId + " " + loaded.report.version() + " (uploaded) "
                        + (wanted == null ? "removed" : "replaced by " + wanted.version())
                        + "; it is closed once its calls in progress finish");
            }
        }
        for (PluginStore.Upload wanted : desired.uploads().values()) {
            if (!uploaded.containsKey(wanted.pluginId())) {
                Optional<Uploaded> loaded = load(wanted);
                if (loaded.isPresent()) {
                    uploaded.put(wanted.pluginId(), loaded.get());
                    changed = true;
                }
            }
        }
        if (!desired.disabled().equals(disabled)) {
            disabled = desired.disabled();
            changed = true;
        }
        if (changed) {
            rebuild();
        }
        closeRetired(false);
        beat(changed);
    }

    private Optional<Uploaded> load(PluginStore.Upload wanted) {
        // A folder of its own per load: a retired load of the same bytes may still hold (and later delete) its own.
        Path dir = cacheRoot.resolve(safe(wanted.pluginId()) + "-" + wanted.sha256().substring(0, 12) + "-"
                + (++loads));
        Path jar = dir.resolve(safe(wanted.pluginId()) + "-" + safe(wanted.version()) + ".jar");
        try {
            Optional<byte[]> bytes = store.jar(wanted.pluginId(), wanted.sha256());
            if (bytes.isEmpty()) {
                return Optional.empty(); // replaced in the meantime: the next sync sees the new one
            }
            Files.createDirectories(dir);
            Files.write(jar, bytes.get());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Plugin " + wanted.pluginId() + ": cannot write its jar to " + dir, e);
            return Optional.empty();
        }
        PluginDirectoryLoader loader = new PluginDirectoryLoader(dir, SpiVersion.current());
        LoadedPlugins result = loader.load();
        PluginReport report = result.reports().isEmpty()
                ? new PluginReport(wanted.pluginId(), wanted.version(), null, jar.getFileName().toString(),
                wanted.sha256(), PluginStatus.FAILED, "its jar was not found in " + dir, List.of())
                : result.reports().get(0);
        if (report.status() == PluginStatus.STARTED && !wanted.pluginId().equals(report.pluginId())) {
            report = failed(report, "the jar's Plugin-Id is '" + report.pluginId() + "', stored as '"
                    + wanted.pluginId() + "'");
            loader.close();
            return Optional.of(new Uploaded(wanted.pluginId(), wanted.sha256(), dir, null, report, Map.of(), null));
        }
        if (report.status() != PluginStatus.STARTED) {
            loader.close();
            return Optional.of(new Uploaded(wanted.pluginId(), wanted.sha256(), dir, null, report, Map.of(), null));
        }
        LiveVersion live = new LiveVersion(report.pluginId(), report.version(), calls);
        Map<String, LoadedConnector> connectors = new LinkedHashMap<>();
        result.connectors().forEach((id, c) -> connectors.put(id, c.servedBy(live)));
        PluginReport started = report;
        LOG.info(() -> "Plugin " + started.pluginId() + " " + started.version() + " (uploaded, sha256 "
                + wanted.sha256().substring(0, 12) + "…) loaded on " + instance.id());
        return Optional.of(new Uploaded(wanted.pluginId(), wanted.sha256(), dir, loader, report, connectors, live));
    }

    /** Publishes a new snapshot from the bundled load, the uploads and the operator's switches. Under the lock. */
    private void rebuild() {
        Map<String, Uploaded> serving = new HashMap<>();
        for (Uploaded u : uploaded.values()) {
            Optional<PluginReport> bundledOne = bundledReport(u.pluginId)
                    .filter(r -> r.status() == PluginStatus.STARTED);
            if (u.report.status() == PluginStatus.STARTED && (bundledOne.isEmpty()
                    || compareVersions(u.report.version(), bundledOne.get().version()) >= 0)) {
                serving.put(u.pluginId, u);
            }
        }
        List<PluginEntry> entries = new ArrayList<>();
        Map<String, LoadedConnector> connectors = new HashMap<>();
        for (PluginReport report : bundled.reports()) {
            String id = report.pluginId();
            if (id != null && serving.containsKey(id)) {
                entries.add(new PluginEntry(with(report, PluginStatus.REPLACED, "the uploaded version "
                        + serving.get(id).report.version() + " serves instead"), PluginEntry.Source.BUNDLED, null));
            } else if (report.status() == PluginStatus.STARTED && disabled.contains(id)) {
                entries.add(new PluginEntry(with(report, PluginStatus.DISABLED, "switched off by the platform operator"),
                        PluginEntry.Source.BUNDLED, null));
            } else if (report.status() == PluginStatus.STARTED) {
                LiveVersion live = bundledLive.get(id);
                bundled.connectors().values().stream().filter(c -> c.pluginId().equals(id))
                        .forEach(c -> connectors.put(c.descriptor().id(), c.servedBy(live)));
                entries.add(new PluginEntry(report, PluginEntry.Source.BUNDLED, live));
            } else {
                entries.add(new PluginEntry(report, PluginEntry.Source.BUNDLED, null));
            }
        }
        for (Uploaded u : uploaded.values()) {
            PluginReport report = u.report;
            if (report.status() != PluginStatus.STARTED) {
                entries.add(new PluginEntry(report, PluginEntry.Source.UPLOADED, null));
            } else if (!serving.containsKey(u.pluginId)) {
                entries.add(new PluginEntry(with(report, PluginStatus.REPLACED, "the bundled version "
                        + bundledReport(u.pluginId).map(PluginReport::version).orElse("?") + " is newer and serves "
                        + "instead"), PluginEntry.Source.UPLOADED, null));
            } else if (disabled.contains(u.pluginId)) {
                entries.add(new PluginEntry(with(report, PluginStatus.DISABLED, "switched off by the platform operator"),
                        PluginEntry.Source.UPLOADED, null));
            } else {
                List<String> clashes = u.connectors.keySet().stream().filter(connectors::containsKey).toList();
                if (!clashes.isEmpty()) {
                    entries.add(new PluginEntry(with(report, PluginStatus.FAILED, "connector ids " + clashes
                            + " are already provided by plugin '" + connectors.get(clashes.get(0)).pluginId() + "'"),
                            PluginEntry.Source.UPLOADED, null));
                } else {
                    connectors.putAll(u.connectors);
                    entries.add(new PluginEntry(report, PluginEntry.Source.UPLOADED, u.live));
                }
            }
        }
        snapshot = new Snapshot(List.copyOf(entries), Map.copyOf(connectors));
        generation++;
    }

    /**
     * @return a number that changes whenever the set of running connectors changed (an upload, upgrade, switch or
     *         removal), for caches of what was read with a connector's settings schema
     */
    public long generation() {
        return generation;
    }

    /** Closes retired versions whose calls finished (all of them when stopping). Under the lock. */
    private void closeRetired(boolean all) {
        Instant now = Instant.now();
        for (Uploaded u : List.copyOf(retiring)) {
            boolean idle = u.live == null || u.live.inFlight() == 0;
            boolean graceOver = Duration.between(u.retiredAt, now).compareTo(RETIRE_GRACE) >= 0;
            if (all || (idle && graceOver)) {
                retiring.remove(u);
                u.close();
                LOG.info(() -> "Plugin " + u.pluginId + " " + u.report.version() + " (uploaded) closed");
            }
        }
    }

    /** Writes this instance's heartbeat when what it serves changed, and every few seconds anyway. */
    private void beat(boolean changed) {
        ArrayNode plugins = JSON.createArrayNode();
        for (PluginEntry entry : snapshot.entries()) {
            if (entry.report().pluginId() == null) {
                continue;
            }
            ObjectNode plugin = plugins.addObject().put("id", entry.report().pluginId())
                    .put("version", entry.report().version()).put("source", entry.source().name())
                    .put("sha256", entry.report().sha256()).put("state", entry.state());
            if (entry.reason() != null) {
                plugin.put("reason", entry.reason());
            }
        }
        String json = plugins.toString();
        Instant now = Instant.now();
        if (changed || !json.equals(lastBeat) || Duration.between(lastBeatAt, now).compareTo(BEAT_INTERVAL) >= 0) {
            store.beat(new PluginStore.Heartbeat(instance.id(), instance.host(), instance.startedAt(), now, json));
            lastBeat = json;
            lastBeatAt = now;
        }
    }

    @PreDestroy
    synchronized void stop() {
        schedules.forEach(s -> s.cancel(false));
        schedules.clear();
        if (started) {
            try {
                store.forget(instance.id());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "heartbeat not deleted", e);
            }
        }
        uploaded.values().forEach(u -> {
            u.retiredAt = Instant.now();
            retiring.add(u);
        });
        uploaded.clear();
        closeRetired(true);
        if (bundledLoader != null) {
            bundledLoader.close();
            bundledLoader = null;
        }
        deleteQuietly(cacheRoot);
        snapshot = Snapshot.EMPTY;
        started = false;
    }

    private static PluginReport with(PluginReport r, PluginStatus status, String reason) {
        return new PluginReport(r.pluginId(), r.version(), r.requires(), r.jarFile(), r.sha256(), status, reason,
                r.connectors());
    }

    private static PluginReport failed(PluginReport r, String reason) {
        return new PluginReport(r.pluginId(), r.version(), r.requires(), r.jarFile(), r.sha256(), PluginStatus.FAILED,
                reason, List.of());
    }

    /** A file-name-safe form of a plugin id or version (the manifest's are checked at upload, but not trusted here). */
    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.max(0, Math.round(seconds * 1000)));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "cannot delete " + p, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.FINE, "cannot delete " + dir, e);
        }
    }

    /** What lookups read: every plugin this instance knows and the running connectors by id. */
    private record Snapshot(List<PluginEntry> entries, Map<String, LoadedConnector> connectors) {
        static final Snapshot EMPTY = new Snapshot(List.of(), Map.of());
    }

    /** An uploaded plugin loaded here (or refused here: then without loader and connectors). */
    private static final class Uploaded {
        private final String pluginId;
        private final String sha256;
        private final Path dir;
        private final PluginDirectoryLoader loader;
        private final PluginReport report;
        private final Map<String, LoadedConnector> connectors;
        private final LiveVersion live;
        private Instant retiredAt;

        Uploaded(String pluginId, String sha256, Path dir, PluginDirectoryLoader loader, PluginReport report,
                 Map<String, LoadedConnector> connectors, LiveVersion live) {
            this.pluginId = pluginId;
            this.sha256 = sha256;
            this.dir = dir;
            this.loader = loader;
            this.report = report;
            this.connectors = Map.copyOf(connectors);
            this.live = live;
        }

        void close() {
            if (loader != null) {
                try {
                    loader.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Plugin " + pluginId + ": closing it failed", e);
                }
            }
            deleteQuietly(dir);
        }
    }
}
