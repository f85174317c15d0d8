package io.switchboard.platform.flow;

import io.switchboard.platform.persistence.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code external_link} table in plain SQL, for the pipeline's hot path. Writes go in one statement: a multi-row
 * {@code INSERT … ON DUPLICATE KEY UPDATE} against the unique key (flow, source reference, kind), so a link another
 * run wrote meanwhile (the number → client link of a second call) is re-targeted rather than duplicated. One
 * statement is atomic on its own (autocommitted outside a transaction, part of the caller's when there is one).
 * Through JPA the same write was a query and an insert per link inside a JTA transaction: ≈ 28 % of a pipeline
 * worker's CPU; reading a call's links as entities was another ≈ 5 % (issue #5).
 *
 * <p>Explicit SQL, so the tenant is explicit: each link carries the tenant its run was bound to, reads name the
 * tenant the same way, and the flow id comes from that tenant's own flow definition (read through the tenant's
 * entity manager). Listed in ADR 0004 with the other statements outside the tenant's entity manager.
 */
@ApplicationScoped
public class ExternalLinkSql {

    /** One link to write, of one tenant's flow. */
    public record Link(long tenantId, long flowId, String kind, String sourceRef, String targetRef) {
    }

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    /**
     * @return the links of one source reference in one tenant's flow, kind → target reference
     */
    public Map<String, String> targetsOf(long tenantId, long flowId, String sourceRef) {
        Map<String, String> targets = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT link_kind, target_ref FROM external_link "
                     + "WHERE tenant_id = ? AND flow_id = ? AND source_ref = ?")) {
            select.setLong(1, tenantId);
            select.setLong(2, flowId);
            select.setString(3, sourceRef);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    targets.put(rows.getString(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The flow's links could not be read: " + e.getMessage(), e);
        }
        return targets;
    }

    /** Writes the links now, in one statement. */
    public void upsert(List<Link> links, Instant now) {
        if (links.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            upsert(connection, links, now);
        } catch (SQLException e) {
            throw new IllegalStateException("The flow's links could not be written: " + e.getMessage(), e);
        }
    }

    /** Writes the links on the caller's connection (in its transaction, if it has one started). */
    public static void upsert(Connection connection, List<Link> links, Instant now) throws SQLException {
        if (links.isEmpty()) {
            return;
        }
        String rows = String.join(", ", Collections.nCopies(links.size(), "(?, ?, ?, ?, ?, ?)"));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO external_link (tenant_id, flow_id, "
                + "link_kind, source_ref, target_ref, created_at) VALUES " + rows
                + " ON DUPLICATE KEY UPDATE target_ref = VALUES(target_ref)")) {
            Timestamp created = Timestamp.from(now);
            int i = 1;
            for (Link link : links) {
                insert.setLong(i++, link.tenantId());
                insert.setLong(i++, link.flowId());
                insert.setString(i++, link.kind());
                insert.setString(i++, link.sourceRef());
                insert.setString(i++, link.targetRef());
                insert.setTimestamp(i++, created);
            }
            insert.executeUpdate();
        }
    }
}
