package io.switchboard.platform.flow.calltoticket;

import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_ASSIGNEE;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_FIRST_RUNG;

import io.switchboard.platform.flow.Activity;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.TicketUpdate;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import io.switchboard.spi.telephony.CallStatus;
import io.switchboard.spi.telephony.Employee;
import java.util.Optional;

/**
 * The responsible agent of a ticket created for the call: the agent of the employee who answered; for an outgoing
 * call the employee who called; while nobody is known yet (an incoming call still ringing), the fallback agent. When
 * the call is answered the ticket moves to the answering agent. When an incoming call ends missed, the ticket goes to
 * the on-duty agent — or, with "first employee the call rang to", to that employee's agent (the on-duty agent when
 * that employee has no agent). Tickets that already existed keep their responsible agent: only new contacts are
 * assigned. Also remembers the first employee an incoming call rang to ({@code call-first-rung} link), which the
 * missed-call choice needs when the call ends. Repeating an assignment is harmless: see {@code docs/flows.md},
 * "Exactly once".
 */
final class ResponsibleAgentStep {

    /** A responsible agent and why, for the note. */
    record Assignment(String agentId, String reason) {
    }

    /**
     * The agent a ticket created for this call should have now, if anyone.
     *
     * @param creating true while the ticket is being created: then, failing everyone else, the fallback agent
     */
    Optional<Assignment> responsible(CallContext call, boolean creating) {
        CallEvent event = call.event();
        AgentDirectory agents = call.agents();
        Activity activity = call.activity();
        CallToTicketOptions options = call.options();
        Employee answered = event.answeredBy();
        if (answered != null) {
            Optional<String> agent = agents.agentOf(answered);
            if (agent.isPresent()) {
                return Optional.of(new Assignment(agent.get(), "answered the call"));
            }
            activity.note(agents.describe(answered) + " answered, but is not in the agents table.");
        }
        if (event.direction() == CallDirection.OUTGOING && !event.rang().isEmpty()) {
            Optional<String> agent = agents.agentOf(event.rang().get(0));
            if (agent.isPresent()) {
                return Optional.of(new Assignment(agent.get(), "made the call"));
            }
            activity.note(agents.describe(event.rang().get(0)) + " made the call, but is not in the agents "
                    + "table.");
        }
        if (event.phase() == CallPhase.ENDED && event.status() == CallStatus.MISSED) {
            if (options.firstRungResponsible()) {
                Employee first = firstRung(call).orElseGet(call.facts()::employee);
                Optional<String> agent = agents.agentOf(first);
                if (agent.isPresent()) {
                    return Optional.of(new Assignment(agent.get(), "missed call: the first employee the call "
                            + "rang to"));
                }
                activity.note("Missed call: the first employee the call rang to"
                        + (first == null ? " is not known" : ", " + agents.describe(first) + ", has no agent")
                        + "; the on-duty agent is responsible instead.");
            }
            if (options.dutyAgent() != null) {
                return Optional.of(new Assignment(options.dutyAgent(), "missed call: on-duty agent"));
            }
            activity.note("Missed call, but no on-duty agent is set: the ticket keeps its responsible agent.");
        }
        if (creating && options.fallbackAgent() != null) {
            return Optional.of(new Assignment(options.fallbackAgent(), "nobody on the call is known yet: "
                    + "fallback agent"));
        }
        return Optional.empty();
    }

    /**
     * Makes the wanted agent responsible for the ticket, unless it already is ({@code call-assignee}). A permanent
     * refusal is noted and the call goes on (a stale agent id in the options must not cost the call its details).
     */
    void assign(CallContext call, TicketStep.TicketRef ticket, Optional<Assignment> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        Assignment assignment = wanted.get();
        String callId = call.callId();
        if (assignment.agentId().equals(call.links().find(LINK_CALL_ASSIGNEE, callId).orElse(null))) {
            return;
        }
        try {
            call.helpdesk().call((c, ctx) -> {
                c.updateTicket(ticket.id(), TicketUpdate.assignee(assignment.agentId()), ctx);
                return null;
            });
        } catch (PermanentVendorException e) {
            call.activity().note("Could not make " + call.agents().nameOf(assignment.agentId())
                    + " responsible for ticket " + ticket.id() + ": " + e.getMessage());
            return;
        }
        call.links().record(LINK_CALL_ASSIGNEE, callId, assignment.agentId());
        call.activity().note("Ticket " + ticket.id() + " is now the responsibility of "
                + call.agents().nameOf(assignment.agentId()) + " (" + assignment.reason() + ").");
    }

    /** Remembers the first employee an incoming call rang to (the missed-call choice needs it at the end). */
    void rememberFirstRung(CallContext call) {
        CallEvent event = call.event();
        if (event.direction() != CallDirection.INCOMING || event.phase() != CallPhase.STARTED
                || event.rang().isEmpty() || call.links().find(LINK_CALL_FIRST_RUNG, call.callId()).isPresent()) {
            return;
        }
        Employee employee = event.rang().get(0);
        String encoded = employee.extension() != null ? "ext:" + employee.extension()
                : employee.email() != null ? "email:" + employee.email()
                : employee.name() != null ? "name:" + employee.name() : null;
        if (encoded != null) {
            call.links().record(LINK_CALL_FIRST_RUNG, call.callId(), encoded);
        }
    }

    /** @return the first employee the call rang to, as remembered by {@link #rememberFirstRung} */
    Optional<Employee> firstRung(CallContext call) {
        return call.links().find(LINK_CALL_FIRST_RUNG, call.callId()).map(encoded -> {
            int colon = encoded.indexOf(':');
            String kind = colon < 0 ? "ext" : encoded.substring(0, colon);
            String value = encoded.substring(colon + 1);
            return switch (kind) {
                case "email" -> new Employee(null, null, value);
                case "name" -> new Employee(null, value, null);
                default -> new Employee(value, null, null);
            };
        });
    }
}
