package io.switchboard.platform.flow.conversationtask;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import java.util.Optional;

/**
 * CP4 and CP8, task → chat: an employee's comment on a conversation's task is posted in the conversation — as the
 * chat agent with the author's e-mail ("send as employee"), else as the integration's chat user — also after the
 * client left (the chat delivers it by e-mail). The client's own comments (an e-mail reply) go only to a channel
 * that shows them as the customer's ({@link Capability#CUSTOMER_REPLIES}: a website). Internal comments,
 * automations' and the flow's echoes stay in the task.
 */
final class TaskToChat {

    static final String LINK_COMMENT_MESSAGE = "comment-message";
    static final String LINK_COMMENT_MESSAGE_INTENT = "comment-message-intent";

    private final ConversationTaskOptions options;
    private final TaskThread thread;
    private final FlowLinks links;
    private final Activity activity;

    TaskToChat(ConversationTaskOptions options, TaskThread thread, FlowLinks links, Activity activity) {
        this.options = options;
        this.thread = thread;
        this.links = links;
        this.activity = activity;
    }

    void handle(HelpdeskEvent.CommentAdded comment) {
        String task = comment.ticketId();
        String body = comment.body() == null ? "" : comment.body().strip();
        Optional<String> conversation = links.find(TaskThread.LINK_TASK_CONVERSATION, task);
        if (conversation.isEmpty()) {
            activity.note("Task " + task + " is not a conversation's; comment " + comment.commentId() + " stays there.");
            return;
        }
        Optional<String> own = thread.echoes().consume("task " + task, body);
        if (own.isPresent()) {
            activity.note("Comment " + comment.commentId() + " is what this flow wrote on task " + task
                    + " (from the chat); not sent back.");
            return;
        }
        if (comment.internal()) {
            activity.note("Comment " + comment.commentId() + " is internal; it stays in the task.");
            return;
        }
        boolean fromCustomer = comment.author() == AuthorKind.CLIENT;
        if (fromCustomer && !thread.chat().supports(Capability.CUSTOMER_REPLIES)) {
            activity.note("Comment " + comment.commentId() + " was written by the client (e.g. by e-mail); "
                    + thread.chat().descriptor().displayName() + " would show it as an agent's, so it is not sent.");
            return;
        }
        if (comment.author() == AuthorKind.SYSTEM) {
            activity.note("Comment " + comment.commentId() + " was written by an automation; not sent to the chat.");
            return;
        }
        if (body.isEmpty()) {
            activity.note("Comment " + comment.commentId() + " has no text; not sent to the chat.");
            return;
        }
        Optional<String> done = links.find(LINK_COMMENT_MESSAGE, comment.commentId());
        if (done.isPresent()) {
            activity.note("Comment " + comment.commentId() + " is already message " + done.get() + " in the chat.");
            return;
        }
        if (links.find(LINK_COMMENT_MESSAGE_INTENT, comment.commentId()).isPresent()) {
            activity.note("An earlier attempt to send comment " + comment.commentId() + " to the chat stopped "
                    + "midway; the chat cannot be asked whether it arrived, so it may appear twice.");
        }
        String asAgent = null;
        String authorEmail = options.sendAsEmployee() && !fromCustomer ? authorEmail(comment) : null;
        if (authorEmail != null) {
            if (thread.chat().supports(Capability.SEND_AS_AGENT)) {
                asAgent = authorEmail;
            } else {
                activity.note(thread.chat().descriptor().displayName() + " cannot post as a given agent; the comment"
                        + " is sent as the integration's chat user.");
            }
        }
        String conversationId = conversation.get();
        OutgoingMessage message = new OutgoingMessage(body, false, asAgent, false, "sb-comment-" + comment.commentId(),
                fromCustomer, comment.authorName());
        thread.echoes().expect("chat " + conversationId, body, comment.commentId());
        links.recordNow(LINK_COMMENT_MESSAGE_INTENT, comment.commentId(), conversationId);
        ExternalRef sent = thread.chat().call((c, ctx) -> c.postMessage(conversationId, message, ctx));
        links.record(LINK_COMMENT_MESSAGE, comment.commentId(), sent.id());
        activity.created("Message in the chat", sent.id(), sent.url());
        if (links.find(ConversationEnd.LINK_ENDED, conversationId).isPresent()) {
            activity.note("The client had left conversation " + conversationId + "; "
                    + thread.chat().descriptor().displayName() + " delivers the reply by e-mail where it can.");
        }
    }

    /**
     * The author's e-mail: from the event, else from the task system's list of agents by the author's id (Usedesk's
     * comment webhook names only the agent's id); {@code null} when neither says.
     */
    private String authorEmail(HelpdeskEvent.CommentAdded comment) {
        if (comment.authorEmail() != null && !comment.authorEmail().isBlank()) {
            return comment.authorEmail().trim();
        }
        if (comment.authorId() == null) {
            return null;
        }
        try {
            return thread.tasks().cached("agents", TaskThread.STATUSES_KEPT, (t, ctx) -> t.listAgents(ctx)).stream()
                    .filter(a -> comment.authorId().equals(a.id()) && a.email() != null && !a.email().isBlank())
                    .map(a -> a.email().trim()).findFirst().orElse(null);
        } catch (io.switchboard.spi.error.PermanentVendorException e) {
            activity.note("The author of comment " + comment.commentId() + " could not be looked up ("
                    + e.getMessage() + "); it is sent as the integration's chat user.");
            return null;
        }
    }
}
