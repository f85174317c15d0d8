package io.switchboard.platform.api;

import io.switchboard.platform.connection.ConfigInput;
import io.switchboard.platform.connection.ConnectionService;
import io.switchboard.platform.connection.ConnectionView;
import io.switchboard.platform.connection.GeneratedApiKey;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.security.Role;
import io.switchboard.spi.CheckResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * The tenant's connections. Bodies: {@code {"connector": "usedesk", "name": "Support desk", "settings": {…}}} to
 * create, {@code {"name": …, "settings": {…}}} to update. In {@code settings}, a secret left out or empty keeps the
 * stored value and {@code null} removes it; answers show secrets only as {@code "set"}. An optional
 * {@code "requestsPerMinute"} sets the connection's own request-rate limit, below the vendor's (ADR 0009): a whole
 * number, or {@code null} for the connector's; left out on update, the stored one is kept. Answers show it, and under
 * {@code vendor} the limit in force and the circuit breaker's state on the answering instance.
 */
@Path("connections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    @Inject
    private ConnectionService connections;
    @Inject
    private Caller caller;

    @GET
    public List<ConnectionView> list() {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return connections.list();
    }

    @GET
    @Path("{id}")
    public ConnectionView get(@PathParam("id") String id) {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return connections.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT))) String body) {
        caller.require(Role.TENANT_ADMIN);
        JsonObject request = JsonBodies.object(body);
        String connector = string(request, "connector");
        if (connector == null) {
            throw new InvalidInputException("connector", "Name the connector, e.g. \"connector\": \"usedesk\"");
        }
        ConnectionView created = connections.create(connector, string(request, "name"),
                JsonSettings.settings(request, "settings"), rateLimit(request));
        return Response.status(201).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConnectionView update(@PathParam("id") String id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT))) String body) {
        caller.require(Role.TENANT_ADMIN);
        JsonObject request = JsonBodies.object(body);
        return connections.update(id, string(request, "name"), JsonSettings.settings(request, "settings"),
                rateLimit(request));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        caller.require(Role.TENANT_ADMIN);
        connections.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/check")
    public CheckResult check(@PathParam("id") String id) {
        caller.require(Role.TENANT_ADMIN);
        return connections.check(id);
    }

    @POST
    @Path("{id}/rotate-inbound-token")
    public ConnectionView rotateInboundToken(@PathParam("id") String id) {
        caller.require(Role.TENANT_ADMIN);
        return connections.rotateInboundToken(id);
    }

    /**
     * Makes an API key for callers of the connection's inbound URL (connectors with an API-keys setting, such as the
     * website). Body, optional: {@code {"name": "Shop back end", "field": "api_keys"}}. The answer carries the key:
     * the only time it is shown; the connection keeps only its digest.
     */
    @POST
    @Path("{id}/api-keys")
    public Response makeApiKey(@PathParam("id") String id, String body) {
        caller.require(Role.TENANT_ADMIN);
        JsonObject request = body == null || body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonBodies.object(body);
        GeneratedApiKey made = connections.makeApiKey(id, string(request, "field"), string(request, "name"));
        return Response.status(201).entity(made).header("Cache-Control", "no-store").build();
    }

    /** Revokes an API key at once ({@code ?field=} only for a connector with several API-keys settings). */
    @DELETE
    @Path("{id}/api-keys/{keyId}")
    public Response revokeApiKey(@PathParam("id") String id, @PathParam("keyId") String keyId,
                                 @QueryParam("field") String field) {
        caller.require(Role.TENANT_ADMIN);
        connections.revokeApiKey(id, field, keyId);
        return Response.noContent().build();
    }

    /** @return the submitted rate limit; {@code null} when the body does not name one */
    private static ConnectionService.RateLimitInput rateLimit(JsonObject body) {
        String key = ConnectionService.REQUESTS_PER_MINUTE;
        if (!body.containsKey(key)) {
            return null;
        }
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return new ConnectionService.RateLimitInput(null);
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return new ConnectionService.RateLimitInput(number.intValueExact());
            } catch (ArithmeticException tooLarge) {
                throw new InvalidInputException(key, "Give a whole number of requests a minute from 1 to 1000000");
            }
        }
        throw new InvalidInputException(key, "Give a whole number of requests a minute, or null for the vendor's limit");
    }

    private static String string(JsonObject body, String key) {
        JsonValue value = body.get(key);
        return value instanceof JsonString s ? s.getString() : null;
    }
}
