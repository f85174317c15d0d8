package io.switchboard.spi.helpdesk;

/** Ticket types common to the helpdesks; default {@link #QUESTION}. */
public enum TicketType {
    QUESTION, TASK, PROBLEM, INCIDENT
}
