package io.switchboard.spi.helpdesk;

import java.util.Objects;

/**
 * A comment to add to a ticket.
 *
 * @param body          text (plain; connectors escape where the vendor expects HTML)
 * @param internal      true for an internal note visible to agents only
 * @param authorAgentId agent to post as, or {@code null} for the integration itself
 * @param fromClient    true when the text was written by the client (chat message to task comment)
 * @param externalId    the platform's idempotency key, where the vendor can store one
 */
public record CommentDraft(String body, boolean internal, String authorAgentId, boolean fromClient,
                           String externalId) {

    public CommentDraft {
        Objects.requireNonNull(body, "body");
    }

    /** @return an internal note (agents only) written by the integration */
    public static CommentDraft internalNote(String body, String externalId) {
        return new CommentDraft(body, true, null, false, externalId);
    }
}
