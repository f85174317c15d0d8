package io.switchboard.platform.persistence;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * The platform's one database. Connection settings come from MicroProfile Config ({@code switchboard.db.url},
 * {@code switchboard.db.user}, {@code switchboard.db.password}, or the matching {@code SWITCHBOARD_DB_*} environment
 * variables); the MariaDB driver ships inside the WAR.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "org.mariadb.jdbc.MariaDbDataSource",
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
                "fish.payara.fail-all-connections=true"
        })
public final class Database {

    /** JNDI name of the data source; the persistence unit and the migrations use it. */
    public static final String JNDI_NAME = "java:app/jdbc/switchboard";

    private Database() {
    }
}
