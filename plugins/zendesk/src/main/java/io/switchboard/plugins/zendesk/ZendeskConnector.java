package io.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.switchboard.spi.helpdesk.Agent;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.CustomFieldInfo;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.helpdesk.Organization;
import io.switchboard.spi.helpdesk.OrganizationDraft;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.helpdesk.TicketUpdate;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Zendesk Support helpdesk connector, built for Ringostat → Zendesk (calls to clients, organizations, tickets;
 * smart routing; caller cards). Zendesk facts it relies on: README, "Vendor facts".
 *
 * <p>Authorization is HTTP Basic with {@code {agent e-mail}/token} and the API token against the portal
 * {@code https://{subdomain}.zendesk.com/api/v2/} ({@link ZendeskSettings}); calls and their error classification
 * are in {@link ZendeskApi}; users (clients and agents) in {@link ZendeskUsers}; organizations in
 * {@link ZendeskOrganizations}; tickets and comments in {@link ZendeskTickets}; custom-field lists in
 * {@link ZendeskFields}; the fixed status / priority / type tables in {@link ZendeskMapping}. {@link #check} reads
 * {@code /api/v2/users/me}. Webhooks are verified by Zendesk's HMAC signature when a signing secret is configured
 * ({@link ZendeskWebhook}) and parsed by {@link ZendeskEvents}.
 *
 * <p>Capabilities: organizations, custom fields (ticket fields by id, user and organization fields by key), ticket
 * types, external ids (the ticket's {@code external_id}), private comments (internal notes) and helpdesk events.
 */
@Extension
public class ZendeskConnector implements HelpdeskConnector {

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("zendesk", ConnectorKind.HELPDESK,
            "Zendesk", "Zendesk Support: clients, organizations, tickets and comments through the Zendesk API.",
            Set.of(Capability.ORGANIZATIONS, Capability.CUSTOM_FIELDS, Capability.TICKET_TYPES,
                    Capability.EXTERNAL_IDS, Capability.PRIVATE_COMMENTS, Capability.HELPDESK_EVENTS,
                    Capability.COMMENT_LOOKUP),
            ZendeskSettings.SCHEMA);

    /** Zendesk's API token and its webhook (README, "Webhooks"). */
    @Override
    public List<String> setupSteps() {
        return List.of(
                "In Zendesk Admin Center open Apps and integrations → Zendesk API, enable token access and add an API"
                        + " token; enter it here with your Zendesk address and the e-mail you sign in with, and save.",
                "In Admin Center open Apps and integrations → Webhooks and create a webhook: endpoint = the inbound URL"
                        + " above, method POST, format JSON.",
                "Subscribe it to the Zendesk events Ticket created, Ticket status changed, Ticket agent assignment"
                        + " changed and Ticket comment added.",
                "Reveal the webhook's signing secret and copy it into this connection's Webhook signing secret; save.");
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Zendesk's limit is per account and depends on the plan ("Rate limits": Team 200, Growth and Professional 400,
     * Enterprise 700, Enterprise Plus 2 500 requests a minute): the lowest, Team's, is the default, so no plan is
     * overrun. A tenant may set a lower limit on the connection.
     */
    @Override
    public Optional<RequestRateLimit> requestRateLimit() {
        return Optional.of(RequestRateLimit.perMinute(200));
    }

    /** The portal names the host the API token goes to. */
    @Override
    public Set<String> destinationFields() {
        return Set.of(ZendeskSettings.PORTAL);
    }

    /** The portal must be a subdomain or an https address (see {@link ZendeskSettings#portalUrl}). */
    @Override
    public List<ValidationProblem> validate(ConfigValues config) {
        List<ValidationProblem> problems = new ArrayList<>();
        Optional<String> portal = config.text(ZendeskSettings.PORTAL);
        if (portal.isPresent() && ZendeskSettings.portalUrl(portal.get()).isEmpty()) {
            problems.add(new ValidationProblem(ZendeskSettings.PORTAL,
                    "Enter your Zendesk address, like https://acme.zendesk.com, or just the subdomain: acme"));
        }
        return problems;
    }

    /**
     * {@code GET /api/v2/users/me}: "Authorized as Name (admin)". Zendesk answers an anonymous user (no id) rather
     * than an error in some cases ([inf]), and an end user's credentials cannot manage tickets; both are failures.
     */
    @Override
    public CheckResult check(ConnectorContext context) {
        ZendeskSettings settings;
        try {
            settings = ZendeskSettings.from(context.config());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
        try {
            JsonNode me = new ZendeskApi(settings, context).get("users/me", "check the credentials").path("user");
            if (ZendeskMapping.idText(me.path("id")) == null) {
                return CheckResult.failed("Zendesk did not recognise the agent e-mail and API token (it answered as"
                        + " an anonymous user)");
            }
            String role = me.path("role").asText("");
            String name = me.path("name").asText("");
            if (!"agent".equals(role) && !"admin".equals(role)) {
                return CheckResult.failed("Signed in to Zendesk as " + name + ", but this user is "
                        + (role.isEmpty() ? "not an agent" : "an " + role) + ": use an agent's or admin's e-mail");
            }
            return CheckResult.ok("Authorized as " + name + " (" + role + ") at " + settings.host());
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach Zendesk at " + settings.host() + ": " + e.getMessage());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    /** See {@link ZendeskWebhook#verify}: HMAC signature when a signing secret is configured, else accepted. */
    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        ZendeskWebhook.verify(request, context.config().text(ZendeskSettings.WEBHOOK_SECRET).map(String::trim)
                .filter(s -> !s.isEmpty()).orElse(null));
    }

    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return ZendeskWebhook.keys(request);
    }

    /** See {@link ZendeskEvents}. */
    @Override
    public ParsedEvents<HelpdeskEvent> parse(InboundRequest request, ConnectorContext context) {
        return ZendeskEvents.parse(request);
    }

    @Override
    public Optional<Client> findClientByPhone(String phone, ConnectorContext context) {
        return users(context).findByPhone(phone);
    }

    @Override
    public Optional<Client> findClientByEmail(String email, ConnectorContext context) {
        return users(context).findByEmail(email);
    }

    @Override
    public Client createClient(ClientDraft draft, ConnectorContext context) {
        return users(context).create(draft);
    }

    @Override
    public void updateClient(String clientId, ClientDraft changes, ConnectorContext context) {
        users(context).update(clientId, changes);
    }

    @Override
    public Optional<Organization> findOrganization(String nameOrPhone, ConnectorContext context) {
        return new ZendeskOrganizations(ZendeskApi.of(context)).find(nameOrPhone);
    }

    @Override
    public Organization createOrganization(OrganizationDraft draft, ConnectorContext context) {
        return new ZendeskOrganizations(ZendeskApi.of(context)).create(draft);
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
    public Optional<ExternalRef> findComment(String ticketId, CommentDraft draft, ConnectorContext context) {
        return tickets(context).findComment(ticketId, draft);
    }

    @Override
    public void updateTicket(String ticketId, TicketUpdate update, ConnectorContext context) {
        tickets(context).update(ticketId, update);
    }

    @Override
    public List<Agent> listAgents(ConnectorContext context) {
        return users(context).agents();
    }

    /** The six fixed Zendesk statuses (new, open, pending, hold, solved, closed); no call is made. */
    @Override
    public List<TicketStatusOption> ticketStatuses(ConnectorContext context) {
        return ZendeskMapping.STATUSES;
    }

    @Override
    public List<CustomFieldInfo> customFields(ExternalRef.EntityType entity, ConnectorContext context) {
        return new ZendeskFields(ZendeskApi.of(context)).list(entity);
    }

    private static ZendeskUsers users(ConnectorContext context) {
        return new ZendeskUsers(ZendeskApi.of(context));
    }

    private static ZendeskTickets tickets(ConnectorContext context) {
        return new ZendeskTickets(ZendeskApi.of(context));
    }
}
