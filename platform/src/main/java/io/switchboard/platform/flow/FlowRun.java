package io.switchboard.platform.flow;

import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import java.time.Clock;
import java.util.function.Function;

/**
 * Everything a flow gets to handle one event: its options, the target helpdesk (called through the platform's
 * plugin gate), the links of what earlier events created, and the activity record of this event. One instance per
 * event attempt; not shared between threads.
 *
 * <p>Retries: the pipeline calls the flow again for the same event after a transient failure (and after a crash).
 * A flow must therefore be safe to run twice: look up {@link #links()} (and the vendor's external ids) before
 * creating anything, and record each created thing in {@link #links()} right after creating it.
 */
public interface FlowRun {

    /** @return the flow's options (typed as in {@code ConfigValues}) */
    ConfigValues options();

    /**
     * Calls the target helpdesk connector with its connection's context. Exceptions are the SPI's: transient ones
     * make the pipeline retry the whole event later, permanent ones dead-letter it.
     */
    <T> T helpdesk(Function<HelpdeskCall, T> call);

    /**
     * @return the target helpdesk connector's descriptor (name, capabilities), read when its plugin was loaded: asking
     *     it is not a vendor call
     */
    ConnectorDescriptor helpdeskDescriptor();

    /** @return what earlier runs of this flow created, by source reference */
    FlowLinks links();

    /** @return this event's activity record: what it did and what it skipped, shown to the tenant */
    Activity activity();

    /** @return the clock to use */
    Clock clock();

    /** A helpdesk connector and the context of its connection. */
    record HelpdeskCall(HelpdeskConnector connector, ConnectorContext context) {
    }

    /**
     * Tells the platform that what the helpdesk knows of this caller may have changed (a client, ticket or assignee
     * was found, created or changed for the call), so that routing and caller-card answers are refreshed.
     */
    void callerChanged(String number);
}
