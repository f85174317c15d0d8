package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.FlowRun;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/** The target helpdesk of one event, reached through the flow's target {@link io.switchboard.platform.flow.ConnectorGate}. */
final class Helpdesk {

    private final FlowRun run;
    private String name;

    Helpdesk(FlowRun run) {
        this.run = run;
    }

    /** Calls the connector; the SPI's exceptions pass through unchanged. */
    <T> T call(BiFunction<HelpdeskConnector, ConnectorContext, T> operation) {
        return run.target(HelpdeskConnector.class).call(operation);
    }

    /** How long a connection's agent list is kept: three requests at Usedesk, asked for by most call events. */
    static final Duration AGENTS_KEPT = Duration.ofSeconds(60);

    /** @return the helpdesk's agents, asked for at most once a minute per connection (the platform keeps them) */
    List<Agent> agents() {
        return run.target(HelpdeskConnector.class).cached("agents", AGENTS_KEPT,
                (connector, context) -> List.copyOf(connector.listAgents(context)));
    }

    /** Not a vendor call: a link to write before the next one stays pending (see FlowLinks#recordNow). */
    boolean supports(Capability capability) {
        return run.target(HelpdeskConnector.class).supports(capability);
    }

    /** @return the helpdesk's display name, for notes */
    String name() {
        if (name == null) {
            name = run.target(HelpdeskConnector.class).descriptor().displayName();
        }
        return name;
    }
}
