/**
 * Switchboard connector SPI, version 1.
 *
 * <p>A connector plugin is a PF4J jar holding one or more {@link org.pf4j.Extension extensions} that implement
 * {@link io.switchboard.spi.telephony.TelephonyConnector}, {@link io.switchboard.spi.helpdesk.HelpdeskConnector}
 * or {@link io.switchboard.spi.channel.ChannelConnector}. Connectors only speak to their vendor: they translate
 * vendor webhooks into normalized events and normalized commands into vendor API calls. The platform owns the
 * flows between kinds, persistence, retries and the user interface.
 *
 * <p>Rules every connector follows:
 * <ul>
 *   <li>Stateless: one instance serves every tenant; all per-connection state comes through the
 *       {@link io.switchboard.spi.ConnectorContext} passed to each call.</li>
 *   <li>No CDI, no static lookups, no threads of its own.</li>
 *   <li>Only the three {@link io.switchboard.spi.error.ConnectorException} subtypes escape a connector; anything
 *       else is treated by the platform as a permanent failure of the plugin.</li>
 *   <li>Secrets from the configuration are never logged nor put in exception messages.</li>
 * </ul>
 */
package io.switchboard.spi;
