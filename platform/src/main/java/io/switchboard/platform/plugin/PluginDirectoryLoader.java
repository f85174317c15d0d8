package io.switchboard.platform.plugin;

import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads every jar of the plugins directory, one by one, and reports each one's fate. PF4J's own
 * {@code loadPlugins()} skips a corrupt jar without a word; here every jar gets a {@link PluginReport}: started,
 * incompatible (SPI range) or failed with the reason. A bad jar never stops the others.
 *
 * <p>Plain Java, no CDI: unit-testable without a server. Not thread-safe; {@link PluginHost} owns one instance.
 */
public final class PluginDirectoryLoader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PluginDirectoryLoader.class.getName());

    private final Path directory;
    private final String spiVersion;
    private final SwitchboardPluginManager manager;

    public PluginDirectoryLoader(Path directory, String spiVersion) {
        this.directory = directory;
        this.spiVersion = spiVersion;
        this.manager = new SwitchboardPluginManager(directory, spiVersion);
    }

    /** Loads, starts and validates every {@code *.jar} in the directory. Call once. */
    public LoadedPlugins load() {
        if (!Files.isDirectory(directory)) {
            LOG.warning(() -> "Plugins directory " + directory.toAbsolutePath() + " does not exist: no plugins loaded");
            return LoadedPlugins.none();
        }
        Map<Path, PluginReport> reports = new LinkedHashMap<>();
        Map<Path, String> loadedIds = new LinkedHashMap<>();
        Map<Path, String> checksums = new LinkedHashMap<>();
        for (Path jar : jars()) {
            String sha256 = sha256(jar);
            checksums.put(jar, sha256);
            try {
                String id = manager.loadPlugin(jar);
                PluginWrapper wrapper = manager.getPlugin(id);
                if (wrapper.getPluginState() == PluginState.DISABLED) {
                    reports.put(jar, report(wrapper, jar, sha256, PluginStatus.INCOMPATIBLE,
                            "requires SPI version " + wrapper.getDescriptor().getRequires()
                                    + " but this platform provides " + spiVersion));
                    manager.unloadPlugin(id);
                } else {
                    loadedIds.put(jar, id);
                }
            } catch (Exception | LinkageError e) {
                reports.put(jar, unreadable(jar, sha256, "not a loadable plugin jar: " + Failures.describe(e)));
            }
        }

        manager.startPlugins();

        Map<String, LoadedConnector> connectors = new LinkedHashMap<>();
        loadedIds.forEach((jar, id) -> {
            PluginWrapper wrapper = manager.getPlugin(id);
            String sha256 = checksums.get(jar);
            if (wrapper.getPluginState() != PluginState.STARTED) {
                String reason = wrapper.getFailedException() != null
                        ? "plugin class failed to start: " + Failures.describe(wrapper.getFailedException())
                        : "not started (state " + wrapper.getPluginState() + "; missing plugin dependencies?)";
                reports.put(jar, report(wrapper, jar, sha256, PluginStatus.FAILED, reason));
                unload(id);
                return;
            }
            List<String> problems = new ArrayList<>();
            List<LoadedConnector> found = discoverConnectors(wrapper, problems);
            found.stream().filter(c -> connectors.containsKey(c.descriptor().id())).forEach(c -> problems.add(
                    "connector id '" + c.descriptor().id() + "' is already provided by plugin '"
                            + connectors.get(c.descriptor().id()).pluginId() + "'"));
            if (found.isEmpty() && problems.isEmpty()) {
                problems.add("declares no connector extensions (is META-INF/extensions.idx missing? "
                        + "PF4J's annotation processor must run when the plugin is compiled)");
            }
            if (!problems.isEmpty()) {
                reports.put(jar, report(wrapper, jar, sha256, PluginStatus.FAILED, String.join("; ", problems)));
                unload(id);
                return;
            }
            found.forEach(c -> connectors.put(c.descriptor().id(), c));
            reports.put(jar, new PluginReport(id, wrapper.getDescriptor().getVersion(),
                    wrapper.getDescriptor().getRequires(), jar.getFileName().toString(), sha256,
                    PluginStatus.STARTED, null, found.stream().map(c -> new ConnectorInfo(c.descriptor().id(),
                    c.descriptor().kind(), c.descriptor().displayName())).toList()));
        });

        List<PluginReport> ordered = new ArrayList<>();
        reports.keySet().stream().sorted().forEach(jar -> ordered.add(reports.get(jar)));
        ordered.forEach(PluginDirectoryLoader::log);
        return new LoadedPlugins(ordered, connectors);
    }

    private List<LoadedConnector> discoverConnectors(PluginWrapper wrapper, List<String> problems) {
        String id = wrapper.getPluginId();
        ClassLoader loader = wrapper.getPluginClassLoader();
        List<LoadedConnector> found = new ArrayList<>();
        List<Class<? extends Connector>> types;
        try {
            types = manager.getExtensionClasses(Connector.class, id);
        } catch (RuntimeException | LinkageError e) {
            problems.add("cannot list its extensions: " + Failures.describe(e));
            return found;
        }
        for (Class<? extends Connector> type : types) {
            try {
                Connector connector = PluginInvoker.call(id, loader,
                        () -> (Connector) manager.getExtensionFactory().create(type));
                ConnectorDescriptor descriptor = PluginInvoker.call(id, loader, connector::descriptor);
                List<String> invalid = ConnectorValidation.problems(connector, descriptor);
                if (invalid.isEmpty()) {
                    found.add(new LoadedConnector(id, descriptor, connector, loader, rateLimit(id, loader, connector),
                            null));
                } else {
                    problems.addAll(invalid);
                }
            } catch (RuntimeException e) {
                problems.add("connector " + type.getName() + " cannot be created: " + Failures.rootCause(e));
            }
        }
        return found;
    }

    /** The connector's declared rate limit (SPI 1.2); one that fails to say is taken as declaring none. */
    private static io.switchboard.spi.RequestRateLimit rateLimit(String id, ClassLoader loader, Connector connector) {
        try {
            return PluginInvoker.call(id, loader, () -> connector.requestRateLimit().orElse(null));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Plugin " + id + ": requestRateLimit() failed; no limit assumed", e);
            return null;
        }
    }

    private void unload(String id) {
        try {
            manager.stopPlugin(id);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "stopping " + id, e);
        }
        manager.unloadPlugin(id);
    }

    private List<Path> jars() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins directory " + directory, e);
        }
    }

    private static PluginReport report(PluginWrapper wrapper, Path jar, String sha256, PluginStatus status,
                                       String reason) {
        return new PluginReport(wrapper.getPluginId(), wrapper.getDescriptor().getVersion(),
                wrapper.getDescriptor().getRequires(), jar.getFileName().toString(), sha256, status, reason,
                List.of());
    }

    /** A report for a jar PF4J could not load; the manifest is read directly when possible, to name the plugin. */
    private static PluginReport unreadable(Path jar, String sha256, String reason) {
        String id = null;
        String version = null;
        String requires = null;
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() != null) {
                Attributes attributes = file.getManifest().getMainAttributes();
                id = attributes.getValue("Plugin-Id");
                version = attributes.getValue("Plugin-Version");
                requires = attributes.getValue("Plugin-Requires");
            }
        } catch (IOException notAJar) {
            // the reason already says it cannot be read
        }
        return new PluginReport(id, version, requires, jar.getFileName().toString(), sha256, PluginStatus.FAILED,
                reason, List.of());
    }

    private static String sha256(Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void log(PluginReport r) {
        if (r.status() == PluginStatus.STARTED) {
            LOG.info(() -> "Plugin " + r.pluginId() + " " + r.version() + " started from " + r.jarFile()
                    + ", connectors " + r.connectors().stream().map(ConnectorInfo::id).toList());
        } else {
            LOG.warning(() -> "Plugin jar " + r.jarFile() + (r.pluginId() == null ? "" : " (" + r.pluginId() + ")")
                    + " " + r.status() + ": " + r.reason());
        }
    }

    /** Stops and unloads every plugin, closing their class loaders and jar files. */
    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
