package io.switchboard.platform.api;

import io.switchboard.platform.plugin.InstalledPlugin;
import io.switchboard.platform.plugin.InstalledPluginRepository;
import io.switchboard.platform.plugin.PluginHost;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/plugins}, for platform operators: every plugin jar found at startup, with its state and, if not
 * started, why. Tenants see the started ones in the catalogue.
 */
@Path("plugins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    private PluginHost pluginHost;
    private InstalledPluginRepository installedPlugins;
    private Caller caller;

    protected PluginResource() {
        // for the CDI proxy
    }

    @Inject
    public PluginResource(PluginHost pluginHost, InstalledPluginRepository installedPlugins, Caller caller) {
        this.pluginHost = pluginHost;
        this.installedPlugins = installedPlugins;
        this.caller = caller;
    }

    @GET
    public List<PluginView> list() {
        caller.require(io.switchboard.platform.security.Role.PLATFORM_OPERATOR);
        Map<String, InstalledPlugin> installed = installedPlugins.all();
        return pluginHost.reports().stream()
                .map(r -> PluginView.of(r, r.pluginId() == null ? null : installed.get(r.pluginId())))
                .toList();
    }
}
