package io.switchboard.platform.flow;

/**
 * CDI event: a helpdesk webhook said a ticket changed (status, assignee…) — e.g. an agent closed or re-assigned it
 * in the helpdesk. Observed by the caller directory, which refreshes what it answers about that ticket's caller.
 *
 * @param tenantId the tenant
 * @param ticketId the helpdesk's ticket id
 */
public record HelpdeskTicketChanged(long tenantId, String ticketId) {
}
