package io.switchboard.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Connects once to the external database before the platform starts: a wrong URL, password or a server that is
 * down is then reported in one line within seconds, instead of as a failed deployment deep in Payara's log after
 * the startup timeout.
 */
final class ExternalDatabaseProbe {

    private static final int TIMEOUT_SECONDS = 5;

    private ExternalDatabaseProbe() {
    }

    /** @return the problem in plain words, or empty when a connection could be opened */
    static Optional<String> problem(String url, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS * 1000));
        DriverManager.setLoginTimeout(TIMEOUT_SECONDS);
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            return connection.isValid(TIMEOUT_SECONDS) ? Optional.empty()
                    : Optional.of("the server did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            // The driver's message names the cause (refused, unknown host, access denied) and never the password.
            return Optional.of(e.getMessage());
        }
    }
}
