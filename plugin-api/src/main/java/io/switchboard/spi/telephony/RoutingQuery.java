package io.switchboard.spi.telephony;

/**
 * The PBX asks where to send a ringing call.
 *
 * @param callId       the call's id
 * @param callerNumber the caller's number as sent
 * @param lineNumber   the company's number dialled, if known
 * @param scheme       the scheme handling the call, if known
 */
public record RoutingQuery(String callId, String callerNumber, String lineNumber, String scheme) {
}
