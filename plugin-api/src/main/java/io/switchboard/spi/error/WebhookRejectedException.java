package io.switchboard.spi.error;

/**
 * An inbound request is refused: not authentic (wrong signature or secret, answered 401) or unusable (malformed,
 * answered 400). Nothing of it is stored.
 */
public final class WebhookRejectedException extends ConnectorException {

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message, null);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejection is a 4xx status, not " + status);
        }
        this.status = status;
    }

    /** @return a 401 rejection: the request is not authentic */
    public static WebhookRejectedException unauthorized(String message) {
        return new WebhookRejectedException(401, message);
    }

    /** @return a 400 rejection: the request is malformed */
    public static WebhookRejectedException malformed(String message) {
        return new WebhookRejectedException(400, message);
    }

    /** @return the HTTP status to answer with */
    public int status() {
        return status;
    }
}
