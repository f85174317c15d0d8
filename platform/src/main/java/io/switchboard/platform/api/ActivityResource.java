package io.switchboard.platform.api;

import io.switchboard.platform.pipeline.ActivityEntry;
import io.switchboard.platform.pipeline.ActivityService;
import io.switchboard.platform.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The tenant's activity log: {@code GET /activity?state=DEAD&connection=…&limit=100} (newest first),
 * {@code GET /activity/{id}}, {@code POST /activity/{id}/replay}, {@code POST /activity/replay?state=DEAD&connection=…}.
 */
@Path("activity")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

    /** How many events a bulk replay put back into the queue. */
    public record Replayed(int replayed) {
    }

    @Inject
    private ActivityService activity;
    @Inject
    private Caller caller;

    @GET
    public List<ActivityEntry> list(@QueryParam("state") String state, @QueryParam("connection") String connection,
                                    @QueryParam("limit") @DefaultValue("100") int limit) {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return activity.list(state, connection, limit);
    }

    /** Events per state; done events are counted up to 1,000 (a value of 1,000 means "at least"). */
    @GET
    @Path("counts")
    public Map<String, Long> counts() {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return activity.counts();
    }

    @GET
    @Path("{id}")
    public ActivityEntry get(@PathParam("id") long id) {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return activity.get(id);
    }

    @POST
    @Path("{id}/replay")
    public ActivityEntry replay(@PathParam("id") long id) {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return activity.replay(id);
    }

    @POST
    @Path("replay")
    public Replayed replayAll(@QueryParam("state") String state, @QueryParam("connection") String connection) {
        caller.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return new Replayed(activity.replayAll(state, connection));
    }
}
