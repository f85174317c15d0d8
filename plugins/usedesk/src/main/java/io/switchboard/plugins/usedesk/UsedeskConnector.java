package io.switchboard.plugins.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ExternalRef;
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
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.helpdesk.TicketUpdate;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Usedesk helpdesk connector (vendors/usedesk.md). Every API method is a POST with {@code api_token} in the JSON
 * body; errors come as {@code {"error": …}} with HTTP 200 or 4xx, so both are checked.
 *
 * <p>Implemented now: settings, {@link #check} (via {@code /users}, the cheapest authenticated read),
 * {@link #listAgents}, webhook {@link #verify} (the {@code secret} field, compared in constant time; Usedesk signs
 * nothing) and {@link #keys}. Client and ticket operations and webhook parsing arrive with the call-to-ticket flow
 * (issue #6) and until then fail with a permanent "not supported yet" error.
 */
@Extension
public class UsedeskConnector implements HelpdeskConnector {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("usedesk", ConnectorKind.HELPDESK,
            "Usedesk", "Usedesk helpdesk: clients, tickets and comments through the API channel.",
            Set.of(Capability.EXTERNAL_IDS, Capability.PRIVATE_COMMENTS, Capability.TICKET_TYPES,
                    Capability.CUSTOM_FIELDS, Capability.HELPDESK_EVENTS),
            UsedeskSettings.SCHEMA);

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
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
            JsonNode agents = call(settings, "users", JSON.createObjectNode(), "list agents", context);
            return CheckResult.ok("Authorized: " + agents.size() + " agent" + (agents.size() == 1 ? "" : "s")
                    + " visible");
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach Usedesk at " + settings.baseUrl().getHost()
                    + ": " + e.getMessage());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        String expected = context.config().requireText(UsedeskSettings.API_TOKEN);
        String given = UsedeskWebhook.secret(request).orElseThrow(() ->
                WebhookRejectedException.unauthorized("the request has no 'secret' field"));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw WebhookRejectedException.unauthorized("the 'secret' field does not match the API token");
        }
    }

    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return UsedeskWebhook.keys(request);
    }

    @Override
    public List<Agent> listAgents(ConnectorContext context) {
        JsonNode agents = call(UsedeskSettings.from(context.config()), "users", JSON.createObjectNode(),
                "list agents", context);
        List<Agent> result = new ArrayList<>();
        for (JsonNode agent : agents) {
            result.add(new Agent(agent.path("id").asText(), agent.path("name").asText(""),
                    agent.path("email").asText(null), true));
        }
        return result;
    }

    @Override
    public Optional<Client> findClientByPhone(String phone, ConnectorContext context) {
        throw notYet("finding a client by phone");
    }

    @Override
    public Optional<Client> findClientByEmail(String email, ConnectorContext context) {
        throw notYet("finding a client by e-mail");
    }

    @Override
    public Client createClient(ClientDraft draft, ConnectorContext context) {
        throw notYet("creating a client");
    }

    @Override
    public void updateClient(String clientId, ClientDraft changes, ConnectorContext context) {
        throw notYet("updating a client");
    }

    @Override
    public List<Ticket> findTickets(TicketQuery query, ConnectorContext context) {
        throw notYet("finding tickets");
    }

    @Override
    public Optional<Ticket> findTicketByExternalId(String externalId, String clientId, ConnectorContext context) {
        throw notYet("finding a ticket by additional_id");
    }

    @Override
    public Ticket createTicket(TicketDraft draft, ConnectorContext context) {
        throw notYet("creating a ticket");
    }

    @Override
    public ExternalRef addComment(String ticketId, CommentDraft comment, ConnectorContext context) {
        throw notYet("adding a comment");
    }

    @Override
    public void updateTicket(String ticketId, TicketUpdate update, ConnectorContext context) {
        throw notYet("updating a ticket");
    }

    @Override
    public List<TicketStatusOption> ticketStatuses(ConnectorContext context) {
        throw notYet("listing ticket statuses");
    }

    private static PermanentVendorException notYet(String operation) {
        return new PermanentVendorException("Usedesk connector: " + operation
                + " is not supported yet (planned in issue #6)");
    }

    /**
     * Calls an API method. Usedesk reports errors as an {@code error} object with HTTP 200 or with a 4xx/5xx.
     *
     * @throws TransientVendorException on 429/5xx/timeouts
     * @throws PermanentVendorException on a refused token (401/403, or an error about the token) and other errors
     */
    private static JsonNode call(UsedeskSettings settings, String method, ObjectNode body, String what,
                                 ConnectorContext context) {
        body.put("api_token", settings.apiToken());
        VendorResponse response = context.http().send(
                VendorRequest.json("POST", settings.method(method), body.toString()));
        if (response.status() == 401 || response.status() == 403) {
            throw refused(errorText(response).orElse("HTTP " + response.status()));
        }
        response.requireSuccess(what);
        Optional<String> error = errorText(response);
        if (error.isPresent()) {
            if (error.get().toLowerCase(java.util.Locale.ROOT).contains("token")) {
                throw refused(error.get());
            }
            throw new PermanentVendorException("Could not " + what + ": Usedesk said \"" + error.get() + "\"");
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PermanentVendorException("Could not " + what + ": Usedesk answered something that is not JSON");
        }
    }

    private static PermanentVendorException refused(String detail) {
        return new PermanentVendorException("Usedesk refused the API token (" + detail + ")");
    }

    private static Optional<String> errorText(VendorResponse response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return node != null && node.has("error") ? Optional.of(node.path("error").asText()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
