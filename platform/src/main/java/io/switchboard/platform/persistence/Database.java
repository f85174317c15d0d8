package io.switchboard.platform.persistence;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * The platform's one database. Connection settings come from MicroProfile Config ({@code switchboard.db.url},
 * {@code switchboard.db.user}, {@code switchboard.db.password}, or the matching {@code SWITCHBOARD_DB_*} environment
 * variables); the MariaDB driver ships inside the WAR.
 *
 * <p>Every wait on it is bounded (issue #20, ADR 0005 "When the database misbehaves"): {@link TimeoutDataSource} adds
 * the driver's connect and socket timeouts to the URL, and a request waits at most
 * {@code fish.payara.max-wait-time-in-millis} for a free pooled connection (Payara's default: 60 s).
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "io.switchboard.platform.persistence.TimeoutDataSource",
        url = "${MPCONFIG=switchboard.db.url}",
        user = "${MPCONFIG=switchboard.db.user}",
        password = "${MPCONFIG=switchboard.db.password}",
        // READ COMMITTED: no gap locks, so the pipeline's SKIP LOCKED claims and the webhook INSERTs do not deadlock
        // on each other's index ranges (they did under MariaDB's default REPEATABLE READ).
        isolationLevel = java.sql.Connection.TRANSACTION_READ_COMMITTED,
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=meta-data",
                "fish.payara.fail-all-connections=true",
                // Waiting for a free pooled connection (Payara's default is 60 s). Read by Payara before any
                // application code runs, so fixed here rather than a setting.
                "fish.payara.max-wait-time-in-millis=5000"
        })
public final class Database {

    /** JNDI name of the data source; the persistence unit and the migrations use it. */
    public static final String JNDI_NAME = "java:app/jdbc/switchboard";

    private Database() {
    }
}
