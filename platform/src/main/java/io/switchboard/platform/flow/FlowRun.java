package io.switchboard.platform.flow;

import io.switchboard.spi.Connector;
import io.switchboard.spi.config.ConfigValues;
import java.time.Clock;

/**
 * Everything a flow gets to handle one event: its options, both of its connections (called through the platform's
 * plugin gate), the links of what earlier events created, and the activity record of this event. One instance per
 * event attempt; not shared between threads.
 *
 * <p>Retries: the pipeline calls the flow again for the same event after a transient failure (and after a crash).
 * A flow must therefore be safe to run twice: look up {@link #links()} (and the vendor's external ids) before
 * creating anything, and record each created thing in {@link #links()} right after creating it. The whole design is
 * in {@code docs/flows.md}, "Exactly once".
 */
public interface FlowRun {

    /** @return the flow's options (typed as in {@code ConfigValues}) */
    ConfigValues options();

    /**
     * @param kind the connector kind the flow type declared for its source
     * @return the flow's source connection (where its forward events come from: the PBX, the chat)
     * @throws io.switchboard.spi.error.PermanentVendorException when the source's connector is not of that kind
     */
    <C extends Connector> ConnectorGate<C> source(Class<C> kind);

    /**
     * @param kind the connector kind the flow type declared for its target
     * @return the flow's target connection (the helpdesk, the task system)
     * @throws io.switchboard.spi.error.PermanentVendorException when the target's connector is not of that kind
     */
    <C extends Connector> ConnectorGate<C> target(Class<C> kind);

    /** @return what earlier runs of this flow created, by reference */
    FlowLinks links();

    /**
     * @return holds that keep other events from creating the same thing in the target connection while this event
     *         looks for it and creates it (e.g. a client by number)
     */
    FlowClaims claims();

    /** @return this event's activity record: what it did and what it skipped, shown to the tenant */
    Activity activity();

    /** @return the clock to use */
    Clock clock();

    /** @return which tenant's flow runs, between which connections */
    FlowScope scope();

    /**
     * Identifies the running flow, for flow types that tell other parts of the platform what they did (e.g. the
     * caller directory of the call-to-ticket flow).
     *
     * @param tenantId           the tenant
     * @param flowId             the flow
     * @param sourceConnectionId its source connection
     * @param targetConnectionId its target connection
     */
    record FlowScope(long tenantId, long flowId, long sourceConnectionId, long targetConnectionId) {
    }
}
