package io.switchboard.platform.catalogue;

import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.plugin.PluginReport;
import io.switchboard.platform.plugin.PluginStatus;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.spi.ConnectorDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The tenant's plugin catalogue: the started plugins and which of them the tenant has switched on. */
@ApplicationScoped
public class Catalogue {

    /** A started plugin as a tenant sees it. */
    public record Entry(String pluginId, String version, List<ConnectorDescriptor> connectors, boolean enabled) {
    }

    private PluginHost plugins;
    private TenantEntityManager tenantData;
    private CallerAccess access;

    protected Catalogue() {
        // for the CDI proxy
    }

    @Inject
    public Catalogue(PluginHost plugins, TenantEntityManager tenantData, CallerAccess access) {
        this.plugins = plugins;
        this.tenantData = tenantData;
        this.access = access;
    }

    public List<Entry> entries() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        Set<String> enabled = enabledPluginIds();
        return plugins.reports().stream()
                .filter(r -> r.status() == PluginStatus.STARTED)
                .sorted(Comparator.comparing(PluginReport::pluginId))
                .map(r -> new Entry(r.pluginId(), r.version(), r.connectors().stream()
                        .map(c -> plugins.connector(c.id()).map(LoadedConnector::descriptor).orElse(null))
                        .filter(java.util.Objects::nonNull).toList(), enabled.contains(r.pluginId())))
                .toList();
    }

    public Set<String> enabledPluginIds() {
        return tenantData.em().createQuery("SELECT p FROM EnabledPlugin p", EnabledPlugin.class).getResultList()
                .stream().map(EnabledPlugin::pluginId).collect(Collectors.toSet());
    }

    public boolean isEnabled(String pluginId) {
        return entry(pluginId) != null;
    }

    private EnabledPlugin entry(String pluginId) {
        // JPQL, not find(): the tenant is part of this entity's key, and EclipseLink adds it to queries
        return tenantData.em().createQuery("SELECT p FROM EnabledPlugin p WHERE p.pluginId = :id", EnabledPlugin.class)
                .setParameter("id", pluginId).getResultList().stream().findFirst().orElse(null);
    }

    @Transactional
    public void enable(String pluginId) {
        access.require(Role.TENANT_ADMIN);
        boolean started = plugins.reports().stream()
                .anyMatch(r -> pluginId.equals(r.pluginId()) && r.status() == PluginStatus.STARTED);
        if (!started) {
            throw new NotFoundException("No started plugin '" + pluginId + "' is installed");
        }
        if (!isEnabled(pluginId)) {
            tenantData.em().persist(new EnabledPlugin(pluginId, Instant.now()));
        }
    }

    /** Switches a plugin off; refused while connections of it exist, so nothing configured is silently orphaned. */
    @Transactional
    public void disable(String pluginId) {
        access.require(Role.TENANT_ADMIN);
        long connections = tenantData.em()
                .createQuery("SELECT COUNT(c) FROM Connection c WHERE c.pluginId = :plugin", Long.class)
                .setParameter("plugin", pluginId).getSingleResult();
        if (connections > 0) {
            throw new InvalidInputException("plugin", "Plugin '" + pluginId + "' still has " + connections
                    + (connections == 1 ? " connection" : " connections") + "; delete them first");
        }
        EnabledPlugin entry = entry(pluginId);
        if (entry != null) {
            tenantData.em().remove(entry);
        }
    }
}
