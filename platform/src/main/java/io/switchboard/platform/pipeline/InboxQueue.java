package io.switchboard.platform.pipeline;

import io.switchboard.platform.persistence.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * The inbox as a work queue, shared by every platform instance on the database. Claiming uses
 * {@code SELECT … FOR UPDATE SKIP LOCKED}: instances never wait for each other and never take the same event. Only
 * the oldest unfinished event of an ordering key (a call, a conversation) can be claimed, so one key's events are
 * processed one at a time, in arrival order. A claim is a lease: an event whose instance died mid-way becomes
 * claimable again when the lease runs out. System SQL across tenants (ADR 0005): the queue is the platform's, the
 * processing of each event is scoped to its tenant.
 */
@ApplicationScoped
public class InboxQueue {

    /** States of an inbox event, as stored. */
    public enum State { RECEIVED, PROCESSING, RETRYING, DONE, DEAD }

    /** Only the oldest unfinished event of its ordering key may go; the index keeps this one lookup per candidate. */
    private static final String FIRST_OF_ITS_KEY = "(e.ordering_key IS NULL OR NOT EXISTS (SELECT 1 FROM inbox_event p "
            + "FORCE INDEX (ix_inbox_order) WHERE p.connection_id = e.connection_id AND p.ordering_key = e.ordering_key "
            + "AND p.id < e.id AND p.state IN ('RECEIVED', 'RETRYING', 'PROCESSING')))";
    /**
     * Due events of one state, oldest first, read along the (state, id) index: no sort, no scan of other states'
     * rows. One state per query: with an OR of states MariaDB scanned the whole table (≈ 70 ms with 45,000 rows).
     * A plain read, no locks: under {@code FOR UPDATE} MariaDB also locks (and with {@code SKIP LOCKED} skips) the
     * rows the ordering subquery reads, so an earlier event another instance was claiming at that moment looked
     * absent, and each row read cost a check for locks (≈ 7 % of MariaDB's CPU in the end-to-end benchmark).
     */
    private static final String DUE = "SELECT e.id FROM inbox_event e FORCE INDEX (ix_inbox_state_id) "
            + "WHERE e.state = '%s' AND e.%s <= ? AND " + FIRST_OF_ITS_KEY + " ORDER BY e.id LIMIT ?";
    /** Due retries, then new events. */
    private static final List<String> DUE_WAITING = List.of(
            String.format(DUE, "RETRYING", "next_attempt_at"), String.format(DUE, "RECEIVED", "next_attempt_at"));
    /** Events whose lease ran out (their instance died or stalled). */
    private static final String DUE_LEASE_EXPIRED = String.format(DUE, "PROCESSING", "locked_until");
    /** Still due when locked: the candidates were read without locks, another instance may have taken them since. */
    private static final String STILL_DUE = "((state IN ('RECEIVED', 'RETRYING') AND next_attempt_at <= ?) "
            + "OR (state = 'PROCESSING' AND locked_until <= ?))";

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    /**
     * Reserves up to {@code limit} due events for this instance: reads the candidates without locks, then locks
     * those still due by primary key ({@code FOR UPDATE SKIP LOCKED}: another instance claiming the same rows is
     * skipped, never waited for) and marks them in progress, in one transaction.
     *
     * @param owner          a token naming this claim (instance + random), so only its owner can finish the event
     * @param expiredLeases  also take over events whose lease ran out; a scan of all events in progress, so the
     *                       caller asks for it now and then (leases last minutes), not on every claim
     */
    public List<ClaimedEvent> claim(String owner, int limit, Instant now, Instant leaseUntil, boolean expiredLeases)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Long> candidates = new ArrayList<>();
                List<String> queries = new ArrayList<>(DUE_WAITING);
                if (expiredLeases) {
                    queries.add(0, DUE_LEASE_EXPIRED);
                }
                for (String sql : queries) {
                    if (candidates.size() >= limit) {
                        break;
                    }
                    try (PreparedStatement due = connection.prepareStatement(sql)) {
                        due.setTimestamp(1, Timestamp.from(now));
                        due.setInt(2, limit - candidates.size());
                        collect(due, candidates);
                    }
                }
                List<ClaimedEvent> claimed = new ArrayList<>();
                if (!candidates.isEmpty()) {
                    // Read whole rows while locking them: the attempt number is the stored one plus this claim's.
                    try (PreparedStatement lock = connection.prepareStatement("SELECT id, tenant_id, connection_id, "
                            + "method, query_string, headers_json, body, received_at, attempts FROM inbox_event "
                            + "WHERE id IN " + placeholders(candidates.size()) + " AND " + STILL_DUE
                            + " ORDER BY id FOR UPDATE SKIP LOCKED")) {
                        int i = 1;
                        for (Long candidate : candidates) {
                            lock.setLong(i++, candidate);
                        }
                        lock.setTimestamp(i++, Timestamp.from(now));
                        lock.setTimestamp(i, Timestamp.from(now));
                        try (ResultSet rs = lock.executeQuery()) {
                            while (rs.next()) {
                                claimed.add(new ClaimedEvent(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getBytes(7),
                                        rs.getTimestamp(8).toInstant(), rs.getInt(9) + 1, owner));
                            }
                        }
                    }
                }
                if (claimed.isEmpty()) {
                    connection.commit();
                    return List.of();
                }
                try (PreparedStatement take = connection.prepareStatement("UPDATE inbox_event SET state = 'PROCESSING', "
                        + "locked_by = ?, locked_until = ?, attempts = attempts + 1 WHERE id IN "
                        + placeholders(claimed.size()))) {
                    take.setString(1, owner);
                    take.setTimestamp(2, Timestamp.from(leaseUntil));
                    for (int i = 0; i < claimed.size(); i++) {
                        take.setLong(3 + i, claimed.get(i).id());
                    }
                    take.executeUpdate();
                }
                connection.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * How an attempt ended, to record.
     *
     * @param nextAttempt when to retry (state RETRYING), else {@code null}
     * @param at          when it ended
     * @param notCounted  true when the attempt is given back (it was paused before sending anything, ADR 0009)
     */
    public record Finish(ClaimedEvent event, State state, Instant nextAttempt, String error, String summary,
                         String resultJson, Instant at, boolean notCounted) {

        public Finish(ClaimedEvent event, State state, Instant nextAttempt, String error, String summary,
                      String resultJson, Instant at) {
            this(event, state, nextAttempt, error, summary, resultJson, at, false);
        }
    }

    /**
     * Records how attempts ended, on the caller's connection (one JDBC batch; the caller commits). An outcome whose
     * claim was lost (the lease ran out and another instance took the event over) changes nothing: that instance's
     * outcome counts.
     */
    public void finish(Connection connection, List<Finish> finishes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE inbox_event SET state = ?, "
                + "next_attempt_at = COALESCE(?, next_attempt_at), last_error = ?, summary = ?, result_json = ?, "
                + "finished_at = ?, processed_by = ?, locked_by = NULL, locked_until = NULL, "
                + "attempts = GREATEST(0, attempts - ?) WHERE id = ? AND locked_by = ?")) {
            for (Finish finish : finishes) {
                State state = finish.state();
                update.setString(1, state.name());
                update.setTimestamp(2, finish.nextAttempt() == null ? null : Timestamp.from(finish.nextAttempt()));
                update.setString(3, clip(finish.error(), 2000));
                update.setString(4, clip(finish.summary(), 500));
                update.setString(5, finish.resultJson());
                update.setTimestamp(6, state == State.DONE || state == State.DEAD ? Timestamp.from(finish.at()) : null);
                update.setString(7, finish.event().lockedBy());
                update.setInt(8, finish.notCounted() ? 1 : 0);
                update.setLong(9, finish.event().id());
                update.setString(10, finish.event().lockedBy());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Ends the lease of claimed events this instance will not process (it is stopping): claimable again now. */
    public void release(List<ClaimedEvent> events, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE inbox_event SET locked_until = ? WHERE id = ? AND locked_by = ?")) {
            for (ClaimedEvent event : events) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, event.id());
                update.setString(3, event.lockedBy());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Deletes finished (done) events older than the cut-off. @return how many */
    public int purgeDone(Instant olderThan) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM inbox_event WHERE state = 'DONE' AND finished_at < ? LIMIT 10000")) {
            delete.setTimestamp(1, Timestamp.from(olderThan));
            return delete.executeUpdate();
        }
    }

    private static void collect(PreparedStatement query, List<Long> ids) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
    }

    private static String placeholders(int n) {
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < n; i++) {
            joiner.add("?");
        }
        return joiner.toString();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
