package io.switchboard.platform.api;

import io.switchboard.platform.flow.FlowService;
import io.switchboard.platform.flow.FlowType;
import io.switchboard.platform.flow.FlowTypes;
import io.switchboard.platform.flow.FlowView;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.security.Role;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.config.ConfigSchema;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Flows: {@code GET /flow-types} (with each type's options schema), {@code GET|POST /flows},
 * {@code GET|PUT|DELETE /flows/{id}}. Body: {@code {"type": "call-to-ticket", "name": …, "source": connection id,
 * "target": connection id, "enabled": true, "options": {…}}}.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FlowResource {

    /** A flow type and what it takes. */
    public record FlowTypeView(String id, String displayName, String description, ConnectorKind sourceKind,
                               ConnectorKind targetKind, ConfigSchema options) {
    }

    @Inject
    private FlowService flows;
    @Inject
    private FlowTypes types;
    @Inject
    private Caller caller;

    @GET
    @Path("flow-types")
    public List<FlowTypeView> types() {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return types.all().stream().map(FlowResource::typeView).toList();
    }

    @GET
    @Path("flows")
    public List<FlowView> list() {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return flows.list();
    }

    @GET
    @Path("flows/{id}")
    public FlowView get(@PathParam("id") String id) {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return flows.get(id);
    }

    @POST
    @Path("flows")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT))) String body) {
        caller.require(Role.TENANT_ADMIN);
        JsonObject request = JsonBodies.object(body);
        String type = string(request, "type");
        if (type == null) {
            throw new InvalidInputException("type", "Name the flow type, e.g. \"type\": \"call-to-ticket\"");
        }
        FlowView created = flows.create(type, string(request, "name"), string(request, "source"),
                string(request, "target"), JsonSettings.settings(request, "options"));
        return Response.status(201).entity(created).build();
    }

    @PUT
    @Path("flows/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public FlowView update(@PathParam("id") String id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT))) String body) {
        caller.require(Role.TENANT_ADMIN);
        JsonObject request = JsonBodies.object(body);
        JsonValue given = request.get("enabled");
        Boolean enabled = given == JsonValue.TRUE ? Boolean.TRUE : given == JsonValue.FALSE ? Boolean.FALSE : null;
        return flows.change(id, string(request, "name"), enabled, JsonSettings.settings(request, "options"));
    }

    @DELETE
    @Path("flows/{id}")
    public Response delete(@PathParam("id") String id) {
        caller.require(Role.TENANT_ADMIN);
        flows.delete(id);
        return Response.noContent().build();
    }

    private static FlowTypeView typeView(FlowType<?> t) {
        return new FlowTypeView(t.id(), t.displayName(), t.description(), t.sourceKind(), t.targetKind(),
                t.optionsSchema());
    }

    private static String string(JsonObject body, String key) {
        JsonValue value = body.get(key);
        return value instanceof JsonString s ? s.getString() : null;
    }
}
