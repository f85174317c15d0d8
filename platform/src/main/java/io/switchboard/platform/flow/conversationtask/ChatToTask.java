package io.switchboard.platform.flow.conversationtask;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.SenderKind;
import io.switchboard.spi.helpdesk.CommentDraft;
import java.util.Optional;

/**
 * CP4, chat → task: a client's message becomes a comment on the conversation's task (made first when the
 * conversation has none); an agent's message too, marked with who wrote it; a message the flow itself posted in the
 * chat is not copied back. Each message once: linked by its id, and looked up on the task after a lost answer.
 */
final class ChatToTask {

    static final String LINK_MESSAGE_COMMENT = "message-comment";
    static final String LINK_MESSAGE_COMMENT_INTENT = "message-comment-intent";

    private final ConversationTaskOptions options;
    private final TaskThread thread;
    private final ContactDetails details;
    private final FlowLinks links;
    private final Activity activity;

    ChatToTask(ConversationTaskOptions options, TaskThread thread, ContactDetails details, FlowLinks links,
               Activity activity) {
        this.options = options;
        this.thread = thread;
        this.details = details;
        this.links = links;
        this.activity = activity;
    }

    void handle(ChannelEvent.MessageReceived message) {
        String conversation = message.conversationId();
        String text = message.text() == null ? "" : message.text().strip();
        if (text.isEmpty()) {
            activity.note("Message " + message.messageId() + " has no text (a file or an empty message); not copied.");
            return;
        }
        if (message.sender() == SenderKind.BOT) {
            activity.note("Message " + message.messageId() + " was written by the chat's bot; not copied.");
            return;
        }
        if (message.sender() == SenderKind.AGENT) {
            Optional<String> own = thread.echoes().consume("chat " + conversation, text);
            if (own.isPresent()) {
                activity.note("Message " + message.messageId() + " is task comment " + own.get()
                        + ", which this flow posted in the chat; not copied back.");
                return;
            }
            if (!options.agentMessages()) {
                activity.note("Message " + message.messageId() + " was written by an agent; copying agents' "
                        + "messages is off.");
                return;
            }
            Optional<String> task = thread.taskOf(conversation);
            if (task.isEmpty()) {
                activity.note("An agent wrote in conversation " + conversation + ", which has no task yet; the task"
                        + " is made with the client's first message.");
                return;
            }
            String author = message.agentEmail() == null || message.agentEmail().isBlank() ? "Agent"
                    : message.agentEmail().trim();
            addOnce(task.get(), message.messageId(), author + ": " + text, false);
            return;
        }
        details.applyPending(conversation);
        String task = thread.ensureTask(conversation, message.contact(), null, null);
        addOnce(task, message.messageId(), text, true);
    }

    private void addOnce(String taskId, String messageId, String body, boolean fromClient) {
        Optional<String> done = links.find(LINK_MESSAGE_COMMENT, messageId);
        if (done.isPresent()) {
            activity.note("Message " + messageId + " is already comment " + done.get() + " on task " + taskId
                    + "; not added again.");
            return;
        }
        CommentDraft draft = new CommentDraft(body, false, null, fromClient, "sb-msg-" + messageId);
        if (links.find(LINK_MESSAGE_COMMENT_INTENT, messageId).isPresent()) {
            if (thread.tasks().supports(Capability.COMMENT_LOOKUP)) {
                Optional<ExternalRef> earlier = thread.tasks().call((t, ctx) -> t.findComment(taskId, draft, ctx));
                if (earlier.isPresent()) {
                    links.record(LINK_MESSAGE_COMMENT, messageId, earlier.get().id());
                    activity.note("Message " + messageId + " was added to task " + taskId + " by an earlier attempt"
                            + " whose answer was lost; not added again.");
                    return;
                }
            } else {
                activity.note("An earlier attempt to add message " + messageId + " stopped midway, and "
                        + thread.tasks().descriptor().displayName() + " cannot look comments up; it may appear twice.");
            }
        }
        thread.echoes().expect("task " + taskId, body, messageId);
        links.recordNow(LINK_MESSAGE_COMMENT_INTENT, messageId, taskId);
        ExternalRef comment = thread.tasks().call((t, ctx) -> t.addComment(taskId, draft, ctx));
        links.record(LINK_MESSAGE_COMMENT, messageId, comment.id());
        activity.created("Comment on task " + taskId, comment.id(), comment.url());
    }
}
