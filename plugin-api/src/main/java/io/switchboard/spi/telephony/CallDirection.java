package io.switchboard.spi.telephony;

/** Who called whom, seen from the tenant's company. */
public enum CallDirection {
    /** A client called the company. */
    INCOMING,
    /** An employee called a client. */
    OUTGOING,
    /** Between two employees. */
    INTERNAL,
    /** The vendor did not say and it could not be inferred. */
    UNKNOWN
}
