package io.switchboard.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Starts Switchboard: the embedded MariaDB (unless {@code switchboard.db.url} names an external one), then Payara
 * Micro with the platform WAR and the plugins; waits until {@code /health} is UP and says where everything is.
 * Ctrl-C (SIGINT / SIGTERM) stops the platform, then the database. Settings: see {@link Settings} and the README.
 */
public final class Launcher {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Settings settings;
    private final PrintStream out;
    private volatile boolean stopping;

    Launcher(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.resolve(properties(System.getProperties()), System.getenv(), distributionDir(),
                    Path.of("").toAbsolutePath(), Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IllegalArgumentException e) {
            System.err.println("Switchboard cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new Launcher(settings, System.out).run());
    }

    int run() throws Exception {
        long startedAt = System.nanoTime();
        Files.createDirectories(settings.dataDir());
        if (PlatformProcess.stopStale(settings.dataDir())) {
            out.println("Stopped a platform process left running by a previous launcher.");
        }

        EmbeddedDatabase database = null;
        String dbUrl;
        String dbPassword = settings.dbPassword();
        if (settings.embeddedDatabase()) {
            out.println("Starting the embedded MariaDB (data in " + settings.dataDir().resolve("db") + ")…");
            database = EmbeddedDatabase.start(settings.dataDir(), settings.embeddedDbPort());
            dbUrl = database.jdbcUrl();
            // The embedded server runs with --skip-grant-tables; MicroProfile Config treats an empty value as
            // missing, so hand over a non-empty placeholder.
            dbPassword = dbPassword.isEmpty() ? "embedded" : dbPassword;
        } else {
            dbUrl = settings.externalDbUrl().orElseThrow();
        }

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SWITCHBOARD_DB_URL", dbUrl);
        environment.put("SWITCHBOARD_DB_USER", settings.dbUser());
        environment.put("SWITCHBOARD_DB_PASSWORD", dbPassword);
        environment.put("SWITCHBOARD_PLUGINS_DIR", settings.pluginsDir().toString());
        environment.put("SWITCHBOARD_DATA_DIR", settings.dataDir().toString());

        out.println("Starting the platform on port " + settings.httpPort() + " (plugins from " + settings.pluginsDir() + ")…");
        PlatformProcess platform = PlatformProcess.start(settings, environment);
        EmbeddedDatabase db = database;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            platform.stop(STOP_GRACE);
            if (db != null) {
                db.close();
            }
        }, "switchboard-shutdown"));

        if (platform.awaitHealthy(STARTUP_TIMEOUT)) {
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            banner(seconds, platform, database);
        } else if (platform.isAlive()) {
            out.println("The platform did not report healthy within " + STARTUP_TIMEOUT.toSeconds()
                    + " s; see its log above. It keeps running; Ctrl-C stops it.");
        }

        int exit = platform.waitFor();
        if (!stopping) {
            out.println("The platform stopped (exit code " + exit + "); stopping the database.");
            platform.stop(STOP_GRACE);
            if (database != null) {
                database.close();
            }
            return exit == 0 ? 1 : exit;
        }
        return 0;
    }

    private void banner(double seconds, PlatformProcess platform, EmbeddedDatabase database) {
        String base = "http://localhost:" + settings.httpPort();
        out.println();
        out.printf("Switchboard is up in %.1f s%n", seconds);
        out.println("  UI:       " + base + "/");
        out.println("  API:      " + base + "/api/v1/plugins");
        out.println("  Health:   " + base + "/health");
        out.println("  Data:     " + settings.dataDir());
        out.println("  Plugins:  " + settings.pluginsDir());
        out.println("  Database: " + (database == null ? "external (" + settings.externalDbUrl().orElseThrow() + ")"
                : "embedded MariaDB on 127.0.0.1:" + database.port()));
        out.println("  Memory:   platform " + ResidentMemory.megabytes(platform.pid())
                + (database == null ? "" : ", database " + ResidentMemory.megabytes(database.pid()))
                + ", launcher " + ResidentMemory.megabytes(ProcessHandle.current().pid()) + " (resident)");
        out.println("Press Ctrl-C to stop.");
        out.println();
    }

    private static Map<String, String> properties(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    /** The folder of the launcher jar: the distribution with payara-micro.jar, the WAR and plugins/. */
    private static Path distributionDir() throws URISyntaxException, IOException {
        Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isDirectory(jar) ? jar : jar.getParent();
    }
}
