package io.switchboard.spi.helpdesk;

/** Neutral ticket priority; default {@link #NORMAL}. Connectors map it to the vendor's scale. */
public enum TicketPriority {
    LOW, NORMAL, HIGH, URGENT
}
