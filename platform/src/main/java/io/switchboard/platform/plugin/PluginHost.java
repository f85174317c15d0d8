package io.switchboard.platform.plugin;

import io.switchboard.spi.SpiVersion;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform's plugin host: loads the plugins directory ({@code switchboard.plugins.dir}) at startup, records the
 * outcome in {@code installed_plugin}, and hands out started connectors. The only class outside this package's
 * internals that knows PF4J exists.
 */
@ApplicationScoped
public class PluginHost {

    private Path directory;
    private InstalledPluginRepository installedPlugins;
    private PluginDirectoryLoader loader;
    private volatile LoadedPlugins loaded = LoadedPlugins.none();
    private volatile boolean started;

    protected PluginHost() {
        // for the CDI proxy
    }

    @Inject
    public PluginHost(@ConfigProperty(name = "switchboard.plugins.dir") String directory,
                      InstalledPluginRepository installedPlugins) {
        this.directory = Path.of(directory).toAbsolutePath().normalize();
        this.installedPlugins = installedPlugins;
    }

    /** Loads every plugin jar and records the outcome. Called once by the platform's startup. */
    public synchronized void start() {
        if (started) {
            return;
        }
        loader = new PluginDirectoryLoader(directory, SpiVersion.current());
        loaded = loader.load();
        installedPlugins.recordLoads(loaded.reports(), Instant.now());
        started = true;
    }

    /** @return true once the plugins directory has been loaded (whatever became of each jar) */
    public boolean isStarted() {
        return started;
    }

    /** @return the plugins directory in use */
    public Path directory() {
        return directory;
    }

    /** @return one report per jar found at startup */
    public List<PluginReport> reports() {
        return loaded.reports();
    }

    /** @return the started connector with this id, if any */
    public Optional<LoadedConnector> connector(String connectorId) {
        return Optional.ofNullable(loaded.connectors().get(connectorId));
    }

    @PreDestroy
    synchronized void stop() {
        if (loader != null) {
            loader.close();
            loader = null;
        }
        loaded = LoadedPlugins.none();
        started = false;
    }
}
