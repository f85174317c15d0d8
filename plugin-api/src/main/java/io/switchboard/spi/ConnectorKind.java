package io.switchboard.spi;

import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.util.Optional;

/** The three kinds of connector; a flow connects a source kind to a target kind. */
public enum ConnectorKind {
    /** Live chats and the customer's own website ({@link io.switchboard.spi.channel.ChannelConnector}). */
    CHANNEL,
    /** Helpdesks and task systems ({@link io.switchboard.spi.helpdesk.HelpdeskConnector}). */
    HELPDESK,
    /** Cloud PBX and call tracking ({@link io.switchboard.spi.telephony.TelephonyConnector}). */
    TELEPHONY;

    /** @return the kind whose interface the connector implements; empty when it implements none */
    public static Optional<ConnectorKind> implementedBy(Connector connector) {
        if (connector instanceof TelephonyConnector) {
            return Optional.of(TELEPHONY);
        }
        if (connector instanceof HelpdeskConnector) {
            return Optional.of(HELPDESK);
        }
        if (connector instanceof ChannelConnector) {
            return Optional.of(CHANNEL);
        }
        return Optional.empty();
    }
}
