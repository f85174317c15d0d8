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
}
