package io.switchboard.platform.inbound;

import io.switchboard.platform.connection.ConnectionLogger;
import io.switchboard.spi.ConnectionInfo;
import io.switchboard.spi.config.ConfigValues;

/**
 * What the webhook receiver needs to know of a connection, read once and cached briefly: whose it is, which
 * connector, the URL token, and the settings the connector's {@code verify} may need (secrets decrypted; never log).
 *
 * @param tenantId     owner
 * @param connectionId row id
 * @param connectorId  connector
 * @param token        the inbound URL token
 * @param active       connection enabled and tenant active
 * @param info         the connection as connectors see it
 * @param config       settings, secrets decrypted
 * @param log          the connector's logger for this connection (made once: {@code System.getLogger} per request
 *                     was 5 % of the webhook servlet's CPU)
 */
record InboundRoute(long tenantId, long connectionId, String connectorId, String token, boolean active,
                    ConnectionInfo info, ConfigValues config, ConnectionLogger log) {

    @Override
    public String toString() {
        return "InboundRoute[" + info.connectionId() + ", " + connectorId + "]";
    }
}
