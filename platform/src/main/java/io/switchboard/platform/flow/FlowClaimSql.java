package io.switchboard.platform.flow;

import io.switchboard.platform.persistence.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * The {@code flow_claim} table in plain SQL ({@link FlowClaims}). Each statement autocommits, so a hold is seen by
 * every instance at once. The tenant is explicit, as in {@link ExternalLinkSql} (ADR 0004).
 */
@ApplicationScoped
public class FlowClaimSql {

    /**
     * How long a hold outlives a run that never released it (a crash): longer than any event attempt, whose vendor
     * waits are bounded by half the pipeline's lease (ADR 0009).
     */
    static final Duration EXPIRY = Duration.ofMinutes(2);

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    /**
     * Takes the key for the owner when it is free, expired, or the owner's already, in one statement (the upsert's
     * assignments run left to right: {@code owner} first, then {@code expires_at} sees the new owner).
     *
     * @return the key's owner after the attempt: {@code owner} when it holds the key now
     */
    public String take(long tenantId, long connectionId, String key, String owner, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO flow_claim (connection_id, "
                    + "claim_key, tenant_id, owner, expires_at) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                    + "owner = IF(owner = VALUES(owner) OR expires_at < ?, VALUES(owner), owner), "
                    + "expires_at = IF(owner = VALUES(owner), VALUES(expires_at), expires_at)")) {
                upsert.setLong(1, connectionId);
                upsert.setString(2, key);
                upsert.setLong(3, tenantId);
                upsert.setString(4, owner);
                upsert.setTimestamp(5, Timestamp.from(now.plus(EXPIRY)));
                upsert.setTimestamp(6, Timestamp.from(now));
                upsert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT owner FROM flow_claim "
                    + "WHERE connection_id = ? AND claim_key = ? AND tenant_id = ?")) {
                select.setLong(1, connectionId);
                select.setString(2, key);
                select.setLong(3, tenantId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("A flow's claim could not be taken: " + e.getMessage(), e);
        }
    }

    /** Releases the owner's holds on these keys of the connection. */
    public void release(long tenantId, long connectionId, Collection<String> keys, String owner) {
        if (keys.isEmpty()) {
            return;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_claim WHERE connection_id = ? "
                     + "AND tenant_id = ? AND owner = ? AND claim_key IN (" + marks + ")")) {
            int i = 1;
            delete.setLong(i++, connectionId);
            delete.setLong(i++, tenantId);
            delete.setString(i++, owner);
            for (String key : keys) {
                delete.setString(i++, key);
            }
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("A flow's claims could not be released: " + e.getMessage(), e);
        }
    }
}
