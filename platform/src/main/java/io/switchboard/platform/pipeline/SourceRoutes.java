package io.switchboard.platform.pipeline;

import io.switchboard.platform.connection.Connection;
import io.switchboard.platform.connection.SetupChanged;
import io.switchboard.platform.flow.FlowDefinition;
import io.switchboard.platform.flow.FlowRunner;
import io.switchboard.platform.persistence.TenantEntityManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the events of a connection go: the connection itself and the enabled flows that take its events — those whose
 * source it is, and those whose target it is when their type takes the target's events too — each with its two
 * connections and parsed options. Read once and kept for {@link #TTL} instead of three reads and an options parse per
 * event (≈ 18 % of a worker's CPU, issue #5). A change of the tenant's connections or flows on this instance evicts
 * the tenant's routes once it is committed ({@link SetupChanged}); other instances see it within {@link #TTL}, as
 * with the inbound routes. The entities held are detached snapshots that nothing writes to.
 */
@ApplicationScoped
public class SourceRoutes {

    static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    /**
     * @param source          the connection that received the events
     * @param flows           the enabled flows whose source it is, in the order they run
     * @param flowsAsTarget the enabled flows whose target it is and that take their target's events, run after
     */
    public record Route(Connection source, List<FlowRunner.PreparedFlow> flows,
                        List<FlowRunner.PreparedFlow> flowsAsTarget) {

        /** @return whether any flow takes the events of this connection */
        public boolean isEmpty() {
            return flows.isEmpty() && flowsAsTarget.isEmpty();
        }
    }

    private record Key(long tenantId, long connectionId) {
    }

    private record Cached(Optional<Route> route, long loadedAtNanos) {
    }

    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();
    // Bumped by every change: a route read while a change committed is used once but not kept.
    private final AtomicLong changes = new AtomicLong();

    @Inject
    private TenantEntityManager tenantData;
    @Inject
    private FlowRunner flows;

    /** @return the route of events that this connection of the current tenant received; empty when it is deleted */
    public Optional<Route> of(long connectionId) {
        Key key = new Key(tenantData.tenantId(), connectionId);
        long now = System.nanoTime();
        Cached cached = cache.get(key);
        if (cached != null && now - cached.loadedAtNanos() < TTL.toNanos()) {
            return cached.route();
        }
        long changesBefore = changes.get();
        Optional<Route> route = load(connectionId);
        if (changes.get() == changesBefore) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(key, new Cached(route, now));
        }
        return route;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) SetupChanged change) {
        changes.incrementAndGet();
        cache.keySet().removeIf(key -> key.tenantId() == change.tenantId());
    }

    private Optional<Route> load(long connectionId) {
        Connection source = tenantData.em().find(Connection.class, connectionId);
        if (source == null) {
            return Optional.empty();
        }
        List<FlowRunner.PreparedFlow> prepared = tenantData.em().createQuery("SELECT f FROM FlowDefinition f "
                        + "WHERE f.sourceConnectionId = :source AND f.enabled = TRUE ORDER BY f.id", FlowDefinition.class)
                .setParameter("source", connectionId).getResultList().stream().map(flows::prepare).toList();
        List<FlowRunner.PreparedFlow> asTarget = tenantData.em().createQuery("SELECT f FROM FlowDefinition f "
                        + "WHERE f.targetConnectionId = :target AND f.enabled = TRUE ORDER BY f.id", FlowDefinition.class)
                .setParameter("target", connectionId).getResultList().stream().map(flows::prepare)
                .filter(FlowRunner.PreparedFlow::takesTargetEvents).toList();
        return Optional.of(new Route(source, prepared, asTarget));
    }
}
