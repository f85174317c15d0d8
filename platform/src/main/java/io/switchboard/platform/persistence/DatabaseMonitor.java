package io.switchboard.platform.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Knows whether the database answers, without making anyone wait for it: one thread probes it (a connection of its
 * own, outside the pool, with the short {@link DatabaseTimeouts#probeMs() probe timeout} for connecting and for the
 * answer) every {@link DatabaseTimeouts#probeEveryMs() probe interval}, twice as often while it is down. The health
 * check reports what it found, and the webhook path and the pipeline ask {@link #available()} before they queue work
 * on a database known to be away: while it is, webhooks get their 503 at once and the pipeline pauses, instead of
 * request threads and workers piling up on a stuck server (issue #20).
 *
 * <p>A stall shows within one interval plus one probe timeout (≈ 3 s with the defaults): a probe that does not
 * finish in time fails. As a second guard, a last success older than two intervals plus two probe timeouts also counts
 * as down, whatever the probe thread is doing. Work that meets a connection failure itself reports it
 * ({@link #troubleSeen}) so the next probe runs at once.
 */
@ApplicationScoped
public class DatabaseMonitor {

    private static final Logger LOG = Logger.getLogger(DatabaseMonitor.class.getName());

    /** One probe: throws when the database does not answer in time. */
    @FunctionalInterface
    interface Probe {
        void run() throws SQLException;
    }

    @Resource
    private ManagedThreadFactory threads;

    private final Object wakeUp = new Object();
    private final LongSupplier nanoTime;
    private DatabaseTimeouts timeouts;
    private Probe probe;
    private volatile boolean running;
    private volatile boolean lastProbeOk = true;
    private volatile long lastSuccessNanos;
    private volatile long downSinceNanos;
    private volatile String lastProblem = "";
    private Thread thread;
    private Connection connection;

    public DatabaseMonitor() {
        this(System::nanoTime);
    }

    DatabaseMonitor(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastSuccessNanos = nanoTime.getAsLong();
    }

    /** Starts probing (once; later calls do nothing). Called first thing at startup. */
    public synchronized void start() {
        if (running) {
            return;
        }
        DatabaseTimeouts configured = DatabaseTimeouts.fromConfig();
        start(configured, this::probeOwnConnection, threads);
    }

    synchronized void start(DatabaseTimeouts timeouts, Probe probe, ThreadFactory threadFactory) {
        this.timeouts = timeouts;
        this.probe = probe;
        running = true;
        probeOnce();
        thread = threadFactory.newThread(this::probeLoop);
        thread.setName("switchboard-database-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * @return false while the database is known not to answer: the last probe failed, or none has succeeded for
     *         longer than a probe could take. Answers at once.
     */
    public boolean available() {
        if (timeouts == null) {
            return true; // not started (yet): nothing known, nobody refused
        }
        long stale = TimeUnit.MILLISECONDS.toNanos(2L * timeouts.probeEveryMs() + 2L * timeouts.probeMs());
        return lastProbeOk && nanoTime.getAsLong() - lastSuccessNanos <= stale;
    }

    /** @return what the last failed probe said, for logs; empty while the database answers */
    public String problem() {
        return available() ? "" : lastProblem;
    }

    /**
     * Someone met a failure that may mean the database is away: probe now rather than at the next interval.
     *
     * @param failure what they met; ignored unless it looks like connection trouble
     */
    public void troubleSeen(Throwable failure) {
        if (isConnectionTrouble(failure)) {
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
        }
    }

    /**
     * Waits until the database answers, or {@code maxMillis} passed.
     *
     * @return whether it is available now
     */
    public boolean awaitAvailable(long maxMillis) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (!available()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - nanoTime.getAsLong());
            if (left <= 0) {
                return false;
            }
            synchronized (wakeUp) {
                wakeUp.wait(Math.min(left, 200));
            }
        }
        return true;
    }

    /**
     * @return true for failures that say the database could not be reached or did not answer in time (SQL state
     *         class 08, the JDBC connection and timeout exceptions), anywhere in the cause chain
     */
    public static boolean isConnectionTrouble(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private void probeLoop() {
        while (running) {
            try {
                synchronized (wakeUp) {
                    wakeUp.wait(lastProbeOk ? timeouts.probeEveryMs() : Math.max(100, timeouts.probeEveryMs() / 2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (running) {
                probeOnce();
            }
        }
        closeConnection();
    }

    void probeOnce() {
        try {
            probe.run();
            if (!lastProbeOk) {
                LOG.info(String.format(java.util.Locale.ROOT, "The database answers again (%.1f s after a probe found "
                        + "it away): webhooks "
                        + "are stored and the pipeline resumes",
                        (nanoTime.getAsLong() - downSinceNanos) / 1e9));
            }
            lastSuccessNanos = nanoTime.getAsLong();
            lastProbeOk = true;
        } catch (SQLException | RuntimeException e) {
            lastProblem = String.valueOf(e.getMessage());
            if (lastProbeOk) {
                downSinceNanos = nanoTime.getAsLong();
                LOG.warning("The database does not answer (" + lastProblem + "): /health is DOWN, webhooks are "
                        + "answered 503 with Retry-After and the pipeline pauses until it does");
            }
            lastProbeOk = false;
            closeConnection();
        } finally {
            synchronized (wakeUp) {
                wakeUp.notifyAll(); // whoever waits in awaitAvailable looks again
            }
        }
    }

    /** A connection of its own with short timeouts: the pool's may all be taken or stuck. */
    private void probeOwnConnection() throws SQLException {
        if (connection == null) {
            Config config = ConfigProvider.getConfig(DatabaseMonitor.class.getClassLoader());
            String url = DatabaseTimeouts.withTimeouts(config.getValue("switchboard.db.url", String.class),
                    timeouts.probeMs(), timeouts.probeMs());
            Properties credentials = new Properties();
            config.getOptionalValue("switchboard.db.user", String.class).ifPresent(u -> credentials.put("user", u));
            config.getOptionalValue("switchboard.db.password", String.class)
                    .ifPresent(p -> credentials.put("password", p));
            connection = new org.mariadb.jdbc.Driver().connect(url, credentials);
            if (connection == null) {
                throw new SQLException("switchboard.db.url is not a MariaDB JDBC URL");
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DO 1");
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                LOG.log(Level.FINEST, "closing the probe connection", ignored);
            }
            connection = null;
        }
    }
}
