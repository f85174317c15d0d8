package io.switchboard.platform.api;

import io.switchboard.platform.catalogue.Catalogue;
import io.switchboard.platform.security.Role;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.config.ConfigSchema;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The tenant's plugin catalogue: {@code GET /catalogue}; {@code PUT /catalogue/{plugin}} switches a plugin on,
 * {@code DELETE} off. {@code GET /connectors/{id}/schema} gives the settings a connection of a connector takes.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {

    /** A connector in the catalogue. */
    public record ConnectorEntry(String id, ConnectorKind kind, String displayName, String description) {
    }

    /** A plugin in the catalogue. */
    public record PluginEntry(String pluginId, String version, boolean enabled, List<ConnectorEntry> connectors) {
    }

    @Inject
    private Catalogue catalogue;
    @Inject
    private Caller caller;
    @Inject
    private io.switchboard.platform.connection.ConnectionService connections;

    @GET
    @Path("catalogue")
    public List<PluginEntry> list() {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return catalogue.entries().stream().map(e -> new PluginEntry(e.pluginId(), e.version(), e.enabled(),
                e.connectors().stream().map(d -> new ConnectorEntry(d.id(), d.kind(), d.displayName(),
                        d.description())).toList())).toList();
    }

    @PUT
    @Path("catalogue/{plugin}")
    public Response enable(@PathParam("plugin") String pluginId) {
        caller.require(Role.TENANT_ADMIN);
        catalogue.enable(pluginId);
        return Response.noContent().build();
    }

    @DELETE
    @Path("catalogue/{plugin}")
    public Response disable(@PathParam("plugin") String pluginId) {
        caller.require(Role.TENANT_ADMIN);
        catalogue.disable(pluginId);
        return Response.noContent().build();
    }

    @GET
    @Path("connectors/{id}/schema")
    public ConfigSchema schema(@PathParam("id") String connectorId) {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return connections.schemaOf(connectorId);
    }
}
