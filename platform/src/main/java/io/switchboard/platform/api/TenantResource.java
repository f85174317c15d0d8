package io.switchboard.platform.api;

import io.switchboard.platform.security.Role;
import io.switchboard.platform.tenant.Tenant;
import io.switchboard.platform.tenant.TenantService;
import io.switchboard.platform.tenant.TenantView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Tenants, for platform operators. */
@Path("tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    /** A new tenant and its first admin. */
    public record NewTenant(String slug, String name, String adminEmail, String adminName, String adminPassword) {
        @Override
        public String toString() {
            return "NewTenant[" + slug + "]";
        }
    }

    @Inject
    private TenantService tenants;
    @Inject
    private Caller caller;

    @GET
    public List<TenantView> list() {
        caller.require(Role.PLATFORM_OPERATOR);
        return tenants.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewTenant body) {
        caller.require(Role.PLATFORM_OPERATOR);
        NewTenant t = body == null ? new NewTenant(null, null, null, null, null) : body;
        TenantView created = tenants.create(t.slug(), t.name(), t.adminEmail(), t.adminName(), t.adminPassword());
        return Response.status(201).entity(created).build();
    }

    @POST
    @Path("{slug}/disable")
    public TenantView disable(@PathParam("slug") String slug) {
        caller.require(Role.PLATFORM_OPERATOR);
        return tenants.setStatus(slug, Tenant.Status.DISABLED);
    }

    @POST
    @Path("{slug}/enable")
    public TenantView enable(@PathParam("slug") String slug) {
        caller.require(Role.PLATFORM_OPERATOR);
        return tenants.setStatus(slug, Tenant.Status.ACTIVE);
    }
}
