package ${package};

import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.ConnectorException;
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.helpdesk.TicketUpdate;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The ${connectorName} helpdesk connector: what Switchboard sees of the plugin. It only wires the roles together
 * (settings, API calls, clients, tickets, webhooks, each in a class of its own). One instance serves every
 * connection of every tenant, on several threads: no state in fields, everything per connection comes in the
 * {@link ConnectorContext}.
 */
@Extension
public class ${classPrefix}Connector implements HelpdeskConnector {

    static final String ID = "${connectorId}";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(ID, ConnectorKind.HELPDESK,
            "${connectorName}", "Tickets, contacts and notes in ${connectorName}.",
            Set.of(Capability.PRIVATE_COMMENTS, Capability.EXTERNAL_IDS, Capability.HELPDESK_EVENTS),
            ${classPrefix}Settings.SCHEMA);

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<String> setupSteps() {
        return List.of("In ${connectorName}, open Admin → Automations and add a rule for each event you want here.",
                "As its action choose \"Trigger webhook\": POST to the inbound URL above, content JSON, the body of"
                        + " this plugin's README, and the header Authorization: Bearer <your webhook token>.");
    }

    /** The cheapest authenticated call: who am I. */
    @Override
    public CheckResult check(ConnectorContext context) {
        try {
            String name = ${classPrefix}Api.text(${classPrefix}Api.get(context, "api/v2/agents/me", "check the API key")
                    .path("contact").path("name"));
            return CheckResult.ok("Authorized" + (name == null ? "" : " as " + name));
        } catch (io.switchboard.spi.error.PermanentVendorException e) {
            return CheckResult.failed("${connectorName} refused the API key or the address: " + e.getMessage());
        } catch (ConnectorException e) {
            return CheckResult.failed("Could not reach ${connectorName}: " + e.getMessage());
        }
    }

    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        ${classPrefix}Webhooks.verify(request, context);
    }

    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return ${classPrefix}Webhooks.keys(request);
    }

    @Override
    public ParsedEvents<HelpdeskEvent> parse(InboundRequest request, ConnectorContext context) {
        return ${classPrefix}Webhooks.parse(request);
    }

    @Override
    public Optional<Client> findClientByPhone(String phone, ConnectorContext context) {
        return ${classPrefix}Clients.findByPhone(phone, context);
    }

    @Override
    public Optional<Client> findClientByEmail(String email, ConnectorContext context) {
        return ${classPrefix}Clients.findByEmail(email, context);
    }

    @Override
    public Client createClient(ClientDraft draft, ConnectorContext context) {
        return ${classPrefix}Clients.create(draft, context);
    }

    @Override
    public void updateClient(String clientId, ClientDraft changes, ConnectorContext context) {
        ${classPrefix}Clients.update(clientId, changes, context);
    }

    @Override
    public List<Ticket> findTickets(TicketQuery query, ConnectorContext context) {
        return ${classPrefix}Tickets.find(query, context);
    }

    @Override
    public Optional<Ticket> findTicketByExternalId(String externalId, String clientId, ConnectorContext context) {
        return ${classPrefix}Tickets.findByExternalId(externalId, clientId, context);
    }

    @Override
    public Ticket createTicket(TicketDraft draft, ConnectorContext context) {
        return ${classPrefix}Tickets.create(draft, context);
    }

    @Override
    public ExternalRef addComment(String ticketId, CommentDraft comment, ConnectorContext context) {
        return ${classPrefix}Tickets.addComment(ticketId, comment, context);
    }

    @Override
    public void updateTicket(String ticketId, TicketUpdate update, ConnectorContext context) {
        ${classPrefix}Tickets.update(ticketId, update, context);
    }

    @Override
    public List<Agent> listAgents(ConnectorContext context) {
        return ${classPrefix}Tickets.agents(context);
    }

    @Override
    public List<TicketStatusOption> ticketStatuses(ConnectorContext context) {
        return ${classPrefix}Tickets.STATUSES;
    }
}
