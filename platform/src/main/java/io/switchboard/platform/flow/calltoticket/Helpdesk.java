package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.FlowRun;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import java.util.function.BiFunction;

/** The target helpdesk of one event, reached through {@link FlowRun#helpdesk} (the platform's plugin gate). */
final class Helpdesk {

    private final FlowRun run;
    private String name;

    Helpdesk(FlowRun run) {
        this.run = run;
    }

    /** Calls the connector; the SPI's exceptions pass through unchanged. */
    <T> T call(BiFunction<HelpdeskConnector, ConnectorContext, T> operation) {
        return run.helpdesk(call -> operation.apply(call.connector(), call.context()));
    }

    /** Not a vendor call: a link to write before the next one stays pending (see FlowLinks#recordNow). */
    boolean supports(Capability capability) {
        return run.helpdeskDescriptor().supports(capability);
    }

    /** @return the helpdesk's display name, for notes */
    String name() {
        if (name == null) {
            name = run.helpdeskDescriptor().displayName();
        }
        return name;
    }
}
