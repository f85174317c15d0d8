package io.switchboard.spi.helpdesk;

/** Ticket types common to the helpdesks (CT5); default {@link #QUESTION}. */
public enum TicketType {
    QUESTION, TASK, PROBLEM, INCIDENT
}
