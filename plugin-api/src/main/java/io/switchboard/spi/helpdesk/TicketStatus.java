package io.switchboard.spi.helpdesk;

/** Neutral meaning of a vendor's ticket status; the vendor's own id travels beside it. */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, RESOLVED, CLOSED, DELETED, SPAM, MERGED, OTHER;

    /** @return true for statuses in which a ticket still needs work */
    public boolean active() {
        return this == NEW || this == OPEN || this == PENDING || this == ON_HOLD;
    }
}
