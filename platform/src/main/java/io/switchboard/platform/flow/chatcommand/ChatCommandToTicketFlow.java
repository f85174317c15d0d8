package io.switchboard.platform.flow.chatcommand;

import io.switchboard.platform.flow.FlowRun;
import io.switchboard.platform.flow.FlowType;
import io.switchboard.platform.flow.TargetEvents;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * "Chat command → ticket": an operator types {@code /usedesk <text>} in a chat and gets a helpdesk ticket for the
 * conversation's lead ({@link TicketFromCommand}); when the ticket is closed in the helpdesk, the conversation gets a
 * note only operators see ({@link ClosingNote}). Any channel connector that reports slash commands, with any helpdesk
 * connector: what a pair cannot do (operators-only notes, lead notes, custom fields) is skipped with a note.
 * Options and behaviour: docs/flows.md, "Chat commands to tickets".
 */
@ApplicationScoped
public class ChatCommandToTicketFlow implements FlowType<ChannelEvent>, TargetEvents<HelpdeskEvent> {

    /** Stable id of the flow; stored with each tenant's flow configuration, so never change it. */
    public static final String ID = "chat-command-to-ticket";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Chat commands to tickets";
    }

    @Override
    public String description() {
        return "An operator types a command (e.g. /usedesk and the text) in a chat: the lead's ticket is created in the"
                + " helpdesk, the chat is told, and operators are told in the conversation when the ticket is closed.";
    }

    @Override
    public ConnectorKind sourceKind() {
        return ConnectorKind.CHANNEL;
    }

    @Override
    public ConnectorKind targetKind() {
        return ConnectorKind.HELPDESK;
    }

    @Override
    public Class<ChannelEvent> eventType() {
        return ChannelEvent.class;
    }

    @Override
    public ConfigSchema optionsSchema() {
        return ChatCommandOptions.SCHEMA;
    }

    /** The seed's setup, mapped to Switchboard's screens (docs/flows.md, "Chat commands to tickets"). */
    @Override
    public java.util.List<String> setupSteps() {
        return java.util.List.of(
                "In the helpdesk, create two text ticket fields named as in the options below (by default \"Dialog ID"
                        + " in CQ\" and \"Profile ID in CQ\"); in Usedesk: Settings → Custom fields, type Text, with"
                        + " a filter, hidden, not editable. They get the links to the conversation and the lead card.",
                "Set up the helpdesk connection's webhooks as its connection page says (for Usedesk: the API channel"
                        + " with New ticket, New comment and Ticket changed, and the connection's inbound URL as"
                        + " Redirect URL): closed tickets come back to the chat through them.",
                "Set up the chat connection's webhook as its connection page says (for Dashly: the chat-message"
                        + " webhook to its inbound URL).",
                "In a chat, an operator types the command and the ticket's text, e.g. /usedesk The client cannot pay."
                        + " The lead needs an e-mail; without text or e-mail the operator gets a note saying why.");
    }

    @Override
    public void handle(ChannelEvent event, FlowRun run) {
        ChatCommandOptions options = ChatCommandOptions.from(run.options());
        if (!(event instanceof ChannelEvent.SlashCommand command)) {
            return; // messages, contacts and endings are other flows' business
        }
        if (!command.command().equals(options.command())) {
            run.activity().note("Command /" + command.command() + " is not this flow's (/" + options.command() + ")");
            return;
        }
        new TicketFromCommand(command, options, run).handle();
    }

    @Override
    public Class<HelpdeskEvent> targetEventType() {
        return HelpdeskEvent.class;
    }

    @Override
    public void handleFromTarget(HelpdeskEvent event, FlowRun run) {
        if (event instanceof HelpdeskEvent.TicketChanged change) {
            new ClosingNote(change, ChatCommandOptions.from(run.options()), run).handle();
        }
    }
}
