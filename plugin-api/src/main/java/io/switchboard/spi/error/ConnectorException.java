package io.switchboard.spi.error;

/**
 * Base of the exceptions a connector may throw. Messages are shown to tenants: plain words, no secrets, no stack
 * traces.
 */
public abstract sealed class ConnectorException extends RuntimeException
        permits TransientVendorException, PermanentVendorException, WebhookRejectedException {

    protected ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
