package io.switchboard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.LogManager;

/**
 * The run command. Starts Switchboard: the embedded MariaDB (unless {@code switchboard.db.url} names an external
 * one), then Payara Micro with the platform WAR and the plugins as a child process; waits until {@code /health} is
 * UP and says where everything is. Ctrl-C / SIGTERM stops the platform, then the database; when the platform exits
 * by itself, the database is stopped and the launcher exits with the platform's exit code. Processes a previous
 * launcher left behind ({@code kill -9}) are stopped first. An embedded database that dies is restarted
 * ({@link DatabaseSupervisor}); when it keeps dying, everything stops and the launcher exits with 1. Settings: see
 * {@link Settings} and the README.
 */
public final class Launcher {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Settings settings;
    private final PrintStream out;
    /** Set once each part runs; read by the shutdown hook (another thread). */
    private volatile EmbeddedDatabase database;
    private volatile PlatformProcess platform;
    private volatile DatabaseSupervisor supervisor;
    private volatile boolean stopping;
    /** The embedded database died and could not be kept running: the launcher exits with 1. */
    private volatile boolean databaseLost;
    /** Guarded by {@code this}. */
    private boolean stopped;

    /** Checks an external database before the platform starts; returns the problem in plain words, if any. */
    @FunctionalInterface
    interface DatabaseCheck {
        Optional<String> problem(String url, String user, String password);
    }

    private final DatabaseCheck externalDatabaseCheck;

    Launcher(Settings settings, PrintStream out) {
        this(settings, out, ExternalDatabaseProbe::problem);
    }

    Launcher(Settings settings, PrintStream out, DatabaseCheck externalDatabaseCheck) {
        this.settings = settings;
        this.out = out;
        this.externalDatabaseCheck = externalDatabaseCheck;
    }

    /**
     * Entry point. Exits with the platform's exit code once it ran, 1 when it did not become healthy (or exited with
     * 0 during startup, as Payara Micro does when its port is taken, or the embedded database kept dying), 2 for
     * unusable settings.
     *
     * @param args {@code --help} prints the settings; nothing else is accepted (settings are properties or
     *             environment variables, as for the platform)
     */
    public static void main(String[] args) {
        if (args.length > 0) {
            boolean help = args[0].equals("--help") || args[0].equals("-h");
            (help ? System.out : System.err).println(USAGE);
            System.exit(help ? 0 : 2);
        }
        quietLibraryLogging();
        Settings settings;
        try {
            settings = Settings.resolve(properties(System.getProperties()), System.getenv(), distributionDir(),
                    Path.of("").toAbsolutePath(), System.getProperty("java.io.tmpdir"));
        } catch (IllegalArgumentException e) {
            System.err.println("Switchboard cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = new Launcher(settings, System.out).run();
        } catch (Exception e) {
            System.err.println("Switchboard could not start: " + e);
            exit = 1;
        }
        // System.exit, not a return: it runs the shutdown hook, which stops whatever was started.
        System.exit(exit);
    }

    int run() throws Exception {
        Instant startedAt = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        for (String part : new String[] {"payara-micro.jar", "switchboard-platform.war"}) {
            if (!Files.isRegularFile(settings.distDir().resolve(part))) {
                out.println("Switchboard cannot start: " + part + " is missing from " + settings.distDir()
                        + " (run the launcher jar of the built distribution, launcher/target/switchboard/).");
                return 2;
            }
        }
        Files.createDirectories(settings.dataDir());
        // A platform left behind still talks to the database left behind: stop it first.
        PlatformProcess.stopStale(settings.dataDir()).ifPresent(pid ->
                out.println("Stopped a platform process left running by a previous launcher (pid " + pid + ")."));
        EmbeddedDatabase.stopStale(settings.dataDir()).ifPresent(pid ->
                out.println("Stopped an embedded MariaDB left running by a previous launcher (pid " + pid + ")."));
        Optional<String> portProblem = portInUse(settings.httpPort());
        if (portProblem.isPresent()) {
            out.println("Switchboard cannot start: port " + settings.httpPort() + " is in use ("
                    + portProblem.get() + "). Stop that program or set switchboard.http.port / SWITCHBOARD_HTTP_PORT.");
            return 1;
        }
        // Registered before anything starts, so that Ctrl-C during startup leaves nothing behind either.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "switchboard-stop"));

        String dbUrl;
        String dbPassword = settings.dbPassword();
        if (settings.embeddedDatabase()) {
            out.println("Starting the embedded MariaDB (data in " + settings.dataDir().resolve("db") + ")…");
            database = EmbeddedDatabase.start(settings.dataDir(), settings.embeddedDbPort());
            dbUrl = database.jdbcUrl();
            supervisor = new DatabaseSupervisor(database, settings.maxDbRestarts(), settings.dbRestartWindow(), out,
                    this::databaseLost, java.time.Clock.systemUTC());
            supervisor.start();
            // The embedded server runs with --skip-grant-tables, so any password is accepted; MicroProfile Config
            // treats an empty value as missing, so the platform gets a non-empty placeholder.
            dbPassword = dbPassword.isEmpty() ? "embedded" : dbPassword;
        } else {
            dbUrl = settings.externalDbUrl().orElseThrow();
            Optional<String> problem = externalDatabaseCheck.problem(dbUrl, settings.dbUser(), dbPassword);
            if (problem.isPresent()) {
                out.println("Switchboard cannot start: cannot connect to the database at " + dbUrl.split("\\?")[0]
                        + " as '" + settings.dbUser() + "': " + problem.get());
                return 1;
            }
        }
        if (stopping || databaseLost) {
            stop();
            return 1;
        }

        Instant databaseReady = Instant.now();
        out.println("Starting the platform on port " + settings.httpPort() + " (plugins from "
                + settings.pluginsDir() + ")…");
        platform = PlatformProcess.start(settings, platformEnvironment(dbUrl, dbPassword));

        Instant deadline = Instant.now().plus(settings.startupTimeout());
        boolean healthy = platform.awaitHealthy(deadline);
        if (healthy) {
            Instant up = Instant.now();
            banner(Duration.between(startedAt, up), Duration.between(startedAt, databaseReady),
                    Duration.between(databaseReady, up));
        } else if (platform.isAlive() && !stopping && !databaseLost) {
            out.println("Switchboard did not report healthy within " + settings.startupTimeout().toSeconds()
                    + " s (see the log above; switchboard.startup.timeout sets the limit); stopping.");
            stop();
            return 1;
        }

        int exit = platform.waitFor();
        if (databaseLost) {
            stop(); // the supervisor's stop may still be under way: wait for it
            return 1;
        }
        if (stopping) {
            return exit;
        }
        if (!healthy) {
            // Payara Micro exits with 0 when, e.g., its HTTP listener cannot bind ("Failed to start, exiting").
            out.println("The platform failed to start (exit code " + exit + "; see its log above); stopping.");
            stop();
            return exit == 0 ? 1 : exit;
        }
        out.println("The platform exited by itself (exit code " + exit + "); stopping the database.");
        stop();
        return exit;
    }

    /** The supervisor gave up on the embedded database: say why, stop everything; {@link #run()} returns 1. */
    private void databaseLost(String reason) {
        out.println(reason);
        databaseLost = true;
        stop();
    }

    /**
     * Stops the platform (SIGTERM, forced after 30 s), then the database. Runs once, from the shutdown hook or from
     * {@link #run()}; a Ctrl-C during a stop waits for it (the lock) instead of letting the JVM halt halfway.
     */
    void stop() {
        stopping = true;
        synchronized (this) {
            if (!stopped) {
                stopped = true;
                stopAll();
            }
        }
    }

    private void stopAll() {
        DatabaseSupervisor runningSupervisor = supervisor;
        if (runningSupervisor != null) {
            runningSupervisor.stop(); // before the platform: a database stopped on purpose is not restarted
        }
        PlatformProcess runningPlatform = platform;
        if (runningPlatform != null && runningPlatform.isAlive()) {
            out.println("Stopping the platform…");
        }
        if (runningPlatform != null) {
            runningPlatform.stop(STOP_GRACE);
        } else {
            // Ctrl-C between spawning Payara and recording it: its pid file names it.
            PlatformProcess.stopStale(settings.dataDir());
        }
        EmbeddedDatabase runningDatabase = database;
        if (runningDatabase != null) {
            out.println("Stopping the embedded MariaDB…");
            runningDatabase.close();
        }
        if (settings.embeddedDatabase()) {
            // Ctrl-C while the database was starting: mariadbd has written its pid file but start() has not returned.
            EmbeddedDatabase.stopStale(settings.dataDir());
        }
        out.println("Switchboard stopped.");
    }

    /**
     * What the platform reads through MicroProfile Config, as environment variables so that no password shows in
     * {@code ps}. {@code switchboard.*} system properties given to the launcher are passed on the same way (e.g.
     * {@code -Dswitchboard.secrets.key=…}); the launcher's own environment is inherited.
     */
    private Map<String, String> platformEnvironment(String dbUrl, String dbPassword) {
        Map<String, String> environment = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("switchboard."))
                .forEach(name -> environment.put(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
                        System.getProperty(name)));
        if (!environment.containsKey("SWITCHBOARD_SECRETS_KEYS") && System.getenv("SWITCHBOARD_SECRETS_KEYS") == null) {
            try {
                environment.put("SWITCHBOARD_SECRETS_KEYS", LocalSecretsKey.loadOrCreate(settings.dataDir()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        environment.put("SWITCHBOARD_DB_URL", dbUrl);
        environment.put("SWITCHBOARD_DB_USER", settings.embeddedDatabase() ? EmbeddedDatabase.USER : settings.dbUser());
        environment.put("SWITCHBOARD_DB_PASSWORD", dbPassword);
        environment.put("SWITCHBOARD_PLUGINS_DIR", settings.pluginsDir().toString());
        environment.put("SWITCHBOARD_DATA_DIR", settings.dataDir().toString());
        return environment;
    }

    private void banner(Duration startup, Duration untilDatabase, Duration platformStart) {
        String base = "http://localhost:" + settings.httpPort();
        EmbeddedDatabase db = database;
        out.println();
        out.printf(Locale.ROOT, "Switchboard is up in %.1f s (launcher and database %.1f s, platform %.1f s)%n",
                seconds(startup), seconds(untilDatabase), seconds(platformStart));
        out.println("  UI:       " + base + "/");
        out.println("  API:      " + base + "/api/v1/plugins");
        out.println("  Health:   " + base + "/health");
        out.println("  Data:     " + settings.dataDir());
        out.println("  Plugins:  " + settings.pluginsDir());
        // Without the URL's options: they may hold a password (…?password=…).
        out.println("  Database: " + (db == null ? "external (" + settings.externalDbUrl().orElseThrow().split("\\?")[0]
                + ")" : "embedded MariaDB on 127.0.0.1:" + db.port()));
        out.println("  Memory:   platform " + ResidentMemory.megabytes(platform.pid())
                + (db == null ? "" : ", database " + ResidentMemory.megabytes(db.pid()))
                + ", launcher " + ResidentMemory.megabytes(ProcessHandle.current().pid()) + " (resident)");
        out.println("Press Ctrl-C to stop.");
        out.println();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /**
     * Checked before the database starts: Payara Micro finds a taken port only after ≈ 5 s of booting, buries the
     * BindException in its log and exits with 0 — and meanwhile /health might be answered by the stranger.
     */
    private static Optional<String> portInUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return Optional.empty();
        } catch (BindException inUse) {
            return Optional.of(inUse.getMessage());
        } catch (IOException other) {
            return Optional.of(other.toString());
        }
    }

    /** See logging.properties beside this class. */
    private static void quietLibraryLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream config = Launcher.class.getResourceAsStream("logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException unreadable) {
            // the JDK's default logging configuration applies
        }
    }

    private static Map<String, String> properties(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    /** The folder of the launcher jar: the distribution with payara-micro.jar, the WAR and plugins/. */
    private static Path distributionDir() {
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(jar) ? jar : jar.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher jar", e);
        }
    }

    private static final String USAGE = """
            Usage: java [-Dswitchboard.x.y=value …] -jar switchboard-launcher.jar
            Starts Switchboard (Payara Micro + the platform WAR + plugins) with an embedded MariaDB, or an external
            one when switchboard.db.url is set. Ctrl-C stops everything.
            Settings (system property, or the environment variable in upper case with '_', e.g. SWITCHBOARD_HTTP_PORT):
              switchboard.http.port           HTTP port (8080)
              switchboard.data.dir            data folder, not under the temp folder (./data)
              switchboard.plugins.dir         plugin jars (<distribution>/plugins)
              switchboard.db.url              JDBC URL of an external MariaDB (unset: embedded)
              switchboard.db.user             database user (root)
              switchboard.db.password         database password (required with db.url)
              switchboard.db.embedded.port    port of the embedded MariaDB on 127.0.0.1 (0: any free port)
              switchboard.java.opts           JVM options of the platform process (-Xmx512m)
              switchboard.startup.timeout     seconds to wait for /health to be UP (120)
              switchboard.db.embedded.max-restarts           restarts of a dead embedded MariaDB (3) within
              switchboard.db.embedded.restart-window-minutes this many minutes (10); one more death: stop, exit 1""";
}
