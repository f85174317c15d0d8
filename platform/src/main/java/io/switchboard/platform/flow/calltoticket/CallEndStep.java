package io.switchboard.platform.flow.calltoticket;

import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_COMMENT;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_COMMENT_INTENT;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_TAGS;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.TicketUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When the call ends: a ticket created for this call gets its responsible agent ({@link ResponsibleAgentStep}), the
 * tags rendered again (so {@code {{status}}} can add "missed") and the mapped custom fields known only now (duration,
 * recording…); then the call-details comment (direction, status, date and time, duration, employee, scheme,
 * recording link) is added to the call's ticket, internal or public as chosen. The comment is checked for and an
 * intent recorded before adding it; the one case where it can appear twice is described in {@code docs/flows.md},
 * "Exactly once".
 */
final class CallEndStep {

    private final ResponsibleAgentStep responsible;

    /** @param responsible who a ticket created for the call ends up with */
    CallEndStep(ResponsibleAgentStep responsible) {
        this.responsible = responsible;
    }

    /** @param ticket the call's ticket, or {@code null} when it has none (noted) */
    void finish(CallContext call, TicketStep.TicketRef ticket) {
        Activity activity = call.activity();
        FlowLinks links = call.links();
        String callId = call.callId();
        if (ticket == null) {
            activity.note("Call " + callId + " ended " + statusWords(call) + ", but it has no ticket (none was "
                    + "found and ticket creation is off): its details were not recorded.");
            return;
        }
        if (ticket.createdForCall()) {
            responsible.assign(call, ticket, responsible.responsible(call, false));
            decorate(call, ticket);
        }
        if (!call.options().callComment()) {
            activity.note("Call " + callId + " ended " + statusWords(call) + "; adding call details is off.");
            return;
        }
        Optional<String> done = links.find(LINK_CALL_COMMENT, callId);
        if (done.isPresent()) {
            activity.note("The details of call " + callId + " are already on ticket " + ticket.id()
                    + " (comment " + done.get() + "); not added again.");
            return;
        }
        boolean internal = !call.options().publicComment();
        Helpdesk helpdesk = call.helpdesk();
        CommentDraft draft = new CommentDraft(call.facts().details(), internal, null, false,
                "sb-call-comment-" + callId);
        if (links.find(LINK_CALL_COMMENT_INTENT, callId).isPresent()) {
            if (helpdesk.supports(Capability.COMMENT_LOOKUP)) {
                Optional<ExternalRef> earlier = helpdesk.call((c, ctx) -> c.findComment(ticket.id(), draft, ctx));
                if (earlier.isPresent()) {
                    links.record(LINK_CALL_COMMENT, callId, earlier.get().id());
                    activity.note("An earlier attempt added the details of call " + callId + " to ticket "
                            + ticket.id() + " (comment " + earlier.get().id() + ") but its answer was lost; not "
                            + "added again.");
                    return;
                }
            } else {
                activity.note("An earlier attempt to add the details of call " + callId + " stopped midway, and "
                        + helpdesk.name() + " cannot look comments up; they are added now and may appear twice on "
                        + "ticket " + ticket.id() + ".");
            }
        }
        if (internal && !helpdesk.supports(Capability.PRIVATE_COMMENTS)) {
            activity.note(helpdesk.name() + " does not declare internal notes; the call details are sent as an "
                    + "internal note anyway and the helpdesk decides how to show them.");
        }
        links.recordNow(LINK_CALL_COMMENT_INTENT, callId, ticket.id());
        ExternalRef comment = helpdesk.call((c, ctx) -> c.addComment(ticket.id(), draft, ctx));
        links.record(LINK_CALL_COMMENT, callId, comment.id());
        activity.created("comment", comment.id(), comment.url());
        activity.note("Added the details of call " + callId + " " + statusWords(call) + " to ticket " + ticket.id()
                + (internal ? " as an internal note." : " as a public comment."));
    }

    /**
     * Tags and custom fields known only at the end, for a ticket created for this call. A permanent refusal is
     * noted and the call goes on to its comment.
     */
    private void decorate(CallContext call, TicketStep.TicketRef ticket) {
        FlowLinks links = call.links();
        String callId = call.callId();
        Set<String> earlier = new LinkedHashSet<>();
        links.find(LINK_CALL_TAGS, callId).ifPresent(t -> Arrays.stream(t.split(","))
                .filter(s -> !s.isBlank()).forEach(earlier::add));
        List<String> tags = new ArrayList<>(call.tags());
        tags.removeAll(earlier);
        Map<String, String> fields = call.customFields(CallToTicketOptions.FieldTarget.TICKET);
        if (tags.isEmpty() && fields.isEmpty()) {
            return;
        }
        try {
            call.helpdesk().call((c, ctx) -> {
                c.updateTicket(ticket.id(), new TicketUpdate(null, null, null, tags, fields), ctx);
                return null;
            });
        } catch (PermanentVendorException e) {
            call.activity().note("Could not add the call's tags and custom fields to ticket " + ticket.id() + ": "
                    + e.getMessage());
            return;
        }
        earlier.addAll(tags);
        links.record(LINK_CALL_TAGS, callId, String.join(",", earlier));
        call.activity().note("Ticket " + ticket.id() + " updated when the call ended"
                + (tags.isEmpty() ? "" : ": tags " + String.join(", ", tags))
                + (fields.isEmpty() ? "" : (tags.isEmpty() ? ": " : "; ") + fields.size() + " custom field"
                + (fields.size() == 1 ? "" : "s"))
                + ".");
    }

    private static String statusWords(CallContext call) {
        String words = CallFacts.status(call.event().status());
        return "(" + (words.isEmpty() ? "status unknown" : words) + ")";
    }
}
