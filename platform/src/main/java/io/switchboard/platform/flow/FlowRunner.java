package io.switchboard.platform.flow;

import io.switchboard.platform.connection.Connection;
import io.switchboard.platform.connection.ConnectionRuntime;
import io.switchboard.platform.connection.StoredSettings;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Runs one flow over the events parsed from one inbound request, in the current tenant's scope. Knows no flow type:
 * it opens the flow's two connections on demand, behind {@link ConnectorGate}s of the kinds the flow asks for.
 */
@ApplicationScoped
public class FlowRunner {

    private final Clock clock = Clock.systemUTC();

    @Inject
    private TenantEntityManager tenantData;
    @Inject
    private ExternalLinkSql linkSql;
    @Inject
    private PluginHost plugins;
    @Inject
    private ConnectionRuntime connections;
    @Inject
    private FlowTypes types;
    @Inject
    private ConnectorReads reads;
    @Inject
    private FlowClaimSql claimSql;

    /**
     * A flow ready to run: its definition with what it needs read once, not per event — its type and parsed options
     * (null when this platform no longer offers the type) and its two connections (null when deleted). Kept by the
     * pipeline's routes for a few seconds; read-only.
     */
    public record PreparedFlow(FlowDefinition definition, FlowType<?> type, ConfigValues options, Connection source,
                               Connection target) {

        /** @return whether the flow also takes the events of its target connection ({@link TargetEvents}) */
        public boolean takesTargetEvents() {
            return type instanceof TargetEvents<?>;
        }
    }

    /** Which of a flow's connections received the events being run. */
    public enum Direction {
        /** The source's events ({@link FlowType#handle}). */
        FROM_SOURCE,
        /** The target's events ({@link TargetEvents#handleFromTarget}). */
        FROM_TARGET
    }

    /** Reads what running the flow needs, in the current tenant's scope; problems show when it runs. */
    public PreparedFlow prepare(FlowDefinition definition) {
        Optional<FlowType<?>> type = types.get(definition.flowType());
        ConfigValues options = type.map(t -> ConfigValues.of(StoredSettings.readPlain(t.optionsSchema(),
                definition.optionsJson()))).orElse(null);
        return new PreparedFlow(definition, type.orElse(null), options,
                tenantData.em().find(Connection.class, definition.sourceConnectionId()),
                tenantData.em().find(Connection.class, definition.targetConnectionId()));
    }

    /**
     * @param unwritten where the run's last links go when it succeeds: the caller writes them with the event's
     *                  outcome, in the same commit (links the vendor cannot find again by itself were written at once;
     *                  when the run fails, its links are written before the failure propagates)
     * @throws TransientVendorException when a connection's plugin is not running now (the event waits for it
     *                                   without using attempts: caused by {@code VendorPaused})
     * @throws PermanentVendorException when the flow can never run as configured (dead letter)
     */
    public void run(PreparedFlow flow, Direction direction, List<?> events, Activity activity,
                    List<ExternalLinkSql.Link> unwritten) {
        run(flow, direction, events, activity, unwritten, "run-" + java.util.UUID.randomUUID());
    }

    /**
     * @param owner what holds this run's {@link FlowClaims}: the inbox event's id, so that a retry of the event
     *              (after a failure, or on another instance after a crash) holds what its earlier attempt held
     * @see #run(PreparedFlow, Direction, List, Activity, List)
     */
    public void run(PreparedFlow flow, Direction direction, List<?> events, Activity activity,
                    List<ExternalLinkSql.Link> unwritten, String owner) {
        FlowDefinition definition = flow.definition();
        if (flow.type() == null) {
            throw new PermanentVendorException("Flow '" + definition.name() + "' is of a type this platform no longer "
                    + "offers: " + definition.flowType());
        }
        if (flow.source() == null || flow.target() == null) {
            throw new PermanentVendorException("The " + (flow.source() == null ? "source" : "target")
                    + " connection of flow '" + definition.name() + "' was deleted");
        }
        StoredFlowLinks links = new StoredFlowLinks(tenantData, linkSql, definition.id(), clock);
        RunClaims claims = new RunClaims(tenantData.tenantId(), flow.target().id(), owner);
        FlowRun run = new Run(flow, links, claims, activity);
        int handled = 0;
        try {
            for (Object event : events) {
                if (direction == Direction.FROM_SOURCE ? handle(flow.type(), event, run)
                        : handleFromTarget((TargetEvents<?>) flow.type(), event, run)) {
                    handled++;
                }
            }
        } catch (RuntimeException failure) {
            // What was created before the failure must be known to the retry, and to the events waiting for its
            // claims: links first, then the claims.
            try {
                links.flush();
                claims.release();
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
        links.writeIfAsked(); // durable before the worker goes on; the rest is group-committed with the outcome
        if (claims.holdsAny()) {
            links.flush(); // an event waiting for a claim must find these links when it runs again
            claims.release();
        }
        unwritten.addAll(links.drain());
        if (handled == 0) {
            activity.note("Flow '" + definition.name() + "' takes none of these events");
        }
    }

    private static <E> boolean handle(FlowType<E> type, Object event, FlowRun run) {
        if (!type.eventType().isInstance(event)) {
            return false;
        }
        type.handle(type.eventType().cast(event), run);
        return true;
    }

    private static <B> boolean handleFromTarget(TargetEvents<B> type, Object event, FlowRun run) {
        if (!type.targetEventType().isInstance(event)) {
            return false;
        }
        type.handleFromTarget(type.targetEventType().cast(event), run);
        return true;
    }

    /** @return the flow type, if offered */
    public Optional<FlowType<?>> type(String id) {
        return types.get(id);
    }

    /** One event attempt's run; opens each side's connector and context the first time the flow asks for it. */
    private final class Run implements FlowRun {

        private final PreparedFlow flow;
        private final StoredFlowLinks links;
        private final RunClaims claims;
        private final Activity activity;
        private Gate<?> source;
        private Gate<?> target;

        Run(PreparedFlow flow, StoredFlowLinks links, RunClaims claims, Activity activity) {
            this.flow = flow;
            this.links = links;
            this.claims = claims;
            this.activity = activity;
        }

        @Override
        public FlowClaims claims() {
            return claims;
        }

        @Override
        public ConfigValues options() {
            return flow.options();
        }

        @Override
        public <C extends Connector> ConnectorGate<C> source(Class<C> kind) {
            if (source == null) {
                source = gate(flow.source(), kind, "source");
            }
            return source.as(kind, "source");
        }

        @Override
        public <C extends Connector> ConnectorGate<C> target(Class<C> kind) {
            if (target == null) {
                target = gate(flow.target(), kind, "target");
            }
            return target.as(kind, "target");
        }

        private <C extends Connector> Gate<C> gate(Connection connection, Class<C> kind, String side) {
            LoadedConnector connector = plugins.connector(connection.connectorId()).orElseThrow(() ->
                    new TransientVendorException("The plugin of connection '" + connection.name() + "' is not running",
                            java.time.Duration.ofSeconds(30),
                            new io.switchboard.platform.connection.VendorPaused("plugin not running")));
            if (!kind.isInstance(connector.connector())) {
                throw new PermanentVendorException("The " + side + " of flow '" + flow.definition().name()
                        + "' is not a " + kind.getSimpleName().replace("Connector", "").toLowerCase() + " connection");
            }
            return new Gate<>(kind, connector, connections.contextOf(connection), connection.name(), links, reads,
                    new ConnectorReads.Key(tenantData.tenantId(), connection.id(), connection.version(), ""));
        }

        @Override
        public FlowLinks links() {
            return links;
        }

        @Override
        public Activity activity() {
            return activity;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public FlowScope scope() {
            FlowDefinition definition = flow.definition();
            return new FlowScope(tenantData.tenantId(), definition.id(), definition.sourceConnectionId(),
                    definition.targetConnectionId());
        }

        @Override
        public String toString() {
            return "FlowRun[" + flow.definition().flowType() + " " + flow.definition().id() + "]";
        }
    }

    private record Gate<C extends Connector>(Class<C> kind, LoadedConnector loaded, ConnectorContext context,
                                             String connectionName, StoredFlowLinks links, ConnectorReads reads,
                                             ConnectorReads.Key readKey)
            implements ConnectorGate<C> {

        @SuppressWarnings("unchecked")
        <K extends Connector> ConnectorGate<K> as(Class<K> asked, String side) {
            if (asked == kind) {
                return (ConnectorGate<K>) this;
            }
            if (!asked.isInstance(loaded.connector())) {
                throw new PermanentVendorException("The flow's " + side + " is not a "
                        + asked.getSimpleName().replace("Connector", "").toLowerCase() + " connection");
            }
            return (ConnectorGate<K>) (ConnectorGate<?>) new Gate<>(asked, loaded, context, connectionName, links,
                    reads, readKey);
        }

        @Override
        public <T> T call(BiFunction<C, ConnectorContext, T> operation) {
            links.writeIfAsked(); // an intent is durable before the call it announces
            return loaded.call(c -> operation.apply(kind.cast(c), context));
        }

        @Override
        public <T> T cached(String what, java.time.Duration ttl, BiFunction<C, ConnectorContext, T> read) {
            ConnectorReads.Key key = new ConnectorReads.Key(readKey.tenantId(), readKey.connectionId(),
                    readKey.connectionVersion(), what);
            return reads.get(key, ttl, () -> call(read));
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return loaded.descriptor();
        }
    }

    /** One run's holds on keys of its target connection ({@link FlowClaims}), released when the run ends. */
    private final class RunClaims implements FlowClaims {

        private final long tenantId;
        private final long connectionId;
        private final String owner;
        private final java.util.Set<String> held = new java.util.LinkedHashSet<>();

        RunClaims(long tenantId, long connectionId, String owner) {
            this.tenantId = tenantId;
            this.connectionId = connectionId;
            this.owner = owner;
        }

        @Override
        public void hold(String kind, String key) {
            String claim = kind + ":" + key;
            if (held.contains(claim)) {
                return;
            }
            String holder = claimSql.take(tenantId, connectionId, claim, owner, clock.instant());
            if (!owner.equals(holder)) {
                throw new HeldByAnotherEvent("Another event is creating the " + kind + " this one needs ("
                        + key + "); this one goes on when it is done");
            }
            held.add(claim);
        }

        boolean holdsAny() {
            return !held.isEmpty();
        }

        void release() {
            claimSql.release(tenantId, connectionId, held, owner);
            held.clear();
        }
    }
}
