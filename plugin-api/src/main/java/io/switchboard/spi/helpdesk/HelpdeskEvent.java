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
    }
}
