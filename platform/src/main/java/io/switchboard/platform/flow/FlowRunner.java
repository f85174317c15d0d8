package io.switchboard.platform.flow;

import io.switchboard.platform.connection.Connection;
import io.switchboard.platform.connection.ConnectionService;
import io.switchboard.platform.connection.StoredSettings;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.spi.ConnectorContext;
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
    private ExternalLinkWrites writes;
    @Inject
    private PluginHost plugins;
    @Inject
    private ConnectionService connections;
    @Inject
    private FlowTypes types;

    /**
     * @param unwritten where the run's last links go when it succeeds: the caller writes them with the event's
     *                  outcome, in the same commit (links the vendor cannot find again by itself were written at once;
     *                  when the run fails, its links are written before the failure propagates)
     * @throws TransientVendorException when the target cannot be reached now (the event is retried)
     * @throws PermanentVendorException when the flow can never run as configured (dead letter)
     */
    public void run(FlowDefinition definition, List<?> events, Activity activity,
                    List<ExternalLinkWrites.Link> unwritten) {
        FlowType<?> type = types.get(definition.flowType()).orElseThrow(() -> new PermanentVendorException(
                "Flow '" + definition.name() + "' is of a type this platform no longer offers: " + definition.flowType()));
        Connection target = tenantData.em().find(Connection.class, definition.targetConnectionId());
        if (target == null) {
            throw new PermanentVendorException("The target connection of flow '" + definition.name() + "' was deleted");
        }
        LoadedConnector connector = plugins.connector(target.connectorId()).orElseThrow(() ->
                new TransientVendorException("The plugin of connection '" + target.name() + "' is not running"));
        ConnectorContext context = connections.contextOf(target);
        ConfigValues options = ConfigValues.of(StoredSettings.readPlain(type.optionsSchema(), definition.optionsJson()));
        StoredFlowLinks links = new StoredFlowLinks(tenantData, writes, definition.id(), clock);
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

    private record Run(ConfigValues options, LoadedConnector target, ConnectorContext targetContext, FlowLinks links,
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
            return target.call(c -> call.apply(new HelpdeskCall(helpdesk, targetContext)));
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
