package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.FlowTemplates;
import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.platform.flow.FlowClaims;
import io.switchboard.platform.flow.FlowRun;
import io.switchboard.spi.Capability;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.Employee;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call event being handled by {@link CallToTicketFlow}: the event, its {@link FlowRun} (links, activity, clock),
 * the flow's options, the helpdesk, the agent directory and — once the client number is read — the
 * {@link CallFacts}. The flow makes one per event and passes it to each step; it lives for one
 * {@link CallToTicketFlow#handle} call and is not shared between threads.
 *
 * @param event    the call event
 * @param run      the event's run: links, activity, clock, the flow's connections
 * @param options  the flow's options, read
 * @param helpdesk the flow's target helpdesk
 * @param agents   who the PBX's employees are in the helpdesk (asks for the agent list at most once per event)
 * @param facts    what the event says, in the words tenants see; {@code null} until the client number is read
 */
record CallContext(CallEvent event, FlowRun run, CallToTicketOptions options, Helpdesk helpdesk,
                   AgentDirectory agents, CallFacts facts) {

    /** @return the context of one event, before its client number is read (no {@link #facts()} yet) */
    static CallContext of(CallEvent event, FlowRun run) {
        CallToTicketOptions options = CallToTicketOptions.from(run.options());
        Helpdesk helpdesk = new Helpdesk(run);
        return new CallContext(event, run, options, helpdesk, new AgentDirectory(options.extensions(), helpdesk),
                null);
    }

    /**
     * @param phone     the client number, read
     * @param firstRung the first employee the call rang to, if known
     * @return this context with the call's facts (same options, helpdesk and agent directory)
     */
    CallContext withFacts(PhoneNumbers.Phone phone, Employee firstRung) {
        return new CallContext(event, run, options, helpdesk, agents,
                new CallFacts(event, options, phone, agents, firstRung, run.clock()));
    }

    String callId() {
        return event.callId();
    }

    FlowLinks links() {
        return run.links();
    }

    Activity activity() {
        return run.activity();
    }

    FlowClaims claims() {
        return run.claims();
    }

    /** @return what the event says; only once the client number is read ({@link #withFacts}) */
    @Override
    public CallFacts facts() {
        if (facts == null) {
            throw new IllegalStateException("The call's facts are known only once its client number is read");
        }
        return facts;
    }

    /** @return the client number, read; only once it is ({@link #withFacts}) */
    PhoneNumbers.Phone phone() {
        return facts().phone();
    }

    /** @return the tags of a ticket created for this call, rendered from the tag template (now) */
    List<String> tags() {
        String rendered = FlowTemplates.render("ticket tags", options.tagTemplate(),
                CallToTicketOptions.DEFAULT_TAG, facts().variables(), activity()::note);
        return Arrays.stream(rendered.split(",")).map(String::strip).filter(t -> !t.isEmpty()).distinct()
                .toList();
    }

    /**
     * @return field id → value of the custom fields mapped to {@code target} whose value is known now; empty (with a
     *         note) when the helpdesk has no custom fields
     */
    Map<String, String> customFields(CallToTicketOptions.FieldTarget target) {
        List<CallToTicketOptions.FieldMapping> mappings = options.fieldMappings().stream()
                .filter(m -> m.target() == target).toList();
        if (mappings.isEmpty()) {
            return Map.of();
        }
        if (!helpdesk.supports(Capability.CUSTOM_FIELDS)) {
            activity().note(helpdesk.name() + " does not support custom fields; the call data mapping is not "
                    + "used.");
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (CallToTicketOptions.FieldMapping mapping : mappings) {
            String value = facts().attribute(mapping.attribute());
            if (!value.isEmpty()) {
                values.put(mapping.fieldId(), value);
            }
        }
        return values;
    }
}
