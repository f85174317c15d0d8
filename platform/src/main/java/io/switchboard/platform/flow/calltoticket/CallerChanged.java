package io.switchboard.platform.flow.calltoticket;

/**
 * CDI event: what the helpdesk knows of a caller of a telephony connection may have changed (see
 * the call-to-ticket flow). Observed by the caller directory that answers routing and caller-card requests.
 *
 * @param tenantId     the tenant
 * @param connectionId the telephony connection (the flow's source)
 * @param number       the caller's number as the PBX sent it
 */
public record CallerChanged(long tenantId, long connectionId, String number) {
}
