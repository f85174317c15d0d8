package io.switchboard.platform.flow.calltoticket;

/**
 * What the helpdesk knows of a caller, for routing and caller cards. Empty parts are {@code null}.
 *
 * @param clientName the client's name
 * @param clientUrl  link to the client in the helpdesk
 * @param ticketId   the client's most recent open ticket (in the flow's search statuses)
 * @param ticketUrl  link to that ticket
 * @param agentId    the ticket's assignee
 * @param agentName  the assignee's name, when the helpdesk lists it
 * @param extension  the assignee's PBX extension from the flow's agents table
 */
public record CallerInfo(String clientName, String clientUrl, String ticketId, String ticketUrl, String agentId,
                         String agentName, String extension) {

    /** @return a caller the helpdesk does not know (or could not be asked in time) */
    public static CallerInfo unknown() {
        return new CallerInfo(null, null, null, null, null, null, null);
    }

    /** @return whether the helpdesk knows the client */
    public boolean known() {
        return clientName != null || clientUrl != null || ticketId != null;
    }
}
