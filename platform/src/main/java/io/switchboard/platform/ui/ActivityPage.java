package io.switchboard.platform.ui;

import io.switchboard.platform.connection.ConnectionService;
import io.switchboard.platform.connection.ConnectionView;
import io.switchboard.platform.pipeline.ActivityEntry;
import io.switchboard.platform.pipeline.ActivityService;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/**
 * Tenant: the activity log — each event with its state, what it did and why it failed, filtered by state and
 * connection (GET parameters, so a filtered view can be bookmarked), with Replay for dead and done events.
 */
@Named
@RequestScoped
public class ActivityPage {

    @Inject
    private CallerAccess access;
    @Inject
    private ActivityService activity;
    @Inject
    private ConnectionService connections;

    private String state;
    private String connection;
    private List<ActivityEntry> entries;
    private Map<String, Long> counts;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
    }

    public List<ActivityEntry> getEntries() {
        if (entries == null) {
            try {
                entries = activity.list(blank(state), blank(connection), 200);
            } catch (InvalidInputException | NotFoundException e) {
                Problems.error(e.getMessage());
                entries = List.of();
            }
        }
        return entries;
    }

    public Map<String, Long> getCounts() {
        if (counts == null) {
            counts = activity.counts();
        }
        return counts;
    }

    /** @return how many events are in the state, e.g. "12", "0" or "1000+" for done events beyond the cap */
    public String countOf(String state) {
        long count = getCounts().getOrDefault(state, 0L);
        return "DONE".equals(state) && count >= ActivityService.DONE_COUNT_CAP ? count + "+" : String.valueOf(count);
    }

    public List<String> getStates() {
        return List.of("RECEIVED", "PROCESSING", "RETRYING", "DONE", "DEAD");
    }

    public List<ConnectionView> getConnections() {
        return connections.list();
    }

    public boolean replayable(ActivityEntry entry) {
        return ActivityService.REPLAYABLE.contains(entry.state());
    }

    public String replay(long id) {
        try {
            activity.replay(id);
            Problems.info("Event " + id + " will be processed again now.");
        } catch (InvalidInputException | NotFoundException e) {
            Problems.error(e.getMessage());
        }
        return redirect();
    }

    public String replayAll() {
        try {
            int n = activity.replayAll(blank(state), blank(connection));
            Problems.info(n + (n == 1 ? " event" : " events") + " will be processed again now.");
        } catch (InvalidInputException | NotFoundException e) {
            Problems.error(e.getMessage());
        }
        return redirect();
    }

    private String redirect() {
        return "/admin/activity.xhtml?faces-redirect=true&state=" + (state == null ? "" : state) + "&connection="
                + (connection == null ? "" : connection);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }
}
