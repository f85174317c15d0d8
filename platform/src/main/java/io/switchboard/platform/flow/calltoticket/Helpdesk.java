package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.FlowRun;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ConnectorContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/** The target helpdesk of one event, reached through the flow's target {@link io.switchboard.platform.flow.ConnectorGate}. */
final class Helpdesk {

    /**
     * The helpdesk's agents, for a minute (issue #20: fewer requests per event; three at Usedesk). Keyed by the
     * connection's opened settings, compared by identity: the platform opens them once per connection version, so
     * a saved change to the connection starts afresh, and nothing is shared between connections or tenants.
     */
    private static final Cache<ConfigValues, List<Agent>> AGENTS = Caffeine.newBuilder().weakKeys()
            .expireAfterWrite(Duration.ofSeconds(60)).maximumSize(10_000).build();

    private final FlowRun run;
    private String name;

    Helpdesk(FlowRun run) {
        this.run = run;
    }

    /** Calls the connector; the SPI's exceptions pass through unchanged. */
    <T> T call(BiFunction<HelpdeskConnector, ConnectorContext, T> operation) {
        return run.target(HelpdeskConnector.class).call(operation);
    }

    /** @return the helpdesk's agents, asked for at most once a minute per connection */
    List<Agent> agents() {
        return call((connector, context) -> context == null ? connector.listAgents(null) // unit tests' bare gates
                : AGENTS.get(context.config(), k -> List.copyOf(connector.listAgents(context))));
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
