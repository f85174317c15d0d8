package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.FlowTemplates;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_ASSIGNEE;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_TAGS;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_TICKET;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_TICKET_CREATED;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_TICKET_INTENT;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.TICKET_EXTERNAL_PREFIX;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.spi.Capability;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The call's ticket, once per call (on its first processed event, normally the first ring, so the ticket exists
 * while the phone rings): the client's most recent ticket in the selected statuses (none selected: the helpdesk's
 * active statuses); with "new ticket on every call", or when there is none, a new one when "create ticket" is on —
 * status New, the chosen type and priority, subject and tags from the templates, mapped ticket custom fields, the
 * client and organization, and its responsible agent ({@link ResponsibleAgentStep}). An intent is recorded just
 * before creating, and only a retry that finds it looks the ticket up by external id: see {@code docs/flows.md},
 * "Exactly once".
 */
final class TicketStep {

    /**
     * A ticket the call's details go to.
     *
     * @param id             the ticket's id
     * @param createdForCall the ticket was created for this call
     * @param url            the link to the ticket when the helpdesk just gave it (found or created now), else
     *                       {@code null}
     */
    record TicketRef(String id, boolean createdForCall, String url) {

        /** A ticket known from a link: no URL. */
        TicketRef(String id, boolean createdForCall) {
            this(id, createdForCall, null);
        }
    }

    private final ResponsibleAgentStep responsible;

    /** @param responsible who a new ticket's responsible agent is */
    TicketStep(ResponsibleAgentStep responsible) {
        this.responsible = responsible;
    }

    /**
     * @param clientId         the call's client, or {@code null}
     * @param organizationId   the organization for a new ticket, or {@code null}
     * @param clientCreatedNow this event created the client (so it has no tickets to search)
     * @return the call's ticket, or {@code null} when none was found and ticket creation is off (noted)
     */
    TicketRef ensure(CallContext call, String clientId, String organizationId, boolean clientCreatedNow) {
        Activity activity = call.activity();
        String callId = call.callId();
        String externalId = TICKET_EXTERNAL_PREFIX + callId;
        if (call.links().find(LINK_CALL_TICKET_INTENT, callId).isPresent()) {
            if (clientId != null) {
                Optional<Ticket> earlier = call.helpdesk().call((c, ctx) ->
                        c.findTicketByExternalId(externalId, clientId, ctx));
                if (earlier.isPresent()) {
                    Ticket ticket = earlier.get();
                    call.links().record(LINK_CALL_TICKET, callId, ticket.id());
                    call.links().record(LINK_CALL_TICKET_CREATED, callId, ticket.id());
                    activity.created("ticket", ticket.id(), ticket.url());
                    activity.note("Ticket " + ticket.number() + " was created for this call by an earlier attempt "
                            + "that stopped midway; it is used, not created again.");
                    return new TicketRef(ticket.id(), true, ticket.url());
                }
            } else {
                activity.note("An earlier attempt may have created this call's ticket, but without a client "
                        + call.helpdesk().name() + " cannot be searched for it; a ticket is created now.");
            }
        }
        if (call.options().newTicketEveryCall()) {
            activity.note("'Create a new ticket on every call' is on: existing tickets are not searched.");
        } else if (clientId == null) {
            activity.note("Without a client no existing ticket can be looked up.");
        } else if (clientCreatedNow) {
            // A client created a moment ago for this call has no tickets: the search (one helpdesk call per
            // status at Usedesk) would only cost time.
            activity.note("Client " + clientId + " is new, so it has no tickets to search; a ticket is created.");
        } else {
            Optional<TicketRef> existing = existing(call, clientId);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        if (!call.options().createTicket()) {
            activity.note("Ticket creation is off, so no ticket was created for call " + callId + ".");
            return null;
        }
        return create(call, clientId, organizationId, externalId);
    }

    private Optional<TicketRef> existing(CallContext call, String clientId) {
        Helpdesk helpdesk = call.helpdesk();
        Set<String> statuses = call.options().searchStatuses();
        String which = "the selected statuses";
        if (statuses.isEmpty()) {
            List<TicketStatusOption> active = helpdesk.call((c, ctx) -> c.ticketStatuses(ctx)).stream()
                    .filter(s -> s.meaning().active()).toList();
            statuses = active.stream().map(TicketStatusOption::id).collect(Collectors.toCollection(
                    LinkedHashSet::new));
            which = "the open statuses (" + active.stream().map(TicketStatusOption::label)
                    .collect(Collectors.joining(", ")) + "; none is selected in the options)";
            if (statuses.isEmpty()) {
                call.activity().note(helpdesk.name() + " names no open ticket statuses, so no existing ticket is "
                        + "searched.");
                return Optional.empty();
            }
        }
        TicketQuery query = new TicketQuery(clientId, statuses, 1);
        List<Ticket> found = helpdesk.call((c, ctx) -> c.findTickets(query, ctx));
        if (found.isEmpty()) {
            call.activity().note("Client " + clientId + " has no ticket in " + which + ".");
            return Optional.empty();
        }
        Ticket ticket = found.get(0);
        call.links().record(LINK_CALL_TICKET, call.callId(), ticket.id());
        call.activity().note("The call goes to the client's ticket " + ticket.number() + " (status "
                + ticket.statusId() + ", " + ticket.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + "), the most recent one in " + which + "; no new ticket.");
        return Optional.of(new TicketRef(ticket.id(), false, ticket.url()));
    }

    private TicketRef create(CallContext call, String clientId, String organizationId, String externalId) {
        CallToTicketOptions options = call.options();
        Activity activity = call.activity();
        FlowLinks links = call.links();
        String callId = call.callId();
        Map<String, String> variables = call.facts().variables();
        String subject = FlowTemplates.render("ticket subject", options.subjectTemplate(),
                CallToTicketOptions.DEFAULT_SUBJECT, variables, activity::note);
        if (subject.isEmpty()) {
            subject = FlowTemplates.render("ticket subject", CallToTicketOptions.DEFAULT_SUBJECT,
                    CallToTicketOptions.DEFAULT_SUBJECT, variables, activity::note);
            activity.note("The ticket subject template gave an empty subject; the default was used.");
        }
        List<String> tags = call.tags();
        Optional<ResponsibleAgentStep.Assignment> assignment = responsible.responsible(call, true);
        boolean types = call.helpdesk().supports(Capability.TICKET_TYPES);
        TicketDraft draft = TicketDraft.builder(subject).body(call.facts().firstMessage())
                .bodyInternal(!options.publicComment()).clientId(clientId).organizationId(organizationId)
                .type(types ? options.ticketType() : null).priority(options.ticketPriority()).tags(tags)
                .assigneeId(assignment.map(ResponsibleAgentStep.Assignment::agentId).orElse(null))
                .customFields(call.customFields(CallToTicketOptions.FieldTarget.TICKET)).externalId(externalId).build();
        links.recordNow(LINK_CALL_TICKET_INTENT, callId, externalId);
        Ticket ticket = call.helpdesk().call((c, ctx) -> c.createTicket(draft, ctx));
        links.record(LINK_CALL_TICKET, callId, ticket.id());
        links.record(LINK_CALL_TICKET_CREATED, callId, ticket.id());
        assignment.ifPresent(a -> links.record(LINK_CALL_ASSIGNEE, callId, a.agentId()));
        links.record(LINK_CALL_TAGS, callId, String.join(",", tags));
        activity.created("ticket", ticket.id(), ticket.url());
        activity.note("Created ticket " + ticket.number() + " '" + subject + "'"
                + (clientId == null ? " without a client" : " for client " + clientId)
                + (organizationId == null ? "" : " in organization " + organizationId)
                + assignment.map(a -> ", responsible " + call.agents().nameOf(a.agentId()) + " (" + a.reason()
                + ")").orElse(", no responsible agent (nobody on the call is known and no fallback agent is set)")
                + ".");
        return new TicketRef(ticket.id(), true, ticket.url());
    }
}
