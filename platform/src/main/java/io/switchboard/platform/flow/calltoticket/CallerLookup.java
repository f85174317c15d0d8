package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.connection.Connection;
import io.switchboard.platform.connection.ConnectionRuntime;
import io.switchboard.platform.connection.StoredSettings;
import io.switchboard.platform.flow.ExternalLink;
import io.switchboard.platform.flow.FlowDefinition;
import io.switchboard.platform.flow.FlowType;
import io.switchboard.platform.flow.FlowTypes;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Asks the helpdesk of a telephony connection's call-to-ticket flow who a caller is: the client by number (the
 * flow's own {@code client} link first, else the helpdesk's search), the client's most recent ticket in the flow's
 * search statuses (else the open ones), its assignee and that agent's extension from the flow's agents table.
 * Read-only: nothing is created. Used by {@link CallerDirectory} on a cache miss and to refresh after a call.
 */
@ApplicationScoped
public class CallerLookup {

    @Inject
    private TenantEntityManager tenantData;
    @Inject
    private PluginHost plugins;
    @Inject
    private ConnectionRuntime connections;
    @Inject
    private FlowTypes types;

    /** Looks the caller up with a request scope of its own, bound to the tenant. */
    @ActivateRequestContext
    public CallerInfo lookup(long tenantId, long sourceConnectionId, String number) {
        tenantData.bind(tenantId);
        List<FlowDefinition> flows = tenantData.em().createQuery("SELECT f FROM FlowDefinition f WHERE "
                        + "f.sourceConnectionId = :source AND f.enabled = TRUE AND f.flowType = :type ORDER BY f.id",
                        FlowDefinition.class)
                .setParameter("source", sourceConnectionId).setParameter("type", CallToTicketFlow.ID).getResultList();
        for (FlowDefinition flow : flows) {
            Connection target = tenantData.em().find(Connection.class, flow.targetConnectionId());
            Optional<FlowType<?>> type = types.get(flow.flowType());
            Optional<LoadedConnector> connector = target == null ? Optional.empty()
                    : plugins.connector(target.connectorId());
            if (type.isEmpty() || connector.isEmpty() || !(connector.get().connector() instanceof HelpdeskConnector)) {
                continue;
            }
            ConnectorContext context = connections.contextOf(target);
            CallToTicketOptions options = CallToTicketOptions.from(ConfigValues.of(
                    StoredSettings.readPlain(type.get().optionsSchema(), flow.optionsJson())));
            PhoneNumbers.Phone phone = PhoneNumbers.read(number, options.phoneRegion(), options.phoneFormat());
            Optional<String> linkedClient = tenantData.em().createQuery("SELECT l FROM ExternalLink l WHERE "
                            + "l.flowId = :flow AND l.kind = :kind AND l.sourceRef = :source", ExternalLink.class)
                    .setParameter("flow", flow.id()).setParameter("kind", CallToTicketFlow.LINK_CLIENT)
                    .setParameter("source", phone.key()).getResultList().stream().findFirst().map(ExternalLink::targetRef);
            return connector.get().call(c -> ask((HelpdeskConnector) c, context, options, phone, linkedClient));
        }
        return CallerInfo.unknown();
    }

    private static CallerInfo ask(HelpdeskConnector helpdesk, ConnectorContext context, CallToTicketOptions options,
                                  PhoneNumbers.Phone phone, Optional<String> linkedClient) {
        Optional<Client> client = helpdesk.findClientByPhone(phone.searchable(), context);
        String clientId = client.map(Client::id).or(() -> linkedClient).orElse(null);
        if (clientId == null) {
            return CallerInfo.unknown();
        }
        Set<String> statuses = options.searchStatuses();
        if (statuses.isEmpty()) {
            statuses = helpdesk.ticketStatuses(context).stream().filter(s -> s.meaning().active())
                    .map(TicketStatusOption::id).collect(Collectors.toCollection(LinkedHashSet::new));
        }
        Optional<Ticket> ticket = statuses.isEmpty() ? Optional.empty()
                : helpdesk.findTickets(new TicketQuery(clientId, statuses, 1), context).stream().findFirst();
        String agentId = ticket.map(Ticket::assigneeId).orElse(null);
        String extension = null;
        String agentName = null;
        if (agentId != null) {
            extension = options.extensions().entrySet().stream().filter(e -> agentId.equals(e.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            agentName = helpdesk.listAgents(context).stream().filter(a -> agentId.equals(a.id())).map(Agent::name)
                    .findFirst().orElse(null);
        }
        return new CallerInfo(client.map(Client::name).orElse(null), client.map(Client::url).orElse(null),
                ticket.map(Ticket::id).orElse(null), ticket.map(Ticket::url).orElse(null), agentId, agentName,
                extension);
    }
}
