package io.switchboard.platform.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.platform.connection.Connection;
import io.switchboard.platform.connection.ConnectionRuntime;
import io.switchboard.platform.connection.VendorCallBudget;
import io.switchboard.platform.connection.VendorHttp;
import io.switchboard.platform.connection.VendorPaused;
import io.switchboard.platform.flow.ExternalLinkSql;
import io.switchboard.platform.flow.FlowRunner;
import io.switchboard.platform.flow.HeldByAnotherEvent;
import io.switchboard.platform.flow.EventsReceived;
import io.switchboard.platform.flow.RecordedActivity;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.plugin.PluginMalfunctionException;
import io.switchboard.platform.plugin.PluginTimeoutException;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.telephony.TelephonyConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Processes one claimed event, in its tenant's scope: the source connector parses the stored request into
 * normalized events, and each enabled flow of that connection handles them. Runs outside any transaction (vendor
 * calls take seconds); what must be durable mid-way (links, connection state) commits on its own. Decides the
 * outcome: transient vendor trouble → retry later, anything that will not get better by waiting → dead letter.
 */
@ApplicationScoped
public class EventProcessor {

    private static final Logger LOG = Logger.getLogger(EventProcessor.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often an event whose plugin is not running looks again. */
    private static final Duration PLUGIN_BACK_CHECK = Duration.ofSeconds(30);

    @Inject
    private TenantEntityManager tenantData;
    @Inject
    private PluginHost plugins;
    @Inject
    private ConnectionRuntime connections;
    @Inject
    private SourceRoutes routes;
    @Inject
    private FlowRunner flows;
    @Inject
    private Event<EventsReceived> received;
    @Inject
    private VendorHttp http;
    @Inject
    private PipelineSettings settings;

    /**
     * Processes the event with a request scope of its own, bound to the event's tenant.
     *
     * @return the outcome, with the flows' links still to write
     */
    @ActivateRequestContext
    public Outcome process(ClaimedEvent event) {
        List<ExternalLinkSql.Link> unwritten = new ArrayList<>();
        // The attempt's vendor requests share one budget for waiting (Retry-After, backoff, rate limit; ADR 0009),
        // at most half the claim's lease: an attempt still waiting when its lease ran out would be taken over by
        // another instance and run twice at once.
        Duration half = settings.lease().dividedBy(2);
        Duration budget = http.retryBudget().compareTo(half) > 0 ? half : http.retryBudget();
        try (VendorCallBudget.Scope scope = VendorCallBudget.open(budget)) {
            return process(event, unwritten).withLinks(unwritten);
        }
    }

    private Outcome process(ClaimedEvent event, List<ExternalLinkSql.Link> unwritten) {
        RecordedActivity activity = new RecordedActivity();
        tenantData.bind(event.tenantId());
        try {
            Optional<SourceRoutes.Route> route = routes.of(event.connectionId());
            if (route.isEmpty()) {
                return Outcome.dead("The connection that received this event no longer exists", activity);
            }
            Connection source = route.get().source();
            Optional<LoadedConnector> connector = plugins.connector(source.connectorId());
            if (connector.isEmpty()) {
                // Switched off by the operator, or not loaded here: nothing was tried, so the attempt is not counted
                // (only the event's age is), and the event goes on once the plugin is back (ADR 0011).
                return Outcome.paused("The plugin of connection '" + source.name() + "' is not running",
                        PLUGIN_BACK_CHECK, activity);
            }
            ConnectorContext context = connections.contextOf(source);
            InboundRequest request = request(event);
            ParsedEvents<?> parsed = connector.get().call(c -> parse(c, request, context));
            parsed.notes().forEach(activity::note);
            if (!parsed.events().isEmpty()) {
                received.fire(new EventsReceived(event.tenantId(), event.connectionId(), parsed.events()));
            }
            if (parsed.events().isEmpty()) {
                if (parsed.notes().isEmpty()) {
                    activity.note("The request held no event to process");
                }
                return Outcome.done(activity);
            }
            if (route.get().isEmpty()) {
                activity.note(parsed.events().size() + (parsed.events().size() == 1 ? " event" : " events")
                        + " received; no flow uses connection '" + source.name() + "', so nothing was done");
                return Outcome.done(activity);
            }
            String owner = "event-" + event.id();
            for (FlowRunner.PreparedFlow flow : route.get().flows()) {
                flows.run(flow, FlowRunner.Direction.FROM_SOURCE, parsed.events(), activity, unwritten, owner);
            }
            for (FlowRunner.PreparedFlow flow : route.get().flowsAsTarget()) {
                flows.run(flow, FlowRunner.Direction.FROM_TARGET, parsed.events(), activity, unwritten, owner);
            }
            return Outcome.done(activity);
        } catch (HeldByAnotherEvent e) {
            return Outcome.paused(e.getMessage(), e.retryAfter(), activity);
        } catch (TransientVendorException e) {
            if (VendorPaused.isCauseOf(e)) {
                return Outcome.paused(e.getMessage(), e.retryAfter().orElse(null), activity);
            }
            return Outcome.retry(e.getMessage(), e.retryAfter().orElse(null), activity);
        } catch (PermanentVendorException | WebhookRejectedException e) {
            return Outcome.dead(e.getMessage(), activity);
        } catch (PluginTimeoutException e) {
            // Perhaps the vendor hanging behind the plugin: retried under the usual rules, dead after the last attempt.
            return Outcome.retry(e.getMessage(), null, activity);
        } catch (PluginMalfunctionException e) {
            LOG.log(Level.WARNING, "event " + event.id() + ": plugin failure", e);
            return Outcome.dead(e.getMessage(), activity);
        } catch (io.switchboard.platform.problem.NotFoundException e) {
            return Outcome.dead(e.getMessage(), activity);
        } catch (RuntimeException e) {
            // Our own trouble (database hiccup, bug): retried, since waiting may cure it; logged with the cause.
            LOG.log(Level.WARNING, "event " + event.id() + ": unexpected failure, will retry", e);
            return Outcome.retry("Internal error while processing (" + e.getClass().getSimpleName()
                    + "); it will be retried", null, activity);
        }
    }

    private static ParsedEvents<?> parse(io.switchboard.spi.Connector connector, InboundRequest request,
                                         ConnectorContext context) {
        if (connector instanceof TelephonyConnector telephony) {
            return telephony.parse(request, context);
        }
        if (connector instanceof HelpdeskConnector helpdesk) {
            return helpdesk.parse(request, context);
        }
        if (connector instanceof ChannelConnector channel) {
            return channel.parse(request, context);
        }
        return ParsedEvents.skipped("This connector does not take inbound events");
    }

    private static InboundRequest request(ClaimedEvent event) {
        Map<String, List<String>> headers;
        try {
            headers = JSON.readValue(event.headersJson(), new TypeReference<Map<String, List<String>>>() { });
        } catch (java.io.IOException e) {
            headers = Map.of();
        }
        return new InboundRequest(event.method(), headers, io.switchboard.platform.inbound.QueryStrings.parse(event.queryString()), event.body(), event.receivedAt());
    }
}
