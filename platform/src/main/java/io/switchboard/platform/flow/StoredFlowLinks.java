package io.switchboard.platform.flow;

import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.persistence.TenantWrites;
import java.time.Clock;
import java.util.Optional;

/** {@link FlowLinks} in {@code external_link}, through the tenant's entity manager; each record commits at once. */
final class StoredFlowLinks implements FlowLinks {

    private final TenantEntityManager tenantData;
    private final TenantWrites writes;
    private final long flowId;
    private final Clock clock;

    StoredFlowLinks(TenantEntityManager tenantData, TenantWrites writes, long flowId, Clock clock) {
        this.tenantData = tenantData;
        this.writes = writes;
        this.flowId = flowId;
        this.clock = clock;
    }

    @Override
    public Optional<String> find(String kind, String sourceRef) {
        return link(kind, sourceRef).map(ExternalLink::targetRef);
    }

    @Override
    public void record(String kind, String sourceRef, String targetRef) {
        writes.run(() -> {
            Optional<ExternalLink> existing = link(kind, sourceRef);
            if (existing.isPresent()) {
                existing.get().retarget(targetRef);
            } else {
                tenantData.em().persist(new ExternalLink(flowId, kind, sourceRef, targetRef, clock.instant()));
            }
            tenantData.em().flush();
            return null;
        });
    }

    private Optional<ExternalLink> link(String kind, String sourceRef) {
        return tenantData.em().createQuery("SELECT l FROM ExternalLink l WHERE l.flowId = :flow AND l.kind = :kind "
                        + "AND l.sourceRef = :source", ExternalLink.class)
                .setParameter("flow", flowId).setParameter("kind", kind).setParameter("source", sourceRef)
                .getResultList().stream().findFirst();
    }
}
