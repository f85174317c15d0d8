package io.switchboard.platform.flow.calltoticket;

import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.telephony.Employee;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a PBX employee is in the helpdesk: by the tenant's extension table first, then — when the PBX sends
 * them — by e-mail, then by full name among the helpdesk's active agents (as {@link Employee} documents). The
 * agent list is asked for only when needed (a name to show, or an employee not in the table), and at most once a
 * minute per connection ({@link Helpdesk#agents()}). One instance per event.
 */
final class AgentDirectory {

    private final Map<String, String> byExtension;
    private final Helpdesk helpdesk;
    private List<Agent> agents;

    AgentDirectory(Map<String, String> byExtension, Helpdesk helpdesk) {
        this.byExtension = byExtension;
        this.helpdesk = helpdesk;
    }

    /** @return the agent id of the employee, if the table or the helpdesk's agents tell */
    Optional<String> agentOf(Employee employee) {
        if (employee == null) {
            return Optional.empty();
        }
        if (employee.extension() != null) {
            String mapped = byExtension.get(employee.extension().strip());
            if (mapped != null) {
                return Optional.of(mapped);
            }
        }
        if (blank(employee.email()) && blank(employee.name())) {
            return Optional.empty();
        }
        List<Agent> active = agents().stream().filter(Agent::active).toList();
        if (!blank(employee.email())) {
            Optional<Agent> byEmail = active.stream()
                    .filter(a -> a.email() != null && a.email().equalsIgnoreCase(employee.email().strip())).findFirst();
            if (byEmail.isPresent()) {
                return Optional.of(byEmail.get().id());
            }
        }
        if (!blank(employee.name())) {
            return active.stream().filter(a -> a.name() != null
                            && a.name().strip().equalsIgnoreCase(employee.name().strip()))
                    .map(Agent::id).findFirst();
        }
        return Optional.empty();
    }

    /** @return the agent's name, or the id when the helpdesk does not list it */
    String nameOf(String agentId) {
        return agents().stream().filter(a -> a.id().equals(agentId)).map(Agent::name)
                .filter(n -> n != null && !n.isBlank()).findFirst().orElse("agent " + agentId);
    }

    /**
     * @return how to show the employee: "Anna Petrova (ext. 201)", "ext. 201", the PBX's name, or {@code ""} for
     *         nobody
     */
    String describe(Employee employee) {
        if (employee == null) {
            return "";
        }
        String extension = blank(employee.extension()) ? null : "ext. " + employee.extension().strip();
        Optional<String> agent = agentOf(employee).map(this::nameOf);
        String name = agent.orElse(blank(employee.name()) ? null : employee.name().strip());
        if (name != null && extension != null) {
            return name + " (" + extension + ")";
        }
        return name != null ? name : extension != null ? extension : "";
    }

    /** @return the employee's name for templates: the agent's name, else the PBX's name, else "ext. 201" */
    String nameForTemplates(Employee employee) {
        if (employee == null) {
            return "";
        }
        return agentOf(employee).map(this::nameOf).orElseGet(() -> !blank(employee.name()) ? employee.name().strip()
                : blank(employee.extension()) ? "" : "ext. " + employee.extension().strip());
    }

    private List<Agent> agents() {
        if (agents == null) {
            agents = helpdesk.agents();
        }
        return agents;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
