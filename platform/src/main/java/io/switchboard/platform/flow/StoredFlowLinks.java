package io.switchboard.platform.flow;

import io.switchboard.platform.persistence.TenantEntityManager;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link FlowLinks} in {@code external_link} ({@link ExternalLinkSql}, the run's tenant explicit), for one event's
 * run: all links of a source reference are read at its first question and remembered for the run; records are kept
 * until {@link #writeIfAsked} (after a {@link #recordNow}) or {@link #flush} writes them in one statement, or the
 * run's end hands them ({@link #drain}) to be written with the event's outcome (an upsert: a link that another run
 * wrote meanwhile, e.g. the number → client link of a second call, is re-targeted).
 */
final class StoredFlowLinks implements FlowLinks {

    private record Key(String kind, String sourceRef) {
    }

    private final TenantEntityManager tenantData;
    private final ExternalLinkSql sql;
    private final long flowId;
    private final Clock clock;
    private final Map<Key, Optional<String>> known = new HashMap<>();
    private final Map<Key, String> pending = new LinkedHashMap<>();
    /** Source references whose links were all read; links recorded since are in {@code known} too. */
    private final java.util.Set<String> loadedSources = new java.util.HashSet<>();
    /** A {@link #recordNow} since the last write: write before the next vendor call or the run's end. */
    private boolean durableSoon;

    StoredFlowLinks(TenantEntityManager tenantData, ExternalLinkSql sql, long flowId, Clock clock) {
        this.tenantData = tenantData;
        this.sql = sql;
        this.flowId = flowId;
        this.clock = clock;
    }

    /**
     * On the first question about a source reference, reads all its links (every kind) in one query — an event asks
     * about several kinds of the same call — and remembers that the others do not exist.
     */
    @Override
    public Optional<String> find(String kind, String sourceRef) {
        if (loadedSources.add(sourceRef)) {
            sql.targetsOf(tenantData.tenantId(), flowId, sourceRef)
                    .forEach((linkKind, target) -> known.putIfAbsent(new Key(linkKind, sourceRef), Optional.of(target)));
        }
        return known.computeIfAbsent(new Key(kind, sourceRef), k -> Optional.empty());
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
        durableSoon = true;
    }

    /** Writes the pending records now if a {@link #recordNow} asked for it: before a vendor call and at the run's end. */
    void writeIfAsked() {
        if (durableSoon) {
            flush();
        }
    }

    /** Writes the pending records in one statement; nothing when there are none. */
    void flush() {
        sql.upsert(drain(), clock.instant());
    }

    /** @return the pending records, which are no longer pending here: the caller writes them */
    List<ExternalLinkSql.Link> drain() {
        long tenant = tenantData.tenantId();
        List<ExternalLinkSql.Link> links = pending.entrySet().stream().map(e -> new ExternalLinkSql.Link(tenant,
                flowId, e.getKey().kind(), e.getKey().sourceRef(), e.getValue())).toList();
        pending.clear();
        durableSoon = false;
        return links;
    }
}
