package io.switchboard.spi.helpdesk;

/**
 * A normalized helpdesk webhook event. Sealed: flows switch over the three kinds.
 */
public sealed interface HelpdeskEvent permits HelpdeskEvent.TicketCreated, HelpdeskEvent.CommentAdded,
        HelpdeskEvent.TicketChanged {

    /** @return the vendor's id of this event (dedup) */
    String eventId();

    /** @return the ticket it concerns (ordering) */
    String ticketId();

    /**
     * A ticket was created.
     *
     * @param eventId    event id
     * @param ticketId   ticket id
     * @param externalId the idempotency key it was created with, when the vendor echoes it (so the platform can tell
     *                   its own tickets)
     * @param clientId   requester
     * @param subject    subject
     */
    record TicketCreated(String eventId, String ticketId, String externalId, String clientId, String subject)
            implements HelpdeskEvent {
    }

    /**
     * A comment was added.
     *
     * @param eventId     event id
     * @param ticketId    ticket id
     * @param commentId   comment id
     * @param body        text (plain; connectors strip vendor HTML)
     * @param internal    true for an internal note
     * @param author      who wrote it
     * @param authorId    the agent's or client's id, or {@code null}
     * @param authorEmail the author's e-mail when known (to post the comment in a chat as that agent)
     * @param authorName  the author's name when known
     */
    record CommentAdded(String eventId, String ticketId, String commentId, String body, boolean internal,
                        AuthorKind author, String authorId, String authorEmail, String authorName)
            implements HelpdeskEvent {

        /**
         * @return a builder for a public comment with this event, ticket and comment id; set the rest by name
         * @since 1.4
         */
        public static Builder builder(String eventId, String ticketId, String commentId) {
            return new Builder(eventId, ticketId, commentId);
        }

        /**
         * Builds a {@link CommentAdded} by name:
         * {@code CommentAdded.builder(eventId, ticketId, id).body(text).author(AuthorKind.AGENT).authorEmail(e).build()}.
         *
         * @since 1.4
         */
        public static final class Builder {
            private final String eventId;
            private final String ticketId;
            private final String commentId;
            private String body;
            private boolean internal;
            private AuthorKind author;
            private String authorId;
            private String authorEmail;
            private String authorName;

            private Builder(String eventId, String ticketId, String commentId) {
                this.eventId = eventId;
                this.ticketId = ticketId;
                this.commentId = commentId;
            }

            /** @return this, with the text (plain) */
            public Builder body(String text) {
                this.body = text;
                return this;
            }

            /** @return this, as an internal note (or not) */
            public Builder internal(boolean value) {
                this.internal = value;
                return this;
            }

            /** @return this, with who wrote it */
            public Builder author(AuthorKind kind) {
                this.author = kind;
                return this;
            }

            /** @return this, with the agent's or client's id */
            public Builder authorId(String id) {
                this.authorId = id;
                return this;
            }

            /** @return this, with the author's e-mail */
            public Builder authorEmail(String email) {
                this.authorEmail = email;
                return this;
            }

            /** @return this, with the author's name */
            public Builder authorName(String name) {
                this.authorName = name;
                return this;
            }

            /** @return the event */
            public CommentAdded build() {
                return new CommentAdded(eventId, ticketId, commentId, body, internal, author, authorId, authorEmail,
                        authorName);
            }
        }
    }

    /**
     * Ticket properties changed.
     *
     * @param eventId        event id
     * @param ticketId       ticket id
     * @param oldStatusId    previous vendor status id, or {@code null} when the status did not change
     * @param newStatusId    new vendor status id, or {@code null}
     * @param newStatus      neutral meaning of the new status, or {@code null}
     * @param newAssigneeId  new assignee, or {@code null} when unchanged
     * @param withReply      true when the change came together with an agent reply (flows then send no notification)
     * @param byAutomation   true when a rule or bot made the change, not a person
     */
    record TicketChanged(String eventId, String ticketId, String oldStatusId, String newStatusId,
                         TicketStatus newStatus, String newAssigneeId, boolean withReply, boolean byAutomation)
            implements HelpdeskEvent {

        /**
         * @return a builder for a change of this ticket; unset parts mean "unchanged" ({@code null}, {@code false})
         * @since 1.4
         */
        public static Builder builder(String eventId, String ticketId) {
            return new Builder(eventId, ticketId);
        }

        /**
         * Builds a {@link TicketChanged} by name, so its two booleans cannot swap places:
         * {@code TicketChanged.builder(eventId, ticketId).newStatusId("3").newStatus(TicketStatus.RESOLVED).build()}.
         *
         * @since 1.4
         */
        public static final class Builder {
            private final String eventId;
            private final String ticketId;
            private String oldStatusId;
            private String newStatusId;
            private TicketStatus newStatus;
            private String newAssigneeId;
            private boolean withReply;
            private boolean byAutomation;

            private Builder(String eventId, String ticketId) {
                this.eventId = eventId;
                this.ticketId = ticketId;
            }

            /** @return this, with the previous vendor status id */
            public Builder oldStatusId(String id) {
                this.oldStatusId = id;
                return this;
            }

            /** @return this, with the new vendor status id */
            public Builder newStatusId(String id) {
                this.newStatusId = id;
                return this;
            }

            /** @return this, with the neutral meaning of the new status */
            public Builder newStatus(TicketStatus status) {
                this.newStatus = status;
                return this;
            }

            /** @return this, with the new assignee */
            public Builder newAssigneeId(String id) {
                this.newAssigneeId = id;
                return this;
            }

            /** @return this, with whether an agent reply came with the change */
            public Builder withReply(boolean value) {
                this.withReply = value;
                return this;
            }

            /** @return this, with whether a rule or bot made the change */
            public Builder byAutomation(boolean value) {
                this.byAutomation = value;
                return this;
            }

            /** @return the event */
            public TicketChanged build() {
                return new TicketChanged(eventId, ticketId, oldStatusId, newStatusId, newStatus, newAssigneeId,
                        withReply, byAutomation);
            }
        }
    }
}
