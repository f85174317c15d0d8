package io.switchboard.spi.telephony;

/**
 * The PBX (or its softphone) asks who is calling.
 *
 * @param callerNumber the caller's number as sent
 * @param callId       the call's id, if given
 */
public record CallerCardQuery(String callerNumber, String callId) {
}
