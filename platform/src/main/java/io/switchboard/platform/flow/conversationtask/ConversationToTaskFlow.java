package io.switchboard.platform.flow.conversationtask;

import io.switchboard.platform.flow.FlowRun;
import io.switchboard.platform.flow.FlowType;
import io.switchboard.platform.flow.TargetEvents;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * "Conversations ↔ tasks": every chat becomes a task in a task system or helpdesk (with its contact), the client's
 * messages become the task's comments, employees' comments on the task go back to the chat, and the task is completed
 * when the client leaves. Any channel connector with any helpdesk or task-system connector (Chatra ↔ Planfix, Chatra
 * ↔ Usedesk, …); what a pair cannot do is skipped with a note. Behaviour, links and limits: docs/flows.md,
 * "Conversations and tasks".
 */
@ApplicationScoped
public class ConversationToTaskFlow implements FlowType<ChannelEvent>, TargetEvents<HelpdeskEvent> {

    /** Stable id of the flow; stored with each tenant's flow configuration, so never change it. */
    public static final String ID = "conversation-to-task";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Conversations ↔ tasks";
    }

    @Override
    public String description() {
        return "Each chat becomes a task with the client as its contact; the client's messages become task comments,"
                + " employees' comments go back to the chat, and the task is completed when the client leaves.";
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
        return ConversationTaskOptions.SCHEMA;
    }

    @Override
    public List<String> setupSteps() {
        return List.of(
                "In the task system, choose the task template and contact template new chats use (Planfix: their ids"
                        + " are in the templates' addresses), and the employees to add to every task.",
                "Set up the chat connection's webhooks as its connection page says (Chatra: Settings → Integrations →"
                        + " Webhooks, the chat connection's inbound URL, all events).",
                "Set up the task system's webhook for new comments as its connection page says (Planfix: a scenario"
                        + " \"comment added\" that sends an HTTP request to the connection's inbound URL): employees'"
                        + " comments come back to the chat through it.",
                "Write in the chat as a visitor: a task appears with your message as a comment; answer in the task, and"
                        + " the answer appears in the chat.");
    }

    @Override
    public void handle(ChannelEvent event, FlowRun run) {
        ConversationTaskOptions options = ConversationTaskOptions.from(run.options());
        TaskThread thread = new TaskThread(options, run);
        ContactDetails details = new ContactDetails(thread, run.links(), run.activity());
        if (event instanceof ChannelEvent.ConversationStarted started) {
            thread.ensureTask(started.conversationId(), started.contact(), started.visit(), started.conversationUrl());
        } else if (event instanceof ChannelEvent.MessageReceived message) {
            new ChatToTask(options, thread, details, run.links(), run.activity()).handle(message);
        } else if (event instanceof ChannelEvent.ContactIdentified identified) {
            details.remember(identified.conversationId(), identified.contact());
        } else if (event instanceof ChannelEvent.ConversationEnded ended) {
            new ConversationEnd(options, thread, run.links(), run.activity()).handle(ended);
        } else if (event instanceof ChannelEvent.SlashCommand command) {
            run.activity().note("Command /" + command.command() + " is for the chat-command flows, not this one.");
        }
    }

    @Override
    public Class<HelpdeskEvent> targetEventType() {
        return HelpdeskEvent.class;
    }

    @Override
    public void handleFromTarget(HelpdeskEvent event, FlowRun run) {
        if (event instanceof HelpdeskEvent.CommentAdded comment) {
            ConversationTaskOptions options = ConversationTaskOptions.from(run.options());
            new TaskToChat(options, new TaskThread(options, run), run.links(), run.activity()).handle(comment);
        }
    }
}
