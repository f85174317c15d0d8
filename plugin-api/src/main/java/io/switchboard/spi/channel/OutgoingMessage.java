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
 * @param externalId    the platform's idempotency key, where the vendor can store one
 */
public record OutgoingMessage(String text, boolean operatorsOnly, String asAgentEmail, boolean asBot,
                              String externalId) {

    public OutgoingMessage {
        Objects.requireNonNull(text, "text");
    }
}
