package io.switchboard.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import javax.sql.DataSource;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Brings the schema to the version this build expects, with the Flyway migrations under {@code db/migration}.
 * Runs once at startup before anything touches the database; several instances starting together are serialized
 * by Flyway's own lock.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    /**
     * Applies pending migrations; throws when the database is unreachable or a migration fails. On connections of
     * their own without the pool's socket timeout ({@link DatabaseTimeouts}): an ALTER of a big table may run for
     * minutes, and a statement cut off by the timeout would leave the migration half done.
     */
    public void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(withoutSocketTimeout())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now)");
    }

    private static DataSource withoutSocketTimeout() {
        Config config = ConfigProvider.getConfig(SchemaMigration.class.getClassLoader());
        try {
            MariaDbDataSource dataSource = new MariaDbDataSource(DatabaseTimeouts.withTimeouts(
                    config.getValue("switchboard.db.url", String.class), DatabaseTimeouts.fromConfig().connectMs(), 0));
            dataSource.setUser(config.getOptionalValue("switchboard.db.user", String.class).orElse(null));
            dataSource.setPassword(config.getOptionalValue("switchboard.db.password", String.class).orElse(null));
            return dataSource;
        } catch (SQLException e) {
            throw new IllegalStateException("switchboard.db.url is not a usable MariaDB JDBC URL", e);
        }
    }
}
