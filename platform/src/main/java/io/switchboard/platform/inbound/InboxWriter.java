package io.switchboard.platform.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.platform.persistence.Database;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Stores a verified inbound request in {@code inbox_event}: one autocommitted INSERT, so when {@link #store} returns
 * the event is durable and the vendor may be acknowledged. Plain JDBC on the platform's data source, not JPA: this
 * is the hottest path of the platform and one statement is all it needs (the row carries its tenant explicitly;
 * see ADR 0005).
 */
@ApplicationScoped
public class InboxWriter {

    /** Headers never stored: they authenticate the caller or belong to the transport, not to the event. */
    private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "cookie", "proxy-authorization",
            "connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = "INSERT INTO inbox_event (tenant_id, connection_id, received_at, method, "
            + "query_string, headers_json, body, dedup_key, ordering_key, state, next_attempt_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?) ON DUPLICATE KEY UPDATE id = id";
    private static final int MAX_KEY = 191;

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    /**
     * @return true when stored, false when an event with the same dedup key was already stored (a repeated delivery)
     * @throws SQLException when the database cannot take it (the vendor is answered 503 and retries)
     */
    public boolean store(InboundRoute route, InboundRequest request, String queryString, InboundKeys keys)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return insert(route, request, queryString, keys);
            } catch (java.sql.SQLTransactionRollbackException e) {
                // A deadlock or lock wait victim: nothing was written, and trying again is what the database asks.
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private boolean insert(InboundRoute route, InboundRequest request, String queryString, InboundKeys keys)
            throws SQLException {
        Timestamp received = Timestamp.from(request.receivedAt());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, route.tenantId());
            insert.setLong(2, route.connectionId());
            insert.setTimestamp(3, received);
            insert.setString(4, request.method());
            insert.setString(5, queryString);
            insert.setString(6, headersJson(request.headers()));
            insert.setBytes(7, request.body());
            insert.setString(8, clip(keys.dedupKey()));
            insert.setString(9, clip(keys.orderingKey()));
            insert.setTimestamp(10, received);
            // ON DUPLICATE KEY UPDATE id = id: 1 row for a new event, 0 for a repeat of a stored dedup key.
            return insert.executeUpdate() == 1;
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
