package io.switchboard.plugins.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.RequestRateLimit;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.error.WebhookRejectedException;
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
import io.switchboard.spi.inbound.SharedSecret;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.switchboard.spi.helpdesk.CustomFieldInfo;
import org.pf4j.Extension;

/**
 * Usedesk helpdesk connector (README, "Vendor facts"). Every API method is a POST with {@code api_token} in the JSON
 * body; errors come as {@code {"error": …}} with HTTP 200 or 4xx, so both are checked.
 *
 * <p>The calls and their error handling are in {@link UsedeskApi}, client operations in {@link UsedeskClients},
 * ticket and comment operations in {@link UsedeskTickets}, the fixed status/priority/type tables in
 * {@link UsedeskMapping}. {@link #check} uses {@code /users}, the cheapest authenticated read; webhook
 * {@link #verify} compares the {@code secret} field in constant time (Usedesk signs nothing).
 */
@Extension
public class UsedeskConnector implements HelpdeskConnector {

    /** Usedesk's agent roles, each listed by its own {@code /users} request. */
    private static final List<String> USER_TYPES = List.of("admin", "employee", "support");
    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("usedesk", ConnectorKind.HELPDESK,
            "Usedesk", "Usedesk helpdesk: clients, tickets and comments through the API channel.",
            Set.of(Capability.EXTERNAL_IDS, Capability.PRIVATE_COMMENTS, Capability.TICKET_TYPES,
                    Capability.CUSTOM_FIELDS, Capability.HELPDESK_EVENTS, Capability.COMMENT_LOOKUP,
                    Capability.COMMENT_LIST),
            UsedeskSettings.SCHEMA);

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Usedesk publishes no clear limit: one version of its tickets page says "150 requests per minute, 0.4 requests
     * per second from one IP" (README, "Vendor facts"), two numbers that disagree. 150 a minute is taken as the
     * ceiling; that it holds per account is inferred.
     */
    @Override
    public Optional<RequestRateLimit> requestRateLimit() {
        return Optional.of(RequestRateLimit.perMinute(150));
    }

    /** Usedesk's API channel both authorizes the connection and sends its webhooks (README, "Webhooks"). */
    @Override
    public List<String> setupSteps() {
        return List.of(
                "In Usedesk open Settings → Channels → API and add a channel (or open yours); give it a name.",
                "Tick the events to send: New ticket, New comment, Ticket changed. Tick JSON request and send in UTF-8.",
                "Copy the channel's secret key (the API token) into this connection's API token, choose where your"
                        + " account lives, and save this connection.",
                "Copy the inbound URL above into the channel's Redirect URL in Usedesk and save the channel.",
                "Press Check connection here: it says how many agents it sees.");
    }

    /** The region picks Usedesk's host; a self-hosted server is the base URL. */
    @Override
    public Set<String> destinationFields() {
        return Set.of(UsedeskSettings.REGION, UsedeskSettings.BASE_URL);
    }

    @Override
    public List<ValidationProblem> validate(ConfigValues config) {
        List<ValidationProblem> problems = new ArrayList<>();
        boolean selfHosted = UsedeskRegion.of(config.text(UsedeskSettings.REGION).orElse("ru")) == UsedeskRegion.CUSTOM;
        if (selfHosted && config.text(UsedeskSettings.BASE_URL).isEmpty()) {
            problems.add(new ValidationProblem(UsedeskSettings.BASE_URL,
                    "Enter the server URL of your self-hosted Usedesk, or choose Russia / International."));
        }
        return problems;
    }

    @Override
    public CheckResult check(ConnectorContext context) {
        UsedeskSettings settings = UsedeskSettings.from(context.config());
        try {
            JsonNode agents = new UsedeskApi(settings, context).call("users", UsedeskApi.body(), "list agents");
            return CheckResult.ok("Authorized: " + agents.size() + " agent" + (agents.size() == 1 ? "" : "s")
                    + " visible");
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach Usedesk at " + settings.baseUrl().getHost()
                    + ": " + e.getMessage());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    /**
     * Ticket fields from {@code /ticket/fields} (see {@link UsedeskFields}). That method lists only the additional
     * fields of tickets; Usedesk documents no method listing client fields, and the connector does not write them.
     */
    @Override
    public List<CustomFieldInfo> customFields(ExternalRef.EntityType entity, ConnectorContext context) {
        if (entity != ExternalRef.EntityType.TICKET) {
            throw new PermanentVendorException("Usedesk lists ticket fields only (its /ticket/fields method): "
                    + entity.name().toLowerCase(java.util.Locale.ROOT) + " fields cannot be listed");
        }
        return new UsedeskFields(UsedeskApi.of(context)).ticketFields();
    }

    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        String expected = context.config().requireText(UsedeskSettings.API_TOKEN);
        SharedSecret.require(expected, UsedeskWebhook.secret(request).orElse(null), "'secret' field");
    }

    /** Stored without the body's {@code secret}: Usedesk sends the connection's API token there. */
    @Override
    public InboundRequest withoutProof(InboundRequest verified) {
        return verified.withoutBodyFields("secret");
    }

    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return UsedeskWebhook.keys(request);
    }

    /** Parses the three webhook kinds of the API channel; see {@link UsedeskEvents}. */
    @Override
    public ParsedEvents<HelpdeskEvent> parse(InboundRequest request, ConnectorContext context) {
        return UsedeskEvents.parse(request);
    }

    /**
     * Every agent: {@code /users} lists one {@code user_type} at a time and only {@code employee} when none is given
     * (README, "Vendor facts"), so it is asked once per type and the answers merged by id.
     */
    @Override
    public List<Agent> listAgents(ConnectorContext context) {
        UsedeskApi api = UsedeskApi.of(context);
        Map<String, Agent> byId = new LinkedHashMap<>();
        for (String type : USER_TYPES) {
            ObjectNode body = UsedeskApi.body();
            body.put("user_type", type);
            for (JsonNode agent : api.call("users", body, "list agents")) {
                String id = agent.path("id").asText();
                byId.putIfAbsent(id, new Agent(id, agent.path("name").asText(""), agent.path("email").asText(null),
                        true));
            }
        }
        return List.copyOf(byId.values());
    }

    @Override
    public Optional<Client> findClientByPhone(String phone, ConnectorContext context) {
        return clients(context).findByPhone(phone);
    }

    @Override
    public Optional<Client> findClientByEmail(String email, ConnectorContext context) {
        return clients(context).findByEmail(email);
    }

    @Override
    public Client createClient(ClientDraft draft, ConnectorContext context) {
        return clients(context).create(draft);
    }

    @Override
    public void updateClient(String clientId, ClientDraft changes, ConnectorContext context) {
        clients(context).update(clientId, changes);
    }

    @Override
    public List<Ticket> findTickets(TicketQuery query, ConnectorContext context) {
        return tickets(context).find(query);
    }

    @Override
    public Optional<Ticket> findTicketByExternalId(String externalId, String clientId, ConnectorContext context) {
        return tickets(context).findByExternalId(externalId, clientId);
    }

    @Override
    public Ticket createTicket(TicketDraft draft, ConnectorContext context) {
        return tickets(context).create(draft);
    }

    @Override
    public ExternalRef addComment(String ticketId, CommentDraft comment, ConnectorContext context) {
        return tickets(context).comment(ticketId, comment);
    }

    @Override
    public List<io.switchboard.spi.helpdesk.TicketComment> listComments(String ticketId, int limit,
                                                                     ConnectorContext context) {
        return tickets(context).listComments(ticketId, limit);
    }

    @Override
    public Optional<ExternalRef> findComment(String ticketId, CommentDraft draft, ConnectorContext context) {
        return tickets(context).findComment(ticketId, draft);
    }

    @Override
    public void updateTicket(String ticketId, TicketUpdate update, ConnectorContext context) {
        tickets(context).update(ticketId, update);
    }

    /** The ten fixed statuses of every Usedesk account; no call is made. */
    @Override
    public List<TicketStatusOption> ticketStatuses(ConnectorContext context) {
        return UsedeskMapping.STATUSES;
    }

    private static UsedeskClients clients(ConnectorContext context) {
        return new UsedeskClients(UsedeskApi.of(context));
    }

    private static UsedeskTickets tickets(ConnectorContext context) {
        return new UsedeskTickets(UsedeskApi.of(context));
    }
}
