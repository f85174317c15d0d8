package io.switchboard.plugins.planfix;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Planfix task-system connector: Planfix tasks are the platform's tickets, contacts its clients, employees its
 * agents. Built for chat → Planfix (a conversation becomes a task from a template, its client a contact from a
 * template; messages become comments and comments go back to the chat). Planfix facts it relies on:
 * plugins/planfix/README.md, "Vendor facts".
 *
 * <p>REST API v2 at {@code https://{account}.planfix.com/rest/} with a Bearer token ({@link PlanfixSettings},
 * {@link PlanfixApi}); contacts in {@link PlanfixContacts}, tasks and comments in {@link PlanfixTasks}, employees in
 * {@link PlanfixEmployees}, statuses in {@link PlanfixStatuses}. {@link #check} reads the task templates. Webhooks
 * come from an automatic scenario's HTTP request whose body the README publishes ({@link PlanfixWebhook},
 * {@link PlanfixEvents}); Planfix signs nothing, so they are trusted by the connection's unguessable URL, and by a
 * shared {@code secret} when one is configured.
 *
 * <p>Capabilities: task and contact templates, participants, client notes (comments on the contact's card),
 * external ids (the task's {@code sourceObjectId}, and a custom field when configured), private comments (hidden
 * comments) and helpdesk events.
 */
@Extension
public class PlanfixConnector implements HelpdeskConnector {

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("planfix", ConnectorKind.HELPDESK,
            "Planfix", "Planfix: tasks from templates, contacts, comments and employees through the Planfix REST API.",
            Set.of(Capability.TASK_TEMPLATES, Capability.PARTICIPANTS, Capability.CLIENT_NOTES,
                    Capability.EXTERNAL_IDS, Capability.PRIVATE_COMMENTS, Capability.HELPDESK_EVENTS),
            PlanfixSettings.SCHEMA);

    /** The JSON body the README asks the Planfix scenario to send for a new comment (README, "Webhooks"). */
    static final String COMMENT_BODY = "{\"event\":\"comment\",\"task\":\"{{Задача.Номер}}\","
            + "\"comment_id\":\"{{Комментарий.Номер}}\",\"text\":\"{{Комментарий.Текст}}\","
            + "\"author_id\":\"{{Комментарий.Автор.Номер}}\",\"author_name\":\"{{Комментарий.Автор}}\","
            + "\"author_email\":\"{{Комментарий.Автор.Email}}\",\"date\":\"{{Комментарий.Дата}}\"}";

    /** The JSON body the README asks the Planfix scenario to send for a status change (README, "Webhooks"). */
    static final String STATUS_BODY = "{\"event\":\"status\",\"task\":\"{{Задача.Номер}}\","
            + "\"status\":\"{{Задача.Статус}}\",\"date\":\"{{Системные.Сейчас}}\"}";

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The token, and the scenario that sends comments and status changes (README, "Setup in Planfix"). */
    @Override
    public List<String> setupSteps() {
        return List.of(
                "In Planfix open Account management → API access → REST API and add a token for a robot employee"
                        + " (or an administrator) with the scopes for tasks, contacts, comments and employees; enter"
                        + " it here with your Planfix address, the task and contact template numbers, and save.",
                "In Account management → Task processes open the process of your task template and add an automatic"
                        + " scenario on the event \"Comment added\"; add the condition \"author is not\" the"
                        + " token's employee, so Switchboard's own comments are not sent back.",
                "Give it the action \"Send HTTP request\": method POST, the inbound URL above, data as JSON: "
                        + COMMENT_BODY,
                "Optional, for status changes: a second scenario on \"Status changed\" with the same action and the"
                        + " data " + STATUS_BODY,
                "Optional: add \"secret\":\"<a random text>\" to both bodies and enter the same text here as Webhook"
                        + " secret.");
    }

    /**
     * Planfix documents "1 request per second" for every account, besides a daily quota by plan (20 / 50 / 100
     * thousand requests; page "REST API: Введение"). The per-second limit is declared; the daily quota shows up as
     * error code 22, a transient failure ({@link PlanfixApi}).
     */
    @Override
    public Optional<RequestRateLimit> requestRateLimit() {
        return Optional.of(RequestRateLimit.perSecond(1));
    }

    /** The account names the host the token goes to. */
    @Override
    public Set<String> destinationFields() {
        return Set.of(PlanfixSettings.ACCOUNT);
    }

    /** The account must be an account name or an https address (see {@link PlanfixSettings#accountUrl}). */
    @Override
    public List<ValidationProblem> validate(ConfigValues config) {
        List<ValidationProblem> problems = new ArrayList<>();
        Optional<String> account = config.text(PlanfixSettings.ACCOUNT);
        if (account.isPresent() && PlanfixSettings.accountUrl(account.get()).isEmpty()) {
            problems.add(new ValidationProblem(PlanfixSettings.ACCOUNT,
                    "Enter your Planfix address, like https://acme.planfix.com, or just the account name: acme"));
        }
        return problems;
    }

    /**
     * {@code GET /task/templates}: "Authorized at acme.planfix.com: 3 task templates visible", and a failure when the
     * configured task template is not among them (when the list is complete).
     */
    @Override
    public CheckResult check(ConnectorContext context) {
        PlanfixSettings settings;
        try {
            settings = PlanfixSettings.from(context.config());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
        try {
            JsonNode templates = new PlanfixApi(settings, context)
                    .get("task/templates?offset=0&pageSize=100&fields=id,name", "check the API token")
                    .path("templates");
            int count = templates.size();
            String wanted = settings.taskTemplateId();
            if (wanted != null && count < PlanfixApi.PAGE_SIZE) {
                boolean found = false;
                for (JsonNode template : templates) {
                    found |= wanted.equals(PlanfixText.text(template.path("id")));
                }
                if (!found) {
                    return CheckResult.failed("Authorized at " + settings.host() + ", but task template " + wanted
                            + " is not among the " + count + " task templates the token's employee sees");
                }
            }
            return CheckResult.ok("Authorized at " + settings.host() + ": " + count + " task template"
                    + (count == 1 ? "" : "s") + " visible");
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach Planfix at " + settings.host() + ": " + e.getMessage());
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    /** See {@link PlanfixWebhook#verify}: a shared secret when configured, else the unguessable URL alone. */
    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        PlanfixWebhook.verify(request, context.config().text(PlanfixSettings.WEBHOOK_SECRET).map(String::trim)
                .filter(s -> !s.isEmpty()).orElse(null));
    }

    @Override
    public InboundKeys keys(InboundRequest request, ConnectorContext context) {
        return PlanfixWebhook.keys(request);
    }

    /** The shared secret is proof, not data: stored without it. */
    @Override
    public InboundRequest withoutProof(InboundRequest verified) {
        return verified.withoutQueryParameters("secret").withoutBodyFields("secret");
    }

    /** See {@link PlanfixEvents}. */
    @Override
    public ParsedEvents<HelpdeskEvent> parse(InboundRequest request, ConnectorContext context) {
        String integrationUser;
        try {
            integrationUser = context.config().number(PlanfixSettings.INTEGRATION_USER).map(String::valueOf)
                    .orElse(null);
        } catch (NumberFormatException e) {
            integrationUser = null;
        }
        return PlanfixEvents.parse(request, integrationUser);
    }

    @Override
    public Optional<Client> findClientByPhone(String phone, ConnectorContext context) {
        return contacts(context).findByPhone(phone);
    }

    @Override
    public Optional<Client> findClientByEmail(String email, ConnectorContext context) {
        return contacts(context).findByEmail(email);
    }

    @Override
    public Client createClient(ClientDraft draft, ConnectorContext context) {
        return contacts(context).create(draft);
    }

    @Override
    public void updateClient(String clientId, ClientDraft changes, ConnectorContext context) {
        contacts(context).update(clientId, changes);
    }

    /** A comment on the contact's card ({@code POST /contact/{id}/comments/}). */
    @Override
    public void addClientNote(String clientId, String note, ConnectorContext context) {
        contacts(context).addNote(clientId, note);
    }

    @Override
    public List<Ticket> findTickets(TicketQuery query, ConnectorContext context) {
        return tasks(context).find(query);
    }

    @Override
    public Optional<Ticket> findTicketByExternalId(String externalId, String clientId, ConnectorContext context) {
        return tasks(context).findByExternalId(externalId, clientId);
    }

    @Override
    public Ticket createTicket(TicketDraft draft, ConnectorContext context) {
        return tasks(context).create(draft);
    }

    @Override
    public ExternalRef addComment(String ticketId, CommentDraft comment, ConnectorContext context) {
        return tasks(context).comment(ticketId, comment);
    }

    @Override
    public void updateTicket(String ticketId, TicketUpdate update, ConnectorContext context) {
        tasks(context).update(ticketId, update);
    }

    @Override
    public List<Agent> listAgents(ConnectorContext context) {
        return new PlanfixEmployees(PlanfixApi.of(context)).list();
    }

    @Override
    public List<TicketStatusOption> ticketStatuses(ConnectorContext context) {
        return PlanfixStatuses.list(PlanfixApi.of(context));
    }

    private static PlanfixContacts contacts(ConnectorContext context) {
        return new PlanfixContacts(PlanfixApi.of(context));
    }

    private static PlanfixTasks tasks(ConnectorContext context) {
        return new PlanfixTasks(PlanfixApi.of(context));
    }
}
