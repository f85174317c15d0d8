package io.switchboard.spi.helpdesk;

import java.time.Instant;
import java.util.Objects;

/**
 * A ticket (or task) in the helpdesk.
 *
 * @param id         vendor id
 * @param number     the number people see, when it differs from the id (else the id)
 * @param subject    subject / title
 * @param statusId   the vendor's status id
 * @param status     its neutral meaning
 * @param clientId   the requester / counterparty, or {@code null}
 * @param assigneeId the responsible agent, or {@code null}
 * @param externalId the idempotency key stored at creation, or {@code null}
 * @param url        link in the vendor's UI, or {@code null}
 * @param updatedAt  last change, or {@code null}
 */
public record Ticket(String id, String number, String subject, String statusId, TicketStatus status,
                     String clientId, String assigneeId, String externalId, String url, Instant updatedAt) {

    public Ticket {
        Objects.requireNonNull(id, "id");
        number = number == null ? id : number;
        status = status == null ? TicketStatus.OTHER : status;
    }
}
