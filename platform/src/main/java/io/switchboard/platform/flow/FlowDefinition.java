package io.switchboard.platform.flow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** A tenant's flow: a flow type joining a source and a target connection, with options. Tenant-owned (ADR 0004). */
@Entity
@Table(name = "flow")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id")
public class FlowDefinition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "public_id", nullable = false, unique = true, length = 40)
    private String publicId;

    @Column(name = "flow_type", nullable = false, length = 100)
    private String flowType;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "source_connection_id", nullable = false)
    private long sourceConnectionId;

    @Column(name = "target_connection_id", nullable = false)
    private long targetConnectionId;

    @Lob
    @Column(name = "options_json", nullable = false)
    private String optionsJson;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected FlowDefinition() {
        // for JPA
    }

    public FlowDefinition(String publicId, String flowType, String name, long sourceConnectionId,
                          long targetConnectionId, String optionsJson, Instant now) {
        this.publicId = publicId;
        this.flowType = flowType;
        this.name = name;
        this.sourceConnectionId = sourceConnectionId;
        this.targetConnectionId = targetConnectionId;
        this.optionsJson = optionsJson;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void configure(String newName, String newOptionsJson, boolean isEnabled, Instant now) {
        this.name = newName;
        this.optionsJson = newOptionsJson;
        this.enabled = isEnabled;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String publicId() {
        return publicId;
    }

    public String flowType() {
        return flowType;
    }

    public String name() {
        return name;
    }

    public long sourceConnectionId() {
        return sourceConnectionId;
    }

    public long targetConnectionId() {
        return targetConnectionId;
    }

    public String optionsJson() {
        return optionsJson;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
