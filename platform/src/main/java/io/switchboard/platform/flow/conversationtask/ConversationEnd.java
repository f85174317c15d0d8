package io.switchboard.platform.flow.conversationtask;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.TicketUpdate;
import java.util.Optional;

/**
 * CP5: when the client leaves the chat, the conversation's task is marked completed — unless the client goes on in
 * another conversation on the same task (another device). Replies still reach the chat afterwards (CP8).
 */
final class ConversationEnd {

    static final String LINK_ENDED = "conversation-ended";
    static final String LINK_COMPLETED = "conversation-task-completed";

    private final ConversationTaskOptions options;
    private final TaskThread thread;
    private final FlowLinks links;
    private final Activity activity;

    ConversationEnd(ConversationTaskOptions options, TaskThread thread, FlowLinks links, Activity activity) {
        this.options = options;
        this.thread = thread;
        this.links = links;
        this.activity = activity;
    }

    void handle(ChannelEvent.ConversationEnded ended) {
        String conversation = ended.conversationId();
        links.record(LINK_ENDED, conversation, ended.byClient() ? "client" : "agent");
        if (!ended.byClient()) {
            activity.note("Conversation " + conversation + " was closed by an agent; the task stays as it is.");
            return;
        }
        if (!options.completeOnLeave()) {
            activity.note("The client left conversation " + conversation + "; completing the task is off.");
            return;
        }
        Optional<String> task = thread.taskOf(conversation);
        if (task.isEmpty()) {
            activity.note("The client left conversation " + conversation + ", which has no task.");
            return;
        }
        if (links.find(LINK_COMPLETED, conversation).isPresent()) {
            activity.note("Task " + task.get() + " was already completed when the client left.");
            return;
        }
        Optional<String> current = links.find(TaskThread.LINK_TASK_CONVERSATION, task.get());
        if (current.isPresent() && !current.get().equals(conversation)) {
            activity.note("The client left conversation " + conversation + ", but task " + task.get()
                    + " goes on in conversation " + current.get() + "; not completed.");
            return;
        }
        Optional<String> status = thread.completedStatus();
        if (status.isEmpty()) {
            activity.note(thread.tasks().descriptor().displayName() + " has no closed or resolved status, and none"
                    + " is chosen in the flow; task " + task.get() + " was not completed.");
            return;
        }
        try {
            thread.tasks().call((t, ctx) -> {
                t.updateTicket(task.get(), TicketUpdate.status(status.get()), ctx);
                return null;
            });
        } catch (PermanentVendorException e) {
            activity.note("Task " + task.get() + " could not be completed: " + e.getMessage());
            return;
        }
        links.record(LINK_COMPLETED, conversation, task.get());
        activity.note("The client left conversation " + conversation + ": task " + task.get() + " completed.");
    }
}
