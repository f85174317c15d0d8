package io.switchboard.platform.flow;

import io.switchboard.platform.connection.Connection;
import io.switchboard.platform.connection.ConnectionService;
import io.switchboard.platform.connection.StoredSettings;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Runs one flow over the events parsed from one inbound request, in the current tenant's scope. */
@ApplicationScoped
public class FlowRunner {

    private final Clock clock = Clock.systemUTC();
    @Inject
    private Event<CallerChanged> callers;

    @Inject
    private TenantEntityManager tenantData;
    @Inject
    private ExternalLinkSql linkSql;
    @Inject
    private PluginHost plugins;
    @Inject
    private ConnectionService connections;
    @Inject
    private FlowTypes types;

    /**
     * A flow ready to run: its definition with what it needs read once, not per event — its type and parsed options
     * (null when this platform no longer offers the type) and its target connection (null when deleted). Kept by the
     * pipeline's source routes for a few seconds; read-only.
     */
    public record PreparedFlow(FlowDefinition definition, FlowType<?> type, ConfigValues options, Connection target) {
    }

    /** Reads what running the flow needs, in the current tenant's scope; problems show when it runs. */
    public PreparedFlow prepare(FlowDefinition definition) {
        Optional<FlowType<?>> type = types.get(definition.flowType());
        ConfigValues options = type.map(t -> ConfigValues.of(StoredSettings.readPlain(t.optionsSchema(),
                definition.optionsJson()))).orElse(null);
        return new PreparedFlow(definition, type.orElse(null), options,
                tenantData.em().find(Connection.class, definition.targetConnectionId()));
    }

    /**
     * @param unwritten where the run's last links go when it succeeds: the caller writes them with the event's
     *                  outcome, in the same commit (links the vendor cannot find again by itself were written at once;
     *                  when the run fails, its links are written before the failure propagates)
     * @throws TransientVendorException when the target cannot be reached now (the event is retried)
     * @throws PermanentVendorException when the flow can never run as configured (dead letter)
     */
    public void run(PreparedFlow flow, List<?> events, Activity activity, List<ExternalLinkSql.Link> unwritten) {
        FlowDefinition definition = flow.definition();
        if (flow.type() == null) {
            throw new PermanentVendorException("Flow '" + definition.name() + "' is of a type this platform no longer "
                    + "offers: " + definition.flowType());
        }
        Connection target = flow.target();
        if (target == null) {
            throw new PermanentVendorException("The target connection of flow '" + definition.name() + "' was deleted");
        }
        FlowType<?> type = flow.type();
        LoadedConnector connector = plugins.connector(target.connectorId()).orElseThrow(() ->
                new TransientVendorException("The plugin of connection '" + target.name() + "' is not running"));
        ConnectorContext context = connections.contextOf(target);
        ConfigValues options = flow.options();
        StoredFlowLinks links = new StoredFlowLinks(tenantData, linkSql, definition.id(), clock);
        long tenant = tenantData.tenantId();
        FlowRun run = new Run(options, connector, context, links, activity, clock,
                number -> callers.fire(new CallerChanged(tenant, definition.sourceConnectionId(), number)));
        int handled = 0;
        try {
            for (Object event : events) {
                if (handle(type, event, run)) {
                    handled++;
                }
            }
        } catch (RuntimeException failure) {
            // What was created before the failure must be known to the retry.
            try {
                links.flush();
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
        links.writeIfAsked(); // durable before the worker goes on; the rest is group-committed with the outcome
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

    private record Run(ConfigValues options, LoadedConnector target, ConnectorContext targetContext, StoredFlowLinks links,
                       Activity activity, Clock clock, Consumer<String> callers) implements FlowRun {

        @Override
        public void callerChanged(String number) {
            callers.accept(number);
        }

        @Override
        public <T> T helpdesk(Function<HelpdeskCall, T> call) {
            if (!(target.connector() instanceof HelpdeskConnector helpdesk)) {
                throw new PermanentVendorException("The flow's target is not a helpdesk");
            }
            links.writeIfAsked(); // an intent is durable before the call it announces
            return target.call(c -> call.apply(new HelpdeskCall(helpdesk, targetContext)));
        }

        @Override
        public ConnectorDescriptor helpdeskDescriptor() {
            return target.descriptor();
        }

        @Override
        public String toString() {
            return "FlowRun[" + target.pluginId() + "]";
        }
    }

    /** @return the flow type, if offered */
    public Optional<FlowType<?>> type(String id) {
        return types.get(id);
    }
}
