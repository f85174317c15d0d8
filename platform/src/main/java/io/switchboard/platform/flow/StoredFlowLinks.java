package io.switchboard.platform.flow;

import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.persistence.TenantWrites;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link FlowLinks} in {@code external_link}, through the tenant's entity manager, for one event's run: reads are
 * remembered for the run, records are kept until {@link #recordNow} or {@link #flush} writes them in one transaction.
 */
final class StoredFlowLinks implements FlowLinks {

    private record Key(String kind, String sourceRef) {
    }

    private final TenantEntityManager tenantData;
    private final TenantWrites writes;
    private final long flowId;
    private final Clock clock;
    private final Map<Key, Optional<String>> known = new HashMap<>();
    private final Map<Key, String> pending = new LinkedHashMap<>();

    StoredFlowLinks(TenantEntityManager tenantData, TenantWrites writes, long flowId, Clock clock) {
        this.tenantData = tenantData;
        this.writes = writes;
        this.flowId = flowId;
        this.clock = clock;
    }

    @Override
    public Optional<String> find(String kind, String sourceRef) {
        return known.computeIfAbsent(new Key(kind, sourceRef), k -> link(k).map(ExternalLink::targetRef));
    }

    @Override
    public void record(String kind, String sourceRef, String targetRef) {
        Key key = new Key(kind, sourceRef);
        pending.put(key, targetRef);
        known.put(key, Optional.of(targetRef));
    }

    @Override
    public void recordNow(String kind, String sourceRef, String targetRef) {
        record(kind, sourceRef, targetRef);
        flush();
    }

    /** Writes the pending records in one transaction; nothing when there are none. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        writes.run(() -> {
            for (Map.Entry<Key, String> record : pending.entrySet()) {
                Optional<ExternalLink> existing = link(record.getKey());
                if (existing.isPresent()) {
                    existing.get().retarget(record.getValue());
                } else {
                    tenantData.em().persist(new ExternalLink(flowId, record.getKey().kind(), record.getKey().sourceRef(),
                            record.getValue(), clock.instant()));
                }
            }
            tenantData.em().flush();
            return null;
        });
        pending.clear();
    }

    private Optional<ExternalLink> link(Key key) {
        return tenantData.em().createQuery("SELECT l FROM ExternalLink l WHERE l.flowId = :flow AND l.kind = :kind "
                        + "AND l.sourceRef = :source", ExternalLink.class)
                .setParameter("flow", flowId).setParameter("kind", key.kind()).setParameter("source", key.sourceRef())
                .getResultList().stream().findFirst();
    }
}
