package io.switchboard.platform.connection;

/**
 * A connection's settings or inbound token changed, or the connection was deleted. Fired inside the changing
 * transaction, next to {@link SetupChanged}; caches of a connection's own settings (the webhook receiver's routes)
 * observe it after completion and let go of the connection, so the old token is refused once the change returned.
 *
 * @param tenantId the connection's tenant
 * @param publicId the connection's public id, as in its inbound URL
 */
public record ConnectionChanged(long tenantId, String publicId) {
}
