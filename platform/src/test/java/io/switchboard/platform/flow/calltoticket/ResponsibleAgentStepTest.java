package io.switchboard.platform.flow.calltoticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.flow.TestFlowRun;
import io.switchboard.platform.flow.TestFlowRun.MapLinks;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.TicketUpdate;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import io.switchboard.spi.telephony.CallStatus;
import io.switchboard.spi.telephony.Employee;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link ResponsibleAgentStep} on its own: who is responsible for a ticket created for a call, and how the step
 * assigns it. The helpdesk is a stand-in that lists four agents and takes (or refuses) ticket updates.
 */
class ResponsibleAgentStepTest {

    private static final String CALL = "call-7";
    private static final Employee EXT_201 = new Employee("201", null, null);
    private static final Employee EXT_202 = new Employee("202", null, null);
    private static final Employee EXT_299 = new Employee("299", null, null);
    private static final Map<String, Object> TEAM = Map.of(
            "agents", List.of(Map.of("agent", "545", "extension", "201"), Map.of("agent", "546", "extension", "202")),
            "fallback_agent", "548", "duty_agent", "547");
    private static final Map<String, Object> FIRST_RUNG = withFirstRung();

    private final ResponsibleAgentStep step = new ResponsibleAgentStep();
    private final MapLinks links = new MapLinks();
    /** Ticket updates the helpdesk received: ticket id → update. */
    private final List<Map.Entry<String, TicketUpdate>> updates = new ArrayList<>();
    private boolean refuseUpdates;
    private TestFlowRun run;

    @Test
    void answeringEmployeeIsResponsible() {
        CallContext call = context(TEAM, event(CallPhase.ANSWERED, CallDirection.INCOMING, CallStatus.IN_PROGRESS,
                List.of(EXT_202, EXT_201), EXT_201));

        assertThat(step.responsible(call, false)).contains(new ResponsibleAgentStep.Assignment("545",
                "answered the call"));
    }

    @Test
    void outgoingCallGoesToTheEmployeeWhoCalled() {
        CallContext call = context(TEAM, event(CallPhase.STARTED, CallDirection.OUTGOING, CallStatus.IN_PROGRESS,
                List.of(EXT_202), null));

        assertThat(step.responsible(call, true)).map(ResponsibleAgentStep.Assignment::agentId).contains("546");
    }

    @Test
    void ringingCallGetsTheFallbackAgentOnlyWhileTheTicketIsCreated() {
        CallContext call = context(TEAM, event(CallPhase.STARTED, CallDirection.INCOMING, CallStatus.IN_PROGRESS,
                List.of(EXT_201), null));

        assertThat(step.responsible(call, true)).map(ResponsibleAgentStep.Assignment::agentId).contains("548");
        assertThat(step.responsible(call, false)).isEmpty();
    }

    @Test
    void missedCallGoesToTheOnDutyAgent() {
        CallContext call = context(TEAM, event(CallPhase.ENDED, CallDirection.INCOMING, CallStatus.MISSED,
                List.of(EXT_201), null));

        assertThat(step.responsible(call, false)).contains(new ResponsibleAgentStep.Assignment("547",
                "missed call: on-duty agent"));
    }

    @Test
    void missedCallGoesToTheFirstEmployeeItRangToWhenChosenRememberedFromTheFirstRing() {
        ring(EXT_202, EXT_201);
        ring(EXT_201);

        CallContext end = missedWithFirstRung(EXT_201);
        assertThat(links.find(CallToTicketFlow.LINK_CALL_FIRST_RUNG, CALL)).contains("ext:202");
        assertThat(step.firstRung(end)).contains(EXT_202);
        assertThat(step.responsible(end, false)).contains(new ResponsibleAgentStep.Assignment("546",
                "missed call: the first employee the call rang to"));
    }

    @Test
    void firstEmployeeWithoutAnAgentLeavesTheMissedCallToTheOnDutyAgent() {
        ring(EXT_299);

        CallContext end = missedWithFirstRung(EXT_299);
        assertThat(step.responsible(end, false)).map(ResponsibleAgentStep.Assignment::agentId).contains("547");
        assertThat(run.activity().notes()).containsExactly("Missed call: the first employee the call rang to, "
                + "ext. 299, has no agent; the on-duty agent is responsible instead.");
    }

    @Test
    void assignSendsAChangedAgentOnceAndRemembersIt() {
        CallContext call = context(TEAM, event(CallPhase.ANSWERED, CallDirection.INCOMING, CallStatus.IN_PROGRESS,
                List.of(EXT_201), EXT_201));
        TicketStep.TicketRef ticket = new TicketStep.TicketRef("T1", true);

        step.assign(call, ticket, step.responsible(call, false));
        step.assign(call, ticket, step.responsible(call, false));
        step.assign(call, ticket, Optional.empty());

        assertThat(updates).containsExactly(Map.entry("T1", TicketUpdate.assignee("545")));
        assertThat(links.find(CallToTicketFlow.LINK_CALL_ASSIGNEE, CALL)).contains("545");
        assertThat(run.activity().notes()).containsExactly(
                "Ticket T1 is now the responsibility of Anna Agent (answered the call).");
    }

    @Test
    void refusedAssignmentIsNotedAndNotRemembered() {
        refuseUpdates = true;
        CallContext call = context(TEAM, event(CallPhase.ENDED, CallDirection.INCOMING, CallStatus.MISSED,
                List.of(EXT_201), null));

        step.assign(call, new TicketStep.TicketRef("T1", true), step.responsible(call, false));

        assertThat(links.find(CallToTicketFlow.LINK_CALL_ASSIGNEE, CALL)).isEmpty();
        assertThat(run.activity().notes()).containsExactly(
                "Could not make Dasha Duty responsible for ticket T1: agent 547 is not active");
    }

    /** A ring of the call to these employees, in order, with "first employee the call rang to" chosen. */
    private void ring(Employee... rang) {
        step.rememberFirstRung(context(FIRST_RUNG, event(CallPhase.STARTED, CallDirection.INCOMING,
                CallStatus.IN_PROGRESS, List.of(rang), null)));
    }

    /** The end of the call, missed, with "first employee the call rang to" chosen. */
    private CallContext missedWithFirstRung(Employee... rang) {
        return context(FIRST_RUNG, event(CallPhase.ENDED, CallDirection.INCOMING, CallStatus.MISSED, List.of(rang),
                null));
    }

    /** A context of its own run for each event; links are shared, as the pipeline's are. */
    private CallContext context(Map<String, Object> options, CallEvent event) {
        run = new TestFlowRun(TestFlowRun.savedOptions(new CallToTicketFlow(changed -> { }), options), helpdesk(),
                null, links, Clock.systemUTC());
        CallContext call = CallContext.of(event, run);
        return call.withFacts(PhoneNumbers.read(event.clientNumber(), "RU", PhoneFormat.E164),
                step.firstRung(call).orElse(null));
    }

    /** Lists four agents, takes ticket updates (or refuses them); any other call fails the test. */
    private HelpdeskConnector helpdesk() {
        List<Agent> agents = List.of(new Agent("545", "Anna Agent", null, true),
                new Agent("546", "Boris Agent", null, true), new Agent("547", "Dasha Duty", null, true),
                new Agent("548", "Sergey Senior", null, true));
        return (HelpdeskConnector) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HelpdeskConnector.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "listAgents" -> agents;
                    case "updateTicket" -> {
                        if (refuseUpdates) {
                            throw new PermanentVendorException("agent " + ((TicketUpdate) args[1]).assigneeId()
                                    + " is not active");
                        }
                        updates.add(Map.entry((String) args[0], (TicketUpdate) args[1]));
                        yield null;
                    }
                    default -> throw new AssertionError("The step should not call " + method.getName());
                });
    }

    private static Map<String, Object> withFirstRung() {
        Map<String, Object> options = new HashMap<>(TEAM);
        options.put("first_rung_responsible", true);
        return Map.copyOf(options);
    }

    private static CallEvent event(CallPhase phase, CallDirection direction, CallStatus status, List<Employee> rang,
                                   Employee answeredBy) {
        return new CallEvent(CALL + "-" + phase, CALL, phase, direction, status, null, "79161234567", null, null,
                rang, answeredBy, null, null, Map.of());
    }
}
