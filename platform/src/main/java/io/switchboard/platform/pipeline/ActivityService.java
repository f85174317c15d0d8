package io.switchboard.platform.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.connection.Connection;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.flow.RecordedActivity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The current tenant's activity log: events with what they did, filtered, and replay of finished ones. */
@ApplicationScoped
public class ActivityService {

    /** States a tenant may replay. */
    public static final Set<String> REPLAYABLE = Set.of("DEAD", "DONE");
    private static final Set<String> STATES = Set.of("RECEIVED", "PROCESSING", "RETRYING", "DONE", "DEAD");
    /** Done events are counted up to this many; the page shows "1000+". */
    public static final int DONE_COUNT_CAP = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private TenantEntityManager tenantData;
    @Inject
    private CallerAccess access;

    /**
     * @param state        only events in this state, or {@code null}
     * @param connectionId only events of the connection with this public id, or {@code null}
     * @param limit        at most this many, newest first
     */
    public List<ActivityEntry> list(String state, String connectionId, int limit) {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        Map<Long, Connection> connections = connections();
        TypedQuery<InboxEvent> query = tenantData.em().createQuery(filter("SELECT e FROM InboxEvent e", state,
                connectionId, connections) + " ORDER BY e.id DESC", InboxEvent.class);
        bind(query, state, connectionId, connections);
        return query.setMaxResults(Math.max(1, Math.min(limit, 500))).getResultList().stream()
                .map(e -> entry(e, connections)).toList();
    }

    public ActivityEntry get(long id) {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return entry(find(id), connections());
    }

    /** Replays one dead or done event: it is processed again now (flows' links keep it from creating twice). */
    @Transactional
    public ActivityEntry replay(long id) {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        InboxEvent event = find(id);
        if (!REPLAYABLE.contains(event.state())) {
            throw new InvalidInputException("state", "Only dead or done events can be replayed; this one is "
                    + event.state());
        }
        event.replay(Instant.now());
        tenantData.em().flush();
        return entry(event, connections());
    }

    /** Replays every dead or done event matching the filter. @return how many */
    @Transactional
    public int replayAll(String state, String connectionId) {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        String chosen = state == null || state.isBlank() ? "DEAD" : state;
        if (!REPLAYABLE.contains(chosen)) {
            throw new InvalidInputException("state", "Only dead or done events can be replayed");
        }
        Map<Long, Connection> connections = connections();
        TypedQuery<InboxEvent> query = tenantData.em().createQuery(filter("SELECT e FROM InboxEvent e", chosen,
                connectionId, connections), InboxEvent.class);
        bind(query, chosen, connectionId, connections);
        List<InboxEvent> events = query.setMaxResults(10_000).getResultList();
        Instant now = Instant.now();
        events.forEach(e -> e.replay(now));
        tenantData.em().flush();
        return events.size();
    }

    /**
     * @return the states and how many of the tenant's events are in each, for the filter. Open and dead events are
     * counted exactly (few, found along the state index); done events only up to {@link #DONE_COUNT_CAP}: counting a
     * month of them on every look at the page cost ≈ 50 ms of the database per 40,000 events.
     */
    public Map<String, Long> counts() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        Map<String, Long> counts = new HashMap<>();
        // Explicit SQL for the index hint (the tenant index looked cheaper to MariaDB and made this 13 ms); hence the
        // explicit tenant condition, which the entity manager adds by itself to JPQL, and the hint that allows
        // native SQL for this one query (multitenancy turns it off for the persistence unit).
        List<?> rows = tenantData.em().createNativeQuery("SELECT state, COUNT(*) FROM inbox_event "
                        + "FORCE INDEX (ix_inbox_state_id) WHERE state IN ('RECEIVED', 'PROCESSING', 'RETRYING', 'DEAD') "
                        + "AND tenant_id = ? GROUP BY state")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, tenantData.tenantId()).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            counts.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        int done = tenantData.em().createQuery("SELECT e.id FROM InboxEvent e WHERE e.state = 'DONE'", Long.class)
                .setMaxResults(DONE_COUNT_CAP).getResultList().size();
        if (done > 0) {
            counts.put("DONE", (long) done);
        }
        return counts;
    }

    private static String filter(String select, String state, String connectionId, Map<Long, Connection> connections) {
        List<String> where = new ArrayList<>();
        if (state != null && !state.isBlank()) {
            if (!STATES.contains(state)) {
                throw new InvalidInputException("state", "state is one of " + STATES);
            }
            where.add("e.state = :state");
        }
        if (connectionId != null && !connectionId.isBlank()) {
            where.add("e.connectionId = :connection");
        }
        return where.isEmpty() ? select : select + " WHERE " + String.join(" AND ", where);
    }

    private static void bind(TypedQuery<InboxEvent> query, String state, String connectionId,
                             Map<Long, Connection> connections) {
        if (state != null && !state.isBlank()) {
            query.setParameter("state", state);
        }
        if (connectionId != null && !connectionId.isBlank()) {
            long id = connections.values().stream().filter(c -> c.publicId().equals(connectionId)).map(Connection::id)
                    .findFirst().orElseThrow(() -> new NotFoundException("No connection '" + connectionId + "'"));
            query.setParameter("connection", id);
        }
    }

    private InboxEvent find(long id) {
        InboxEvent event = tenantData.em().find(InboxEvent.class, id);
        if (event == null) {
            throw new NotFoundException("No event " + id);
        }
        tenantData.em().refresh(event);
        return event;
    }

    private Map<Long, Connection> connections() {
        Map<Long, Connection> byId = new HashMap<>();
        tenantData.em().createQuery("SELECT c FROM Connection c", Connection.class).getResultList()
                .forEach(c -> byId.put(c.id(), c));
        return byId;
    }

    private static ActivityEntry entry(InboxEvent e, Map<Long, Connection> connections) {
        Connection connection = connections.get(e.connectionId());
        List<RecordedActivity.Created> created = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (e.resultJson() != null) {
            try {
                JsonNode result = JSON.readTree(e.resultJson());
                result.path("created").forEach(c -> created.add(new RecordedActivity.Created(c.path("what").asText(),
                        c.path("ref").asText(), c.path("url").isNull() ? null : c.path("url").asText(null))));
                result.path("notes").forEach(n -> notes.add(n.asText()));
            } catch (java.io.IOException ex) {
                notes.add("(the stored result could not be read)");
            }
        }
        return new ActivityEntry(e.id(), e.receivedAt(), connection == null ? null : connection.publicId(),
                connection == null ? "(deleted connection)" : connection.name(), e.orderingKey(), e.state(),
                e.attempts(), "RETRYING".equals(e.state()) ? e.nextAttemptAt() : null, e.summary(), e.lastError(),
                created, notes, e.finishedAt());
    }
}
