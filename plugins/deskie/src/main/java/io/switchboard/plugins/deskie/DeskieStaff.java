package io.switchboard.plugins.deskie;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Agent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deskie agents ("staff"; page "Agents"): {@code GET /api/staff.json} answers the keyed list of
 * {@code {"staff":{staff_id, staff_email, staff_full_name, active, status_id, …}}} with {@code total_count},
 * paged with {@code page} / {@code limit}.
 */
final class DeskieStaff {

    /** Store key of the agent id of the configured e-mail, so it is looked up once per connection. */
    static final String STAFF_ID_KEY = "deskie.staff-id.";

    private final DeskieApi api;

    DeskieStaff(DeskieApi api) {
        this.api = api;
    }

    /** Every agent, up to five pages of 100; {@code active: false} agents are listed as inactive. */
    List<Agent> list() {
        List<Agent> agents = new ArrayList<>();
        for (JsonNode staff : api.list("staff.json", "", "staff", 5, "list Deskie agents")) {
            String id = DeskieText.id(staff.path("staff_id"));
            if (id != null) {
                agents.add(new Agent(id, DeskieText.text(staff.path("staff_full_name")),
                        DeskieText.text(staff.path("staff_email")), staff.path("active").asBoolean(true)));
            }
        }
        return agents;
    }

    /**
     * The agent replies are posted as when a comment names none: the configured {@code staff_id}, else the agent of
     * the configured e-mail (looked up in {@code /api/staff.json} once, then kept in the connection's store).
     */
    String defaultStaffId() {
        if (api.settings().staffId() != null) {
            return api.settings().staffId();
        }
        String email = api.settings().staffEmail().toLowerCase(Locale.ROOT);
        String key = STAFF_ID_KEY + email;
        String stored = storedId(key);
        if (stored != null) {
            return stored;
        }
        for (Agent agent : list()) {
            if (agent.email() != null && agent.email().equalsIgnoreCase(email)) {
                try {
                    api.context().store().put(key, agent.id());
                } catch (RuntimeException unavailable) {
                    // the store is an optimisation only
                }
                return agent.id();
            }
        }
        throw new PermanentVendorException("Could not post a Deskie reply: no agent has the e-mail "
                + api.settings().staffEmail() + "; set 'Agent id for replies' in the connection");
    }

    private String storedId(String key) {
        try {
            return api.context().store().get(key).orElse(null);
        } catch (RuntimeException unavailable) {
            return null;
        }
    }
}
