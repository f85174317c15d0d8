package io.switchboard.platform.flow;

import io.switchboard.spi.Capability;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import java.util.function.BiFunction;

/**
 * One side of a flow (its source or its target connection) as a connector of a known kind, called through the
 * platform's plugin gate: the plugin's class loader is set, its failures are classified, and the links recorded with
 * {@link FlowLinks#recordNow} are durable before the call (see {@link FlowLinks}).
 *
 * @param <C> the connector kind the flow expects on that side ({@code HelpdeskConnector}, {@code ChannelConnector}…)
 */
public interface ConnectorGate<C extends Connector> {

    /**
     * Calls the connector with its connection's context. The SPI's exceptions pass through: transient ones make the
     * pipeline retry the whole event later, permanent ones dead-letter it.
     */
    <T> T call(BiFunction<C, ConnectorContext, T> operation);

    /**
     * A read whose answer changes seldom (agents, ticket fields), answered from a per-connection cache while it is
     * younger than {@code ttl}; otherwise called like {@link #call}. Return an immutable value: it is shared by
     * every event of the connection on this instance.
     *
     * @param what names the read, unique per connection (e.g. {@code "agents"})
     */
    <T> T cached(String what, java.time.Duration ttl, BiFunction<C, ConnectorContext, T> read);

    /** @return the connector's descriptor, read when its plugin was loaded: asking it is not a vendor call */
    ConnectorDescriptor descriptor();

    /** @return the tenant's name of the connection, for activity notes */
    String connectionName();

    /** @return whether the connector declares the capability (not a vendor call) */
    default boolean supports(Capability capability) {
        return descriptor().supports(capability);
    }
}
