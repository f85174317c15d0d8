package io.switchboard.platform.persistence;

import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How long the platform waits for its database (MicroProfile Config; the README lists the keys). Every wait on the
 * database is bounded, so that a stalled server (frozen, unreachable, its disk hung) turns into quick refusals — a
 * 503 with {@code Retry-After} for a webhook, DOWN on {@code /health} — instead of request threads piling up on it.
 *
 * @param connectMs  {@code switchboard.db.connect-timeout-ms} (3000): opening a connection, handshake included
 * @param socketMs   {@code switchboard.db.socket-timeout-ms} (8000): the longest wait for any answer on an open
 *                   connection, so also the longest a statement may run (schema migrations are exempt)
 * @param probeMs    {@code switchboard.db.probe-timeout-ms} (2000): the health probe's connect and answer timeout
 * @param probeEveryMs {@code switchboard.db.probe-interval-ms} (1000): pause between health probes
 */
public record DatabaseTimeouts(int connectMs, int socketMs, int probeMs, int probeEveryMs) {

    public static final DatabaseTimeouts DEFAULTS = new DatabaseTimeouts(3000, 8000, 2000, 1000);

    /** @return the configured timeouts, each at least 100 ms (0 would mean "wait for ever" to the driver) */
    public static DatabaseTimeouts fromConfig() {
        Config config = ConfigProvider.getConfig(DatabaseTimeouts.class.getClassLoader());
        return new DatabaseTimeouts(
                read(config, "switchboard.db.connect-timeout-ms", DEFAULTS.connectMs),
                read(config, "switchboard.db.socket-timeout-ms", DEFAULTS.socketMs),
                read(config, "switchboard.db.probe-timeout-ms", DEFAULTS.probeMs),
                read(config, "switchboard.db.probe-interval-ms", DEFAULTS.probeEveryMs));
    }

    private static int read(Config config, String key, int defaultValue) {
        Optional<Integer> value = config.getOptionalValue(key, Integer.class);
        return Math.max(100, value.orElse(defaultValue));
    }

    /**
     * The JDBC URL with the MariaDB driver's {@code connectTimeout} and {@code socketTimeout} added; a value the URL
     * already sets is kept (the operator's choice wins).
     *
     * @param socketMs 0 for no socket timeout (schema migrations: an ALTER of a big table may run for minutes)
     */
    public static String withTimeouts(String url, int connectMs, int socketMs) {
        if (url == null || url.isBlank()) {
            return url;
        }
        StringBuilder result = new StringBuilder(url);
        String lower = url.toLowerCase(Locale.ROOT);
        boolean hasQuery = url.indexOf('?') >= 0;
        if (!hasOption(lower, "connecttimeout")) {
            result.append(hasQuery ? '&' : '?').append("connectTimeout=").append(connectMs);
            hasQuery = true;
        }
        if (!hasOption(lower, "sockettimeout")) {
            result.append(hasQuery ? '&' : '?').append("socketTimeout=").append(socketMs);
        }
        return result.toString();
    }

    private static boolean hasOption(String lowerUrl, String lowerName) {
        int query = lowerUrl.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String option : lowerUrl.substring(query + 1).split("&")) {
            if (option.startsWith(lowerName + "=")) {
                return true;
            }
        }
        return false;
    }
}
