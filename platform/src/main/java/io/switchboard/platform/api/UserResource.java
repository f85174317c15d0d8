package io.switchboard.platform.api;

import io.switchboard.platform.security.Role;
import io.switchboard.platform.user.UserService;
import io.switchboard.platform.user.UserView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The caller's tenant's users: everyone of the tenant may list them, tenant admins change them. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    /** A new user. */
    public record NewUser(String email, String displayName, String password, String role) {
        @Override
        public String toString() {
            return "NewUser[" + email + ", " + role + "]";
        }
    }

    @Inject
    private UserService users;
    @Inject
    private Caller caller;

    @GET
    public List<UserView> list() {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return users.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser body) {
        caller.require(Role.TENANT_ADMIN);
        NewUser u = body == null ? new NewUser(null, null, null, null) : body;
        Role role = Role.TENANT_ADMIN.name().equals(u.role()) ? Role.TENANT_ADMIN
                : Role.OPERATOR.name().equals(u.role()) ? Role.OPERATOR : null;
        return Response.status(201).entity(users.create(u.email(), u.displayName(), u.password(), role)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        caller.require(Role.TENANT_ADMIN);
        users.delete(id);
        return Response.noContent().build();
    }
}
