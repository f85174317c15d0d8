package io.switchboard.spi.helpdesk;

/**
 * One status of the vendor's account.
 *
 * @param id      the vendor's status id, as a string
 * @param label   the vendor's label
 * @param meaning the neutral meaning
 */
public record TicketStatusOption(String id, String label, TicketStatus meaning) {
}
