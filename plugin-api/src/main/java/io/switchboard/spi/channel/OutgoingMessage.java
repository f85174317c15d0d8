package io.switchboard.spi.channel;

import java.util.Objects;

/**
 * A message the platform posts into a conversation.
 *
 * @param text          text (plain)
 * @param operatorsOnly true for a note only operators see
 * @param asAgentEmail  post as the agent with this e-mail when the channel has one, else {@code null} for
 *                      the integration's own user
 * @param asBot         true to post as the channel's bot
 * @param externalId    the platform's idempotency key, where the vendor can store one; the same for every attempt to
 *                      post this message (a channel that delivers webhooks sends it as the webhook's id)
 * @param fromCustomer  true when the customer wrote it elsewhere (an e-mail reply in the helpdesk) and the channel
 *                      shows it in the customer's thread ({@link io.switchboard.spi.Capability#CUSTOMER_REPLIES});
 *                      false for agents' replies (since SPI 1.3)
 * @param authorName    who wrote it, as the helpdesk names them, or {@code null} (since SPI 1.3)
 */
public record OutgoingMessage(String text, boolean operatorsOnly, String asAgentEmail, boolean asBot,
                              String externalId, boolean fromCustomer, String authorName) {

    public OutgoingMessage {
        Objects.requireNonNull(text, "text");
    }

    /** An agent's (or the integration's) message, as before SPI 1.3. */
    public OutgoingMessage(String text, boolean operatorsOnly, String asAgentEmail, boolean asBot,
                           String externalId) {
        this(text, operatorsOnly, asAgentEmail, asBot, externalId, false, null);
    }

    /**
     * @param text the text (required)
     * @return a builder for a public message by the integration's own user; set what differs
     * @since 1.4
     */
    public static Builder builder(String text) {
        return new Builder(text);
    }

    /**
     * Builds an {@link OutgoingMessage} by name, so its three booleans cannot swap places:
     * {@code OutgoingMessage.builder(reply).asAgentEmail(email).externalId(key).build()}.
     *
     * @since 1.4
     */
    public static final class Builder {
        private final String text;
        private boolean operatorsOnly;
        private String asAgentEmail;
        private boolean asBot;
        private String externalId;
        private boolean fromCustomer;
        private String authorName;

        private Builder(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        /** @return this, as a note only operators see (or not) */
        public Builder operatorsOnly(boolean value) {
            this.operatorsOnly = value;
            return this;
        }

        /** @return this, posted as the agent with this e-mail */
        public Builder asAgentEmail(String email) {
            this.asAgentEmail = email;
            return this;
        }

        /** @return this, posted as the channel's bot (or not) */
        public Builder asBot(boolean value) {
            this.asBot = value;
            return this;
        }

        /** @return this, with the platform's idempotency key */
        public Builder externalId(String key) {
            this.externalId = key;
            return this;
        }

        /** @return this, written by the customer elsewhere (or not) */
        public Builder fromCustomer(boolean value) {
            this.fromCustomer = value;
            return this;
        }

        /** @return this, with the author's name as the helpdesk names them */
        public Builder authorName(String name) {
            this.authorName = name;
            return this;
        }

        /** @return the message */
        public OutgoingMessage build() {
            return new OutgoingMessage(text, operatorsOnly, asAgentEmail, asBot, externalId, fromCustomer, authorName);
        }
    }
}
