package io.switchboard.spi.error;

/**
 * Retrying will not help: invalid credentials, a 4xx other than 429, a payload the connector cannot understand,
 * an operation the vendor does not support. The event goes to the dead-letter list, where the tenant sees this
 * message and can replay the event after fixing the cause.
 */
public final class PermanentVendorException extends ConnectorException {

    public PermanentVendorException(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentVendorException(String message) {
        this(message, null);
    }
}
