package io.switchboard.spi;

import java.net.URI;

/**
 * Identity of the connection a call is made for. Useful for logging, for building links back into the platform
 * and for telling the tenant which URL to paste into the vendor's settings.
 *
 * @param tenantId     the tenant's id (opaque)
 * @param connectionId the connection's id (opaque)
 * @param name         the name the tenant gave the connection
 * @param inboundUrl   this connection's webhook URL (the seeds' "redirect URL"); contains a secret token, so
 *                     never log it
 */
public record ConnectionInfo(String tenantId, String connectionId, String name, URI inboundUrl) {
}
