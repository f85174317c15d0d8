package io.switchboard.spi.channel;

/**
 * A normalized channel event. Sealed: flows switch over the kinds.
 */
public sealed interface ChannelEvent permits ChannelEvent.ConversationStarted, ChannelEvent.MessageReceived,
        ChannelEvent.ContactIdentified, ChannelEvent.ConversationEnded, ChannelEvent.SlashCommand {

    /** @return the vendor's id of this event (dedup) */
    String eventId();

    /** @return the conversation it concerns (ordering) */
    String conversationId();

    /**
     * A new conversation began.
     *
     * @param eventId         event id
     * @param conversationId  conversation id
     * @param conversationUrl link to it in the channel's UI, or {@code null}
     * @param contact         the client
     * @param visit           the visitor's session
     */
    record ConversationStarted(String eventId, String conversationId, String conversationUrl, Contact contact,
                               Visit visit) implements ChannelEvent {
    }

    /**
     * A message was written in the conversation.
     *
     * @param eventId        event id
     * @param conversationId conversation id
     * @param messageId      message id
     * @param sender         who wrote it
     * @param agentEmail     the agent's e-mail when an agent wrote it, else {@code null}
     * @param contact        the client
     * @param text           text (plain)
     */
    record MessageReceived(String eventId, String conversationId, String messageId, SenderKind sender,
                           String agentEmail, Contact contact, String text) implements ChannelEvent {
    }

    /**
     * The client introduced themself (name / e-mail / phone became known or changed).
     *
     * @param eventId        event id
     * @param conversationId conversation id
     * @param contact        the contact with its new details
     */
    record ContactIdentified(String eventId, String conversationId, Contact contact) implements ChannelEvent {
    }

    /**
     * The client left or the conversation was closed.
     *
     * @param eventId        event id
     * @param conversationId conversation id
     * @param byClient       true when the client left, false when an agent closed it
     */
    record ConversationEnded(String eventId, String conversationId, boolean byClient) implements ChannelEvent {
    }

    /**
     * An operator typed a slash command, e.g. {@code /usedesk please call back}.
     *
     * @param eventId         event id
     * @param conversationId  conversation id
     * @param conversationUrl link to the conversation, or {@code null}
     * @param command         the command word without the slash, lower case ({@code usedesk})
     * @param argument        the text after the command, trimmed; empty when none
     * @param agentEmail      the operator's e-mail, or {@code null}
     * @param contact         the client (lead)
     * @param site            the site the conversation happens on, or {@code null}
     */
    record SlashCommand(String eventId, String conversationId, String conversationUrl, String command,
                        String argument, String agentEmail, Contact contact, String site) implements ChannelEvent {
    }
}
