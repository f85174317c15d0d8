package io.switchboard.platform.flow;

import io.switchboard.platform.persistence.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes flows' links in one statement: a multi-row {@code INSERT … ON DUPLICATE KEY UPDATE} against the unique key
 * (flow, kind, source reference), so a link another run wrote meanwhile (the number → client link of a second call)
 * is re-targeted rather than duplicated. One statement is atomic on its own (autocommitted outside a transaction,
 * part of the caller's when there is one). Through JPA the same write was a query and an insert per link inside a
 * JTA transaction: ≈ 28 % of a pipeline worker's CPU (issue #5).
 *
 * <p>Explicit SQL, so the tenant is written explicitly: each link carries the tenant its run was bound to, and the
 * flow id comes from that tenant's own flow definition (read through the tenant's entity manager).
 */
@ApplicationScoped
public class ExternalLinkWrites {

    /** One link to write, of one tenant's flow. */
    public record Link(long tenantId, long flowId, String kind, String sourceRef, String targetRef) {
    }

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

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
