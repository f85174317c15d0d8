package io.switchboard.platform.pipeline;

import io.switchboard.platform.flow.ExternalLinkSql;
import io.switchboard.platform.persistence.Database;
import io.switchboard.platform.persistence.GroupCommitQueue;
import io.switchboard.platform.persistence.DatabaseMonitor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Records the outcomes of processed events with group commit ({@link GroupCommitQueue}): workers hand over an event's outcome and its flows'
 * last links and go on with the next event; one writer thread writes whatever has queued up meanwhile (up to
 * {@link #MAX_BATCH} events) — the links in one multi-row upsert, the outcomes in one JDBC batch — and commits once.
 * Before, each event cost two commits of its own (links, outcome), each an fsync (issue #5, docs/performance.md).
 *
 * <p>Nothing is lost by not waiting: until its outcome commits an event stays {@code PROCESSING} under its lease,
 * so the next event of its call cannot be claimed before it and sees its links. If the instance dies first, the
 * lease runs out and the event is processed again — which flows are made for (links written before each vendor
 * creation the vendor cannot find again, external ids searched before creating).
 */
@ApplicationScoped
public class OutcomeWriter {

    private static final Logger LOG = Logger.getLogger(OutcomeWriter.class.getName());
    static final int MAX_BATCH = 128;
    /** Workers wait when this many outcomes are queued (the database is slow or away). */
    private static final int CAPACITY = 4_096;

    /** An attempt's outcome and the links to write with it. */
    record Pending(InboxQueue.Finish finish, List<ExternalLinkSql.Link> links) {
    }

    private final GroupCommitQueue<Pending> queue = new GroupCommitQueue<>(CAPACITY, MAX_BATCH, this::write);

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;
    @Resource
    private ManagedThreadFactory threads;
    @Inject
    private InboxQueue inbox;
    @Inject
    private DatabaseMonitor database;
    /** Stopping: what is still queued is tried once, without waiting for an absent database. */
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        queue.start(threads, "switchboard-outcome-writer");
    }

    /** Writes what is still queued before the instance stops, so a graceful stop leaves no event to its lease. */
    @PreDestroy
    void stop() {
        stopping = true;
        List<Pending> rest = queue.stop();
        for (int from = 0; from < rest.size(); from += MAX_BATCH) {
            write(rest.subList(from, Math.min(rest.size(), from + MAX_BATCH)));
        }
    }

    /** Queues an outcome; returns at once unless {@link #CAPACITY} outcomes are waiting already. */
    void submit(InboxQueue.Finish finish, List<ExternalLinkSql.Link> links) {
        try {
            queue.put(new Pending(finish, links));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning("Interrupted before the outcome of event " + finish.event().id() + " was queued; its lease "
                    + "will run out and it will be processed again");
        }
    }

    /**
     * Writes a batch; if it fails as a whole, each event alone, so one bad event cannot hold up its neighbours.
     * While the database is away (issue #20) the batch waits for it and is then written as a whole: connection
     * trouble says nothing about the events, so it never makes one DEAD. Meanwhile outcomes queue up, and workers
     * wait once {@link #CAPACITY} are queued; the events stay under their lease.
     */
    private void write(List<Pending> batch) {
        while (true) {
            try {
                if (!stopping && !database.awaitAvailable(1000)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warning(batch.size() + " outcomes not written before the writer stopped; their events' leases "
                        + "will run out and they will be processed again");
                return;
            }
            try {
                writeWithRetry(batch, true);
                return;
            } catch (SQLException | RuntimeException e) {
                database.troubleSeen(e);
                if (!stopping && DatabaseMonitor.isConnectionTrouble(e)) {
                    LOG.log(Level.FINE, "A batch of " + batch.size() + " outcomes met connection trouble; written "
                            + "again once the database answers", e);
                    if (!pause()) {
                        return;
                    }
                    continue;
                }
                if (batch.size() > 1) {
                    LOG.log(Level.FINE, "A batch of " + batch.size() + " outcomes failed; writing them one by one", e);
                }
                break;
            }
        }
        for (Pending pending : batch) {
            try {
                writeWithRetry(List.of(pending), true);
            } catch (SQLException | RuntimeException withLinks) {
                if (DatabaseMonitor.isConnectionTrouble(withLinks)) {
                    LOG.log(Level.WARNING, "The outcome of event " + pending.finish().event().id() + " could not be "
                            + "written (connection trouble); its lease will run out and it will be processed again",
                            withLinks);
                    continue;
                }
                // E.g. the flow was deleted meanwhile (its links have nowhere to go): the outcome still counts.
                try {
                    writeWithRetry(List.of(pending), false);
                    LOG.log(Level.WARNING, "The links of event " + pending.finish().event().id() + " could not be "
                            + "written; its outcome was", withLinks);
                } catch (SQLException | RuntimeException e) {
                    recordUnrecordable(pending, e);
                }
            }
        }
    }

    /**
     * The outcome itself was refused (by the database's checks, say). Processing it again would end the same way,
     * every lease period for ever, with its flows re-run each time. So the event is recorded DEAD with a short
     * reason and nothing else; a tenant can replay it once the cause is fixed. When even that fails, the database
     * itself is in trouble: the lease runs out and the event is processed again later.
     */
    private void recordUnrecordable(Pending pending, Exception cause) {
        InboxQueue.Finish finish = pending.finish();
        String state = cause instanceof SQLException sql && sql.getSQLState() != null ? " (SQL state "
                + sql.getSQLState() + ")" : "";
        InboxQueue.Finish dead = new InboxQueue.Finish(finish.event(), InboxQueue.State.DEAD, null,
                "The outcome of this event (" + finish.state() + ") could not be recorded" + state + ", so it is not"
                        + " processed again by itself; replay it once the cause is fixed",
                "Outcome could not be recorded", null, finish.at());
        try {
            try {
                // With its links if they can be written: a replay must still find what the attempt created.
                writeWithRetry(List.of(new Pending(dead, pending.links())), true);
            } catch (SQLException | RuntimeException withLinks) {
                writeWithRetry(List.of(new Pending(dead, List.of())), false);
            }
            LOG.log(Level.WARNING, "The outcome of event " + finish.event().id() + " could not be recorded; the event "
                    + "is now DEAD", cause);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "The outcome of event " + finish.event().id() + " could not be recorded; its lease "
                    + "will run out and it will be processed again", e);
        }
    }

    /** A short pause before trying again, so a failing database is not hammered; false when interrupted. */
    private static boolean pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeWithRetry(List<Pending> batch, boolean withLinks) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                writeOnce(batch, withLinks);
                return;
            } catch (SQLTransactionRollbackException e) {
                // A deadlock victim (another instance's writer on the same links): nothing was written.
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void writeOnce(List<Pending> batch, boolean withLinks) throws SQLException {
        // Always in the same order (links by key, events by id), so two instances' writers rarely deadlock.
        List<ExternalLinkSql.Link> links = withLinks ? batch.stream().flatMap(p -> p.links().stream())
                .sorted(Comparator.comparingLong(ExternalLinkSql.Link::flowId)
                        .thenComparing(ExternalLinkSql.Link::kind).thenComparing(ExternalLinkSql.Link::sourceRef))
                .toList() : List.of();
        List<InboxQueue.Finish> finishes = batch.stream().map(Pending::finish)
                .sorted(Comparator.comparingLong(f -> f.event().id())).toList();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ExternalLinkSql.upsert(connection, links, Instant.now());
                inbox.finish(connection, finishes);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
