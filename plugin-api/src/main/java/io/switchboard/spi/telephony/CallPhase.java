package io.switchboard.spi.telephony;

/** Which moment of a call an event reports. */
public enum CallPhase {
    /** The call entered the PBX (or an outgoing call was dialled). */
    STARTED,
    /** An employee picked up. */
    ANSWERED,
    /** The call was transferred to another scheme / employee. */
    TRANSFERRED,
    /** The call is over; {@link CallEvent#status()} tells how it ended. */
    ENDED
}
