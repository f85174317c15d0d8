package io.switchboard.plugins.planfix;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Planfix task statuses and their neutral meaning (README, "Vendor facts"). Statuses belong to task processes:
 * {@code GET /process/task} lists the processes, {@code GET /process/task/{id}/statuses} a process's statuses as
 * {@code {id, name, color, isActive, …}} (OpenAPI model {@code TaskStatus}). Status ids are account-wide and a status
 * may serve several processes [inf], so the lists are merged by id.
 *
 * <p>Meaning, first match wins: the name (Russian or English) — completed / finished / cancelled / rejected →
 * {@link TicketStatus#CLOSED}, done → {@link TicketStatus#RESOLVED} (Planfix's "Выполненная": done, waiting for the
 * assigner's check), deferred → {@link TicketStatus#ON_HOLD}, new → {@link TicketStatus#NEW}, draft →
 * {@link TicketStatus#OTHER}; then {@code isActive} false → {@link TicketStatus#CLOSED}; then the default process's
 * ids as public clients use them (popstas/planfix-mcp-server: 0 draft, 1 new, 2 in work, 3 completed, 4 deferred, 6
 * done; [inf] for any given account); otherwise an active status → {@link TicketStatus#OPEN}.
 */
final class PlanfixStatuses {

    /** At most this many processes are read (one request each, at Planfix's 1 request a second). */
    static final int MAX_PROCESSES = 20;

    private PlanfixStatuses() {
    }

    /** @return the statuses of the configured process, or of every task process, with their meaning */
    static List<TicketStatusOption> list(PlanfixApi api) {
        List<String> processes = new ArrayList<>();
        if (api.settings().processId() != null) {
            processes.add(api.settings().processId());
        } else {
            for (JsonNode process : api.get("process/task?fields=id,name", "list the task processes")
                    .path("processes")) {
                String id = PlanfixText.text(process.path("id"));
                if (id != null && processes.size() < MAX_PROCESSES) {
                    processes.add(id);
                }
            }
        }
        Map<String, TicketStatusOption> statuses = new LinkedHashMap<>();
        for (String process : processes) {
            JsonNode answer = api.get("process/task/" + process + "/statuses?fields=id,name,isActive",
                    "list the statuses of task process " + process);
            for (JsonNode status : answer.path("statuses")) {
                String id = PlanfixText.text(status.path("id"));
                if (id != null) {
                    String name = PlanfixText.text(status.path("name"));
                    statuses.putIfAbsent(id, new TicketStatusOption(id, name == null ? id : name,
                            meaning(id, name, active(status))));
                }
            }
        }
        return List.copyOf(statuses.values());
    }

    /** @return {@code isActive} of a status object, or {@code null} when it does not say */
    static Boolean active(JsonNode status) {
        JsonNode flag = status.path("isActive");
        return flag.isBoolean() ? flag.asBoolean() : null;
    }

    /**
     * @param id       the status id, or {@code null}
     * @param name     its name, or {@code null}
     * @param isActive Planfix's {@code isActive}, or {@code null} when unknown
     */
    static TicketStatus meaning(String id, String name, Boolean isActive) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (containsAny(n, "заверш", "complet", "finish", "closed", "закрыт", "отмен", "cancel", "отклон", "reject")) {
            return TicketStatus.CLOSED;
        }
        if (containsAny(n, "выполнен", "done")) {
            return TicketStatus.RESOLVED;
        }
        if (containsAny(n, "отлож", "defer", "postpon", "delay")) {
            return TicketStatus.ON_HOLD;
        }
        if (containsAny(n, "новая", "новый", "new")) {
            return TicketStatus.NEW;
        }
        if (containsAny(n, "черновик", "draft")) {
            return TicketStatus.OTHER;
        }
        if (Boolean.FALSE.equals(isActive)) {
            return TicketStatus.CLOSED;
        }
        if (n.isEmpty() && isActive == null && id != null) {
            switch (id) {
                case "0": return TicketStatus.OTHER;
                case "1": return TicketStatus.NEW;
                case "3": return TicketStatus.CLOSED;
                case "4": return TicketStatus.ON_HOLD;
                case "6": return TicketStatus.RESOLVED;
                default: return TicketStatus.OPEN;
            }
        }
        return TicketStatus.OPEN;
    }

    private static boolean containsAny(String text, String... parts) {
        for (String part : parts) {
            if (text.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
