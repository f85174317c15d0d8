package io.switchboard.spi.telephony;

/**
 * The PBX asks where to send a ringing call.
 *
 * @param callId       the call's id
 * @param callerNumber the caller's number as sent
 * @param lineNumber   the company's number dialled, if known
 * @param scheme       the scheme handling the call, if known
 * @param requestId    the id the request carries and its answer must repeat (a JSON-RPC {@code id}), in the
 *                     connector's own notation, or {@code null} when the request has none (since 1.2)
 */
public record RoutingQuery(String callId, String callerNumber, String lineNumber, String scheme, String requestId) {

    /** A question whose answer repeats no request id. */
    public RoutingQuery(String callId, String callerNumber, String lineNumber, String scheme) {
        this(callId, callerNumber, lineNumber, scheme, null);
    }
}
