package io.switchboard.platform.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** A plugin a tenant has switched on. Tenant-owned (ADR 0004); the tenant is part of the primary key. */
@Entity
@Table(name = "tenant_plugin")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", primaryKey = true)
public class EnabledPlugin {

    @Id
    @Column(name = "plugin_id", nullable = false, length = 100)
    private String pluginId;

    @Column(name = "enabled_at", nullable = false)
    private Instant enabledAt;

    protected EnabledPlugin() {
        // for JPA
    }

    public EnabledPlugin(String pluginId, Instant enabledAt) {
        this.pluginId = pluginId;
        this.enabledAt = enabledAt;
    }

    public String pluginId() {
        return pluginId;
    }

    public Instant enabledAt() {
        return enabledAt;
    }
}
