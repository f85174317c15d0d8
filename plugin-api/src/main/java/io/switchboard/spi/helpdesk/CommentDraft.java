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

    /**
     * @param body the text (required)
     * @return a builder for a public comment by the integration; set what differs
     * @since 1.4
     */
    public static Builder builder(String body) {
        return new Builder(body);
    }

    /**
     * Builds a {@link CommentDraft} by name, so two booleans cannot swap places:
     * {@code CommentDraft.builder(text).fromClient(true).externalId(key).build()}.
     *
     * @since 1.4
     */
    public static final class Builder {
        private final String body;
        private boolean internal;
        private String authorAgentId;
        private boolean fromClient;
        private String externalId;

        private Builder(String body) {
            this.body = Objects.requireNonNull(body, "body");
        }

        /** @return this, as an internal note (agents only) or not */
        public Builder internal(boolean value) {
            this.internal = value;
            return this;
        }

        /** @return this, posted as this agent */
        public Builder authorAgentId(String id) {
            this.authorAgentId = id;
            return this;
        }

        /** @return this, written by the client (or not) */
        public Builder fromClient(boolean value) {
            this.fromClient = value;
            return this;
        }

        /** @return this, with the platform's idempotency key */
        public Builder externalId(String key) {
            this.externalId = key;
            return this;
        }

        /** @return the draft */
        public CommentDraft build() {
            return new CommentDraft(body, internal, authorAgentId, fromClient, externalId);
        }
    }
}
