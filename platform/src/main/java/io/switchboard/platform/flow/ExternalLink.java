package io.switchboard.platform.flow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** One "source ref → target ref" a flow recorded (see {@link FlowLinks}). Tenant-owned (ADR 0004). */
@Entity
@Table(name = "external_link")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id")
public class ExternalLink {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "flow_id", nullable = false)
    private long flowId;

    @Column(name = "link_kind", nullable = false, length = 50)
    private String kind;

    @Column(name = "source_ref", nullable = false, length = 191)
    private String sourceRef;

    @Column(name = "target_ref", nullable = false, length = 191)
    private String targetRef;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ExternalLink() {
        // for JPA
    }

    public ExternalLink(long flowId, String kind, String sourceRef, String targetRef, Instant createdAt) {
        this.flowId = flowId;
        this.kind = kind;
        this.sourceRef = sourceRef;
        this.targetRef = targetRef;
        this.createdAt = createdAt;
    }

    public String kind() {
        return kind;
    }

    public String targetRef() {
        return targetRef;
    }

    public void retarget(String ref) {
        this.targetRef = ref;
    }
}
