package io.switchboard.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's settings, read the MicroProfile Config way: a system property {@code switchboard.x.y} wins over
 * the environment variable {@code SWITCHBOARD_X_Y}; otherwise the default applies.
 *
 * @param httpPort       HTTP port of the platform
 * @param dataDir        local data folder (embedded database, pid files)
 * @param pluginsDir     plugin jars loaded by the platform
 * @param distDir        the distribution folder (launcher jar, payara-micro.jar, the WAR)
 * @param externalDbUrl  JDBC URL of an external MariaDB; empty means: start the embedded one
 * @param dbUser         database user
 * @param dbPassword     database password (never printed)
 * @param embeddedDbPort port of the embedded database, 0 for any free port
 * @param javaOpts       JVM options of the platform process
 */
record Settings(int httpPort, Path dataDir, Path pluginsDir, Path distDir, Optional<String> externalDbUrl,
                String dbUser, String dbPassword, int embeddedDbPort, List<String> javaOpts) {

    static final String DEFAULT_JAVA_OPTS = "-Xmx512m";

    /**
     * @param systemProperties system properties (highest precedence)
     * @param environment      environment variables
     * @param distDir          folder of the launcher jar
     * @param workingDir       current directory (relative paths resolve against it)
     * @param tempDir          {@code java.io.tmpdir}: the data folder must not lie under it
     * @throws IllegalArgumentException with a message for the user when a value is unusable
     */
    static Settings resolve(Map<String, String> systemProperties, Map<String, String> environment, Path distDir,
                            Path workingDir, Path tempDir) {
        Lookup lookup = new Lookup(systemProperties, environment);
        int httpPort = lookup.port("switchboard.http.port", 8080, false);
        Path dataDir = workingDir.resolve(lookup.get("switchboard.data.dir").orElse("data")).toAbsolutePath().normalize();
        Path temp = tempDir.toAbsolutePath().normalize();
        if (dataDir.startsWith(temp)) {
            throw new IllegalArgumentException("switchboard.data.dir " + dataDir + " lies under the temporary directory "
                    + temp + ", which the embedded MariaDB wipes on every start; choose another folder");
        }
        Path pluginsDir = lookup.get("switchboard.plugins.dir").map(p -> workingDir.resolve(p))
                .orElse(distDir.resolve("plugins")).toAbsolutePath().normalize();
        Optional<String> externalDbUrl = lookup.get("switchboard.db.url");
        String user = lookup.get("switchboard.db.user").orElse("root");
        String password = lookup.get("switchboard.db.password").orElse("");
        if (externalDbUrl.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("switchboard.db.url is set, so switchboard.db.password must be set too "
                    + "(SWITCHBOARD_DB_PASSWORD)");
        }
        int dbPort = lookup.port("switchboard.db.embedded.port", 0, true);
        List<String> javaOpts = Arrays.stream(lookup.get("switchboard.java.opts").orElse(DEFAULT_JAVA_OPTS).trim()
                .split("\\s+")).filter(s -> !s.isEmpty()).toList();
        return new Settings(httpPort, dataDir, pluginsDir, distDir.toAbsolutePath().normalize(), externalDbUrl, user,
                password, dbPort, javaOpts);
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

    private record Lookup(Map<String, String> systemProperties, Map<String, String> environment) {

        Optional<String> get(String key) {
            String value = systemProperties.get(key);
            if (value == null) {
                value = environment.get(key.toUpperCase(Locale.ROOT).replace('.', '_'));
            }
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        int port(String key, int defaultValue, boolean zeroAllowed) {
            Optional<String> value = get(key);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                int port = Integer.parseInt(value.get());
                if ((port == 0 && zeroAllowed) || (port > 0 && port < 65536)) {
                    return port;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new IllegalArgumentException(key + " must be a port number (1-65535), not '" + value.get() + "'");
        }
    }
}
