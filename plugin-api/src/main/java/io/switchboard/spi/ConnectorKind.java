package io.switchboard.spi;

/** The three kinds of connector; a flow connects a source kind to a target kind. */
public enum ConnectorKind {
    /** Live chats and the customer's own website ({@link io.switchboard.spi.channel.ChannelConnector}). */
    CHANNEL,
    /** Helpdesks and task systems ({@link io.switchboard.spi.helpdesk.HelpdeskConnector}). */
    HELPDESK,
    /** Cloud PBX and call tracking ({@link io.switchboard.spi.telephony.TelephonyConnector}). */
    TELEPHONY
}
