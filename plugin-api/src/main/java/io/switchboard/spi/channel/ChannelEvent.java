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

        /**
         * @return a builder for a message with this event, conversation and message id; set the rest by name
         * @since 1.4
         */
        public static Builder builder(String eventId, String conversationId, String messageId) {
            return new Builder(eventId, conversationId, messageId);
        }

        /**
         * Builds a {@link MessageReceived} by name:
         * {@code MessageReceived.builder(eventId, conversation, id).sender(SenderKind.CLIENT).contact(c).text(t).build()}.
         *
         * @since 1.4
         */
        public static final class Builder {
            private final String eventId;
            private final String conversationId;
            private final String messageId;
            private SenderKind sender;
            private String agentEmail;
            private Contact contact;
            private String text;

            private Builder(String eventId, String conversationId, String messageId) {
                this.eventId = eventId;
                this.conversationId = conversationId;
                this.messageId = messageId;
            }

            /** @return this, with who wrote it */
            public Builder sender(SenderKind kind) {
                this.sender = kind;
                return this;
            }

            /** @return this, with the agent's e-mail when an agent wrote it */
            public Builder agentEmail(String email) {
                this.agentEmail = email;
                return this;
            }

            /** @return this, with the client */
            public Builder contact(Contact value) {
                this.contact = value;
                return this;
            }

            /** @return this, with the text (plain) */
            public Builder text(String value) {
                this.text = value;
                return this;
            }

            /** @return the event */
            public MessageReceived build() {
                return new MessageReceived(eventId, conversationId, messageId, sender, agentEmail, contact, text);
            }
        }
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

        /**
         * @return a builder for this command in this conversation; set the rest by name
         * @since 1.4
         */
        public static Builder builder(String eventId, String conversationId, String command) {
            return new Builder(eventId, conversationId, command);
        }

        /**
         * Builds a {@link SlashCommand} by name:
         * {@code SlashCommand.builder(eventId, conversation, "usedesk").argument(text).contact(c).build()}.
         *
         * @since 1.4
         */
        public static final class Builder {
            private final String eventId;
            private final String conversationId;
            private final String command;
            private String conversationUrl;
            private String argument = "";
            private String agentEmail;
            private Contact contact;
            private String site;

            private Builder(String eventId, String conversationId, String command) {
                this.eventId = eventId;
                this.conversationId = conversationId;
                this.command = command;
            }

            /** @return this, with the link to the conversation */
            public Builder conversationUrl(String url) {
                this.conversationUrl = url;
                return this;
            }

            /** @return this, with the text after the command (trimmed; empty when none) */
            public Builder argument(String text) {
                this.argument = text;
                return this;
            }

            /** @return this, with the operator's e-mail */
            public Builder agentEmail(String email) {
                this.agentEmail = email;
                return this;
            }

            /** @return this, with the client (lead) */
            public Builder contact(Contact value) {
                this.contact = value;
                return this;
            }

            /** @return this, with the site the conversation happens on */
            public Builder site(String value) {
                this.site = value;
                return this;
            }

            /** @return the event */
            public SlashCommand build() {
                return new SlashCommand(eventId, conversationId, conversationUrl, command, argument, agentEmail,
                        contact, site);
            }
        }
    }
}
