package io.switchboard.plugins.deskie;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.Capability;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.RequestRateLimit;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Deskie (international brand of Omnidesk) helpdesk connector: Deskie cases are the platform's tickets, users its
 * clients, staff its agents. Built for a customer website ↔ Deskie (issue #18, requirements CW1–CW3): the website's
 * case and its customer's messages go to Deskie through the API; agent replies and the customer's e-mail replies
 * come back by rule webhooks. Deskie facts it relies on: plugins/deskie/README.md, "Vendor facts".
 *
 * <p>API at {@code https://{subdomain}.deskie.io/api/} (or {@code .omnidesk.ru}) with HTTP Basic (agent e-mail + API
 * key) ({@link DeskieSettings}, {@link DeskieApi}); users in {@link DeskieUsers}, cases, messages and notes in
 * {@link DeskieCases}, agents in {@link DeskieStaff}. {@link #check} reads the agent list. Webhooks come from the
 * "Send webhook" action of automation rules with the body the README publishes ({@link DeskieWebhook},
 * {@link DeskieEvents}); Deskie signs nothing, so they are trusted by the connection's unguessable URL, and by a
 * shared {@code secret} when one is configured.
 *
 * <p>Capabilities: external ids (a case custom field, when configured), comment lookup (by text), private comments
 * (notes) and helpdesk events.
 */
@Extension
public class DeskieConnector implements HelpdeskConnector {

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("deskie", ConnectorKind.HELPDESK,
            "Deskie", "Deskie (Omnidesk): cases, users, replies and notes through the Deskie API; agent and customer"
                    + " replies back by rule webhooks.",
            Set.of(Capability.EXTERNAL_IDS, Capability.COMMENT_LOOKUP, Capability.PRIVATE_COMMENTS,
                    Capability.HELPDESK_EVENTS, Capability.COMMENT_LIST),
            DeskieSettings.SCHEMA);

    /**
     * Requests a minute declared to the platform: Deskie's lowest plan allows "up to 50 RPM, but not less than 20
     * RPM" for the whole account, and "write requests (POST, PUT, DELETE) count as 2" ("Introduction"). The platform
     * counts requests, not their weight, so 20 ÷ 2 = 10 keeps any mix of reads and writes under the smallest account's
     * limit. Larger plans (750 / 1 500 RPM) are served by the operator's {@code switchboard.http.rate-limits}
     * (e.g. {@code deskie=300}); a 429 is retried after Deskie's {@code retry_after} either way.
     */
    static final int REQUESTS_PER_MINUTE = 10;

    /** The JSON body the README asks an "agent replied" rule to send (README, "Webhooks"). */
    static final String AGENT_REPLY_BODY = "{\"event\":\"agent_reply\",\"case_id\":\"<case id>\","
            + "\"case_number\":\"<case number>\",\"message\":\"<last reply text>\",\"staff_id\":\"<agent id>\","
            + "\"staff_email\":\"<agent e-mail>\",\"staff_name\":\"<agent name>\",\"date\":\"<date of last reply>\"}";

    /** The JSON body the README asks a "customer replied" rule to send (README, "Webhooks"). */
    static final String CUSTOMER_REPLY_BODY = "{\"event\":\"customer_reply\",\"case_id\":\"<case id>\","
            + "\"case_number\":\"<case number>\",\"message\":\"<last message text>\",\"user_id\":\"<user id>\","
            + "\"user_email\":\"<user e-mail>\",\"user_name\":\"<user name>\",\"date\":\"<date of last message>\"}";

    /** The JSON body the README asks a "status changed" rule to send (README, "Webhooks"). */
    static final String STATUS_BODY = "{\"event\":\"status\",\"case_id\":\"<case id>\","
            + "\"case_number\":\"<case number>\",\"status\":\"<case status>\",\"date\":\"<date of change>\"}";

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The API key and the rules that send replies and status changes (README, "Setup in Deskie"). */
    @Override
    public List<String> setupSteps() {
        return List.of(
                "In Deskie open Settings → API, switch the API on and copy the API key; enter it here with your"
                        + " Deskie address and the e-mail of the agent the key belongs to (best a separate agent for"
                        + " the integration), and save.",
                "In Settings → Rules add a rule for updated cases with the condition \"a reply from an agent was"
                        + " added\" and the action \"Send webhook\": method POST, the inbound URL above, content type"
                        + " JSON, body " + AGENT_REPLY_BODY + " — put each <…> value in with the variable picker.",
                "Add a second rule for updated cases with the condition \"a reply from the customer was added\" and"
                        + " channel e-mail, with the same action and the body " + CUSTOMER_REPLY_BODY,
                "Optional: a third rule on a status change with the body " + STATUS_BODY,
                "Optional: add \"secret\":\"<a random text>\" to every body (or an X-Webhook-Secret header) and enter"
                        + " the same text here as Webhook secret.",
                "For a live chat on your site: make a custom channel (Settings → Channels → Custom channel) and"
                        + " enter its id here as Custom channel for live chats; chat visitors then become users of"
                        + " that channel and their cases chats of it, not e-mails.");
    }

    /** See {@link #REQUESTS_PER_MINUTE}. */
    @Override
    public Optional<RequestRateLimit> requestRateLimit() {
        return Optional.of(RequestRateLimit.perMinute(REQUESTS_PER_MINUTE));
    }

    /** The account names the host the API key goes to. */
    @Override
    public Set<String> destinationFields() {
        return Set.of(DeskieSettings.ACCOUNT);
    }

    /** The account must be a subdomain or an https address (see {@link DeskieSettings#accountUrl}). */
    @Override
    public List<ValidationProblem> validate(ConfigValues config) {
        List<ValidationProblem> problems = new ArrayList<>();
        Optional<String> account = config.text(DeskieSettings.ACCOUNT);
        if (account.isPresent() && DeskieSettings.accountUrl(account.get()).isEmpty()) {
            problems.add(new ValidationProblem(DeskieSettings.ACCOUNT,
                    "Enter your Deskie address, like https://acme.deskie.io, or just the subdomain: acme"));
        }
        return problems;
    }

    /**
     * {@code GET /api/staff.json} (one page): "Authorized at acme.deskie.io as agent@acme.test: 3 agents", failing
     * when the configured e-mail is not among the account's agents (when the whole list was read).
     */
    @Override
    public CheckResult check(ConnectorContext context) {
        DeskieSettings settings;
        try {
            settings = DeskieSettings.from(context.config());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
        try {
            DeskieApi api = new DeskieApi(settings, context);
            JsonNode answer = api.get("staff.json?page=1&limit=" + DeskieApi.PAGE_SIZE, "check the API key");
            List<JsonNode> staff = DeskieApi.items(answer, "staff");
            long total = answer.path("total_count").asLong(staff.size());
            boolean complete = total <= staff.size();
            boolean found = staff.stream().anyMatch(s -> settings.staffEmail()
                    .equalsIgnoreCase(String.valueOf(DeskieText.text(s.path("staff_email")))));
            if (complete && !found) {
                return CheckResult.failed("Authorized at " + settings.host() + ", but no agent has the e-mail "
                        + settings.staffEmail() + " among the " + total + " agents");
            }
            return CheckResult.ok("Authorized at " + settings.host() + " as " + settings.staffEmail() + ": " + total
                    + " agent" + (total == 1 ? "" : "s"));
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach Deskie at " + settings.host() + ": " + e.getMessage());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    /** See {@link DeskieWebhook#verify}: a shared secret when configured, else the unguessable URL alone. */
    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        DeskieWebhook.verify(request, context.config().text(DeskieSettings.WEBHOOK_SECRET).map(String::trim)
                .filter(s -> !s.isEmpty()).orElse(null));
    }

    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return DeskieWebhook.keys(request);
    }

    /** The shared secret is proof, not data: stored without it (query, body field and header). */
    @Override
    public InboundRequest withoutProof(InboundRequest verified) {
        InboundRequest stripped = verified.withoutQueryParameters("secret").withoutBodyFields("secret");
        if (stripped.header(DeskieWebhook.SECRET_HEADER).isEmpty()) {
            return stripped;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(stripped.headers());
        headers.remove(DeskieWebhook.SECRET_HEADER);
        return new InboundRequest(stripped.method(), headers, stripped.query(), stripped.body(),
                stripped.receivedAt());
    }

    /** See {@link DeskieEvents}. */
    @Override
    public ParsedEvents<HelpdeskEvent> parse(InboundRequest request, ConnectorContext context) {
        return DeskieEvents.parse(request, context.config().text(DeskieSettings.STAFF_EMAIL).map(String::trim)
                .filter(s -> !s.isEmpty()).orElse(null));
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
    public List<Ticket> findTickets(TicketQuery query, ConnectorContext context) {
        return cases(context).find(query);
    }

    @Override
    public Optional<Ticket> findTicketByExternalId(String externalId, String clientId, ConnectorContext context) {
        return cases(context).findByExternalId(externalId, clientId);
    }

    @Override
    public Ticket createTicket(TicketDraft draft, ConnectorContext context) {
        return cases(context).create(draft);
    }

    @Override
    public ExternalRef addComment(String ticketId, CommentDraft comment, ConnectorContext context) {
        return cases(context).comment(ticketId, comment);
    }

    /** See {@link DeskieCases#listComments}. */
    @Override
    public List<io.switchboard.spi.helpdesk.TicketComment> listComments(String ticketId, int limit,
                                                                     ConnectorContext context) {
        return cases(context).listComments(ticketId, limit);
    }

    /** By text: see {@link DeskieCases#findComment}. */
    @Override
    public Optional<ExternalRef> findComment(String ticketId, CommentDraft draft, ConnectorContext context) {
        return cases(context).findComment(ticketId, draft);
    }

    @Override
    public void updateTicket(String ticketId, TicketUpdate update, ConnectorContext context) {
        cases(context).update(ticketId, update);
    }

    @Override
    public List<Agent> listAgents(ConnectorContext context) {
        return new DeskieStaff(DeskieApi.of(context)).list();
    }

    /** Deskie's three fixed statuses; no call is made. */
    @Override
    public List<TicketStatusOption> ticketStatuses(ConnectorContext context) {
        return DeskieCases.STATUSES;
    }

    private static DeskieUsers users(ConnectorContext context) {
        return new DeskieUsers(DeskieApi.of(context));
    }

    private static DeskieCases cases(ConnectorContext context) {
        return new DeskieCases(DeskieApi.of(context));
    }
}
