package io.switchboard.platform.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The integration tests' view of the platform's {@code inbox_event} table, read straight from the test database:
 * the states of one call's events and waiting (polling with a deadline) until the pipeline has finished them.
 */
final class Inbox {

    private Inbox() {
    }

    /** Waits until the call has events and every one is DONE or DEAD. */
    static void awaitAllFinished(String orderingKey, Duration timeout) {
        await(timeout, () -> {
            List<String> states = states(orderingKey);
            return !states.isEmpty() && states.stream().allMatch(st -> st.equals("DONE") || st.equals("DEAD"));
        });
    }

    /** @return the states of the events with this ordering key (call id), in arrival order */
    static List<String> states(String orderingKey) {
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement(
                     "SELECT state FROM inbox_event WHERE ordering_key = ? ORDER BY id")) {
            select.setString(1, orderingKey);
            List<String> states = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    states.add(rs.getString(1));
                }
            }
            return states;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the highest attempt count among the events with this ordering key */
    static int maxAttempts(String orderingKey) throws SQLException {
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement(
                     "SELECT MAX(attempts) FROM inbox_event WHERE ordering_key = ?")) {
            select.setString(1, orderingKey);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Polls the condition every 0.1 s until it holds; fails when the deadline passes first. */
    static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            LockSupport.parkNanos(100_000_000L);
        }
    }

    /** @return a new connection to the test database (the caller closes it) */
    static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
    }
}
