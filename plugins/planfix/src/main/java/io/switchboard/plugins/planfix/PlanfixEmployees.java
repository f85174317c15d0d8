package io.switchboard.plugins.planfix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.helpdesk.Agent;
import java.util.ArrayList;
import java.util.List;

/**
 * Planfix employees as the platform's agents: {@code POST /user/list} (OpenAPI {@code getUserList}) with
 * {@code onlyActive: false}, paged. An employee is active unless {@code isDeleted} is true or {@code status} says
 * otherwise: user statuses are {@code ACTIVE} / {@code UNACTIVE} (Planfix help "ПланФикс API Статусы
 * пользователей"; the REST spelling and case are [inf], so the comparison ignores case and anything but
 * {@code active} counts as inactive).
 */
final class PlanfixEmployees {

    static final String FIELDS = "id,name,midname,lastname,email,status";

    /** At most 20 pages of 100 employees. */
    static final int MAX_PAGES = 20;

    private final PlanfixApi api;

    PlanfixEmployees(PlanfixApi api) {
        this.api = api;
    }

    List<Agent> list() {
        ObjectNode body = PlanfixText.JSON.createObjectNode().put("onlyActive", false).put("fields", FIELDS);
        List<Agent> agents = new ArrayList<>();
        for (JsonNode user : api.list("user/list", body, "users", MAX_PAGES, "list the Planfix employees")) {
            String id = PlanfixText.bareId(PlanfixText.text(user.path("id")));
            if (id == null) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (String part : List.of("name", "midname", "lastname")) {
                String text = PlanfixText.text(user.path(part));
                if (text != null) {
                    parts.add(text);
                }
            }
            String status = PlanfixText.text(user.path("status"));
            boolean active = !user.path("isDeleted").asBoolean(false)
                    && (status == null || status.equalsIgnoreCase("active"));
            agents.add(new Agent(id, String.join(" ", parts), PlanfixText.text(user.path("email")), active));
        }
        return agents;
    }
}
