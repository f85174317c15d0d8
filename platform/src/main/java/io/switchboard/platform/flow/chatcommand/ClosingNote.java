package io.switchboard.platform.flow.chatcommand;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.ConnectorGate;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.platform.flow.FlowRun;
import io.switchboard.platform.flow.FlowTemplates;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.helpdesk.TicketStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a ticket's closing back to its conversation: when a ticket this flow created is closed, operators get a
 * note in the conversation; reopening writes nothing; a close that came with an agent's reply writes nothing. Told
 * once per closing: the link {@code ticket-closed} holds the last state the flow saw ({@code closed} or
 * {@code open}), so a repeated or replayed webhook, or a "resolved" followed by an automatic "closed", writes no
 * second note, while a ticket closed again after a reopening gets one.
 */
final class ClosingNote {

    static final String LINK_TICKET_STATE = "ticket-closed";

    private final HelpdeskEvent.TicketChanged change;
    private final ChatCommandOptions options;
    private final FlowLinks links;
    private final Activity activity;
    private final FlowRun run;

    ClosingNote(HelpdeskEvent.TicketChanged change, ChatCommandOptions options, FlowRun run) {
        this.change = change;
        this.options = options;
        this.links = run.links();
        this.activity = run.activity();
        this.run = run;
    }

    void handle() {
        String ticketId = change.ticketId();
        Optional<String> conversation = ticketId == null ? Optional.empty()
                : links.find(TicketFromCommand.LINK_TICKET_CONVERSATION, ticketId);
        if (conversation.isEmpty()) {
            activity.note("Ticket " + ticketId + " was not created from a chat command: nothing to tell the chat");
            return;
        }
        if (change.newStatusId() == null && change.newStatus() == null) {
            activity.note("Ticket " + ticketId + " changed, but not its status: nothing to tell the chat");
            return;
        }
        boolean closed = closes();
        String state = links.find(LINK_TICKET_STATE, ticketId).orElse("open");
        if (!closed) {
            if ("closed".equals(state)) {
                activity.note("Ticket " + ticketId + " was reopened: nothing is written in the chat");
            }
            links.record(LINK_TICKET_STATE, ticketId, "open");
            return;
        }
        if ("closed".equals(state)) {
            activity.note("Ticket " + ticketId + " is closed and the conversation was told already");
            return;
        }
        if (change.withReply()) {
            activity.note("Ticket " + ticketId + " was closed together with an agent's reply: no note in the chat");
            links.record(LINK_TICKET_STATE, ticketId, "closed");
            return;
        }
        if (!options.closingNote()) {
            activity.note("Ticket " + ticketId + " was closed; closing notes are switched off");
            links.record(LINK_TICKET_STATE, ticketId, "closed");
            return;
        }
        ConnectorGate<ChannelConnector> chat = run.source(ChannelConnector.class);
        if (!chat.supports(Capability.OPERATOR_ONLY_MESSAGES)) {
            activity.note(chat.descriptor().displayName() + " cannot post a note only operators see: ticket "
                    + ticketId + " was closed, the conversation was not told");
            links.record(LINK_TICKET_STATE, ticketId, "closed");
            return;
        }
        String text = FlowTemplates.render("closing note", options.closingNoteTemplate(),
                ChatCommandOptions.DEFAULT_CLOSING_NOTE, variables(ticketId), activity::note);
        String key = "sb-closed-" + ticketId + "-" + (change.eventId() == null ? "" : change.eventId());
        ExternalRef note = chat.call((c, ctx) -> c.postMessage(conversation.get(),
                new OutgoingMessage(text, true, null, true, key), ctx));
        links.record(LINK_TICKET_STATE, ticketId, "closed");
        activity.created("Closing note in the conversation", note.id(), note.url());
    }

    /** @return whether the new status is one the options count as closed */
    private boolean closes() {
        if (!options.closingStatuses().isEmpty()) {
            return change.newStatusId() != null && options.closingStatuses().contains(change.newStatusId());
        }
        return change.newStatus() == TicketStatus.CLOSED || change.newStatus() == TicketStatus.RESOLVED;
    }

    private Map<String, String> variables(String ticketId) {
        String[] facts = links.find(TicketFromCommand.LINK_TICKET_FACTS, ticketId).orElse(ticketId).split(" ", 2);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("ticket_id", ticketId);
        variables.put("ticket_number", facts[0]);
        variables.put("ticket_url", facts.length > 1 ? facts[1] : "");
        variables.put("helpdesk", run.target(HelpdeskConnector.class).descriptor().displayName());
        return variables;
    }
}
