package io.switchboard.spi.telephony;

/** How a call went, normalized. The vendor's own value is kept in {@link CallEvent#vendorStatus()}. */
public enum CallStatus {
    /** Not over yet. */
    IN_PROGRESS,
    /** Somebody talked. */
    ANSWERED,
    /** An incoming call nobody answered (the vendor's definition of missed, see the connector's Javadoc). */
    MISSED,
    /** The other side was busy. */
    BUSY,
    /** An outgoing call the client did not answer. */
    NO_ANSWER,
    /** The caller hung up before anyone answered, or the call was cancelled. */
    CANCELLED,
    /** A technical failure (bad number, congestion). */
    FAILED,
    /** The vendor's value could not be mapped. */
    UNKNOWN;

    /** @return true when the call ended without a conversation */
    public boolean unanswered() {
        return this == MISSED || this == BUSY || this == NO_ANSWER || this == CANCELLED || this == FAILED;
    }
}
