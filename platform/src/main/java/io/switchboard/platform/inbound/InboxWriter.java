package io.switchboard.platform.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.platform.persistence.Database;
import io.switchboard.platform.persistence.DatabaseMonitor;
import io.switchboard.platform.persistence.GroupCommitQueue;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stores verified inbound requests in {@code inbox_event} with group commit ({@link GroupCommitQueue}): request
 * threads hand their row to one writer thread and wait; the writer takes whatever has queued up meanwhile (up to {@link #MAX_BATCH} rows), writes
 * it with one multi-row INSERT and one commit, and releases the waiting threads. So each vendor is still answered
 * only after its event is committed, while the database commits — and the platform prepares statements and
 * borrows connections — once per batch instead of once per webhook (measured in docs/performance.md). Under light
 * load a batch is one row and nothing waits longer than a single INSERT would.
 *
 * <p>Plain JDBC on the platform's data source, not JPA: this is the hottest path of the platform. The rows carry
 * their tenant explicitly (ADR 0005).
 */
@ApplicationScoped
public class InboxWriter {

    /** Headers never stored: they authenticate the caller or belong to the transport, not to the event. */
    private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "cookie", "proxy-authorization",
            "connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = "INSERT INTO inbox_event (tenant_id, connection_id, received_at, method, "
            + "query_string, headers_json, body, dedup_key, ordering_key, state, next_attempt_at) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?)";
    /** A repeat of a stored dedup key changes nothing (and its vendor is acknowledged all the same). */
    private static final String ON_DUPLICATE = " ON DUPLICATE KEY UPDATE id = id";
    private static final int MAX_KEY = 191;
    static final int MAX_BATCH = 64;
    /** How often a waiting request thread looks whether the database was found away meanwhile. */
    private static final long LOOK_MS = 100;

    private record Row(long tenantId, long connectionId, Timestamp received, String method, String query,
                       String headers, byte[] body, String dedupKey, String orderingKey) {
    }

    private record Pending(Row row, CompletableFuture<Void> stored) {
    }

    private final GroupCommitQueue<Pending> queue = new GroupCommitQueue<>(Integer.MAX_VALUE, MAX_BATCH, this::write);

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;
    @Resource
    private ManagedThreadFactory threads;
    @Inject
    private DatabaseMonitor database;
    /**
     * The longest a webhook waits for its row to be committed before it is answered 503 (issue #20: a stalled
     * database must not hold the vendor, or the request thread, for ever).
     */
    @Inject
    @ConfigProperty(name = "switchboard.inbound.store-timeout-ms", defaultValue = "8000")
    private long storeTimeoutMs;

    @PostConstruct
    void start() {
        queue.start(threads, "switchboard-inbox-writer");
    }

    /** Stopping: what was not written is refused, so its vendor gets a 503 now and retries, not after a timeout. */
    @PreDestroy
    void stop() {
        queue.stop().forEach(p -> p.stored().completeExceptionally(new SQLException("the platform is stopping")));
    }

    /**
     * Stores the request and returns once it is committed. Refused at once while the {@link DatabaseMonitor} knows
     * the database to be away; otherwise waits at most {@code switchboard.inbound.store-timeout-ms}, and less when
     * the database is found away meanwhile. A row given up on is skipped by the writer if it has not taken it yet;
     * if it has, the row may still be committed after its vendor got the 503 — the vendor's retry is then a repeat
     * of a stored dedup key, acknowledged and not stored twice.
     *
     * @throws SQLException when the database cannot take it (the vendor is answered 503 and retries)
     */
    public void store(InboundRoute route, InboundRequest request, String queryString, InboundKeys keys)
            throws SQLException {
        Timestamp received = Timestamp.from(request.receivedAt());
        Pending pending = new Pending(new Row(route.tenantId(), route.connectionId(), received, request.method(),
                queryString, headersJson(request.headers()), request.body(), clip(keys.dedupKey()),
                clip(keys.orderingKey())), new CompletableFuture<>());
        if (!database.available()) {
            throw new DatabaseAwayException();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(storeTimeoutMs);
        try {
            queue.put(pending);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw giveUp(pending, new SQLTimeoutException("the database did not store the event within "
                            + storeTimeoutMs + " ms"));
                }
                try {
                    pending.stored().get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(LOOK_MS)), TimeUnit.NANOSECONDS);
                    return;
                } catch (TimeoutException notYet) {
                    if (!database.available()) {
                        throw giveUp(pending, new DatabaseAwayException());
                    }
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException("the event could not be stored",
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw giveUp(pending, new SQLException("interrupted while storing the event"));
        }
    }

    /** Marks the row as given up on, so the writer skips it if it has not taken it yet. */
    private static SQLException giveUp(Pending pending, SQLException why) {
        pending.stored().completeExceptionally(why);
        return why;
    }

    /** The database is known to be away: the webhook is refused without waiting (logged by the monitor). */
    public static final class DatabaseAwayException extends SQLTransientConnectionException {
        private static final long serialVersionUID = 1L;

        DatabaseAwayException() {
            super("the database is not answering", "08000");
        }
    }

    /** Writes a batch; if it fails as a whole, each row alone, so one bad row cannot refuse its neighbours. */
    private void write(List<Pending> taken) {
        // Rows whose vendor was answered already (given up on while queued) are not written.
        List<Pending> batch = taken.stream().filter(p -> !p.stored().isDone()).toList();
        if (batch.isEmpty()) {
            return;
        }
        if (!database.available()) {
            batch.forEach(p -> p.stored().completeExceptionally(new DatabaseAwayException()));
            return;
        }
        try {
            insertWithRetry(batch);
            batch.forEach(p -> p.stored().complete(null));
        } catch (SQLException | RuntimeException e) {
            database.troubleSeen(e);
            if (batch.size() == 1 || DatabaseMonitor.isConnectionTrouble(e)) {
                // Connection trouble would meet each row alone too, each after its own timeout.
                batch.forEach(p -> p.stored().completeExceptionally(e));
                return;
            }
            for (Pending pending : batch) {
                try {
                    insertWithRetry(List.of(pending));
                    pending.stored().complete(null);
                } catch (SQLException | RuntimeException single) {
                    pending.stored().completeExceptionally(single);
                }
            }
        }
    }

    private void insertWithRetry(List<Pending> rows) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                insert(rows);
                return;
            } catch (SQLTransactionRollbackException e) {
                // A deadlock or lock wait victim: nothing was written, and trying again is what the database asks.
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void insert(List<Pending> rows) throws SQLException {
        StringBuilder sql = new StringBuilder(INSERT.length() + rows.size() * (ROW.length() + 2) + ON_DUPLICATE.length())
                .append(INSERT);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        sql.append(ON_DUPLICATE);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (Pending pending : rows) {
                Row row = pending.row();
                insert.setLong(p++, row.tenantId());
                insert.setLong(p++, row.connectionId());
                insert.setTimestamp(p++, row.received());
                insert.setString(p++, row.method());
                insert.setString(p++, row.query());
                insert.setString(p++, row.headers());
                insert.setBytes(p++, row.body());
                insert.setString(p++, row.dedupKey());
                insert.setString(p++, row.orderingKey());
                insert.setTimestamp(p++, row.received());
            }
            insert.executeUpdate(); // autocommit: durable when this returns
        }
    }

    private static String headersJson(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (!DROPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name.toLowerCase(Locale.ROOT), values);
            }
        });
        try {
            return JSON.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers are always writable as JSON", e);
        }
    }

    /** Keys longer than the column are shortened with a hash, so distinct long keys stay distinct. */
    private static String clip(String key) {
        if (key == null || key.length() <= MAX_KEY) {
            return key;
        }
        return key.substring(0, MAX_KEY - 33) + "#"
                + io.switchboard.platform.security.ApiTokens.sha256(key).substring(0, 32);
    }
}
