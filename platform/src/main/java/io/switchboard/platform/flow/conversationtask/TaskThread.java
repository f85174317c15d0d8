package io.switchboard.platform.flow.conversationtask;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.ConnectorGate;
import io.switchboard.platform.flow.FlowClaims;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.platform.flow.FlowRun;
import io.switchboard.platform.flow.FlowTemplates;
import io.switchboard.spi.Capability;
import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.channel.Contact;
import io.switchboard.spi.channel.Visit;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A conversation's contact and task in the task system (CP1–CP3, CP7): found through the links, else made once —
 * safe to repeat (docs/flows.md, "Conversations and tasks"). One instance per event.
 */
final class TaskThread {

    static final String LINK_CONVERSATION_TASK = "conversation-task";
    static final String LINK_CONVERSATION_TASK_INTENT = "conversation-task-intent";
    static final String LINK_TASK_CONVERSATION = "task-conversation";
    static final String LINK_CONVERSATION_CONTACT = "conversation-contact";
    static final String LINK_CONTACT_TASK = "contact-task";
    static final String LINK_CLIENT = "client";
    static final String LINK_CONTACT_ACTION = "contact-action";
    static final String TASK_KEY_PREFIX = "sb-conv-";
    /** Statuses change seldom; a flow asks for them on many events. */
    static final Duration STATUSES_KEPT = Duration.ofMinutes(2);

    private final ConversationTaskOptions options;
    private final FlowLinks links;
    private final FlowClaims claims;
    private final Activity activity;
    private final ConnectorGate<ChannelConnector> chat;
    private final ConnectorGate<HelpdeskConnector> tasks;
    private final Echoes echoes;

    TaskThread(ConversationTaskOptions options, FlowRun run) {
        this.options = options;
        this.links = run.links();
        this.claims = run.claims();
        this.activity = run.activity();
        this.chat = run.source(ChannelConnector.class);
        this.tasks = run.target(HelpdeskConnector.class);
        this.echoes = new Echoes(links);
    }

    /** @return the conversation's task, if it has one */
    Optional<String> taskOf(String conversationId) {
        return links.find(LINK_CONVERSATION_TASK, conversationId);
    }

    /**
     * The conversation's task: linked, else the contact's active task (with "only if no active task"), else a new
     * one from the template with the client as counterparty and the visit in its text.
     *
     * @param visit what the chat told of the visitor's session, or {@code null} when the chat's start was not
     *              received
     */
    String ensureTask(String conversationId, Contact contact, Visit visit, String conversationUrl) {
        Optional<String> linked = taskOf(conversationId);
        if (linked.isPresent()) {
            return linked.get();
        }
        String contactId = ensureContact(conversationId, contact);
        Map<String, String> variables = variables(conversationId, contact, visit, conversationUrl);
        if (visit == null) {
            activity.note("The start of conversation " + conversationId + " was not received: the task is made "
                    + "from its first message, without the visit's details.");
        }
        String taskId = options.onlyIfNoActive() ? activeTaskOf(contactId).orElse(null) : null;
        if (taskId != null) {
            activity.note("Contact " + contactId + " has an active task " + taskId + ": conversation "
                    + conversationId + " continues it.");
        } else {
            taskId = createTask(conversationId, contactId, variables).id();
        }
        links.record(LINK_CONVERSATION_TASK, conversationId, taskId);
        links.record(LINK_TASK_CONVERSATION, taskId, conversationId);
        links.recordNow(LINK_CONTACT_TASK, contactId, taskId);
        contactAction(conversationId, contactId, variables);
        return taskId;
    }

    private Ticket createTask(String conversationId, String contactId, Map<String, String> variables) {
        String key = TASK_KEY_PREFIX + conversationId;
        if (links.find(LINK_CONVERSATION_TASK_INTENT, conversationId).isPresent()
                && tasks.supports(Capability.EXTERNAL_IDS)) {
            Optional<Ticket> earlier = tasks.call((t, ctx) -> t.findTicketByExternalId(key, contactId, ctx));
            if (earlier.isPresent()) {
                activity.note("Task " + earlier.get().id() + " was made for conversation " + conversationId
                        + " by an earlier attempt; not made again.");
                return earlier.get();
            }
        }
        String subject = FlowTemplates.render("task title", options.subjectTemplate(),
                ConversationTaskOptions.DEFAULT_SUBJECT, variables, activity::note);
        String text = FlowTemplates.renderText("task text", options.textTemplate(),
                ConversationTaskOptions.DEFAULT_TEXT, variables, activity::note);
        if (!options.extraEmployees().isEmpty() && !tasks.supports(Capability.PARTICIPANTS)) {
            activity.note(tasks.descriptor().displayName() + " cannot add further employees to a task; only the"
                    + " template's assignees are on it.");
        }
        TicketDraft draft = TicketDraft.builder(subject.isEmpty() ? "Chat " + conversationId : subject).body(text)
                .clientId(contactId).participantIds(options.extraEmployees()).templateId(options.taskTemplate())
                .externalId(key).build();
        links.recordNow(LINK_CONVERSATION_TASK_INTENT, conversationId, key);
        Ticket task = tasks.call((t, ctx) -> t.createTicket(draft, ctx));
        // The task's first text may come back as a comment event: it is the flow's own, not the client's.
        echoes.expect("task " + task.id(), text, "task-text");
        activity.created("Task", task.id(), task.url());
        return task;
    }

    /** The conversation's contact: linked, else the one with the client's e-mail, else a new one. */
    String ensureContact(String conversationId, Contact contact) {
        Optional<String> linked = links.find(LINK_CONVERSATION_CONTACT, conversationId);
        if (linked.isPresent()) {
            return linked.get();
        }
        String email = contact == null || contact.email() == null || contact.email().isBlank() ? null
                : contact.email().trim();
        if (email != null) {
            Optional<String> byEmail = contactWithEmail(email);
            if (byEmail.isPresent()) {
                links.record(LINK_CONVERSATION_CONTACT, conversationId, byEmail.get());
                return byEmail.get();
            }
        }
        String name = contact == null || contact.name() == null || contact.name().isBlank()
                ? "Visitor " + (contact == null || contact.id() == null ? conversationId : contact.id())
                : contact.name().trim();
        String phone = contact == null || contact.phone() == null || contact.phone().isBlank() ? null
                : contact.phone().trim();
        // The channel's id of the contact goes along as the client's outside id: a helpdesk that keys users by it
        // (Deskie's custom channels for live chats, plugins/deskie/README.md) makes a user of the channel from it.
        String channelId = contact == null || contact.id() == null || contact.id().isBlank() ? null
                : contact.id().trim();
        Client created = tasks.call((t, ctx) -> t.createClient(new ClientDraft(name,
                email == null ? List.of() : List.of(email), phone == null ? List.of() : List.of(phone), null,
                Map.of(), channelId, options.contactTemplate()), ctx));
        if (email != null) {
            links.record(LINK_CLIENT, email.toLowerCase(Locale.ROOT), created.id());
        }
        links.recordNow(LINK_CONVERSATION_CONTACT, conversationId, created.id());
        activity.created("Contact", created.id(), created.url());
        return created.id();
    }

    /**
     * The contact with this e-mail: linked, else the task system's; holds the e-mail so that two conversations of
     * one new client do not both make a contact.
     */
    Optional<String> contactWithEmail(String email) {
        String key = email.toLowerCase(Locale.ROOT);
        Optional<String> linked = links.find(LINK_CLIENT, key);
        if (linked.isPresent()) {
            return linked;
        }
        claims.hold(LINK_CLIENT, key);
        Optional<Client> found = tasks.call((t, ctx) -> t.findClientByEmail(email, ctx));
        found.ifPresent(c -> {
            links.record(LINK_CLIENT, key, c.id());
            activity.note("Contact " + c.id() + " has e-mail " + email + ".");
        });
        return found.map(Client::id);
    }

    /** @return the contact's newest task in an active status, holding the contact while the caller decides */
    Optional<String> activeTaskOf(String contactId) {
        claims.hold("task", contactId);
        Set<String> active = statuses().stream().filter(s -> s.meaning() != null && s.meaning().active())
                .map(TicketStatusOption::id).collect(Collectors.toSet());
        if (active.isEmpty()) {
            return Optional.empty();
        }
        return tasks.call((t, ctx) -> t.findTickets(new TicketQuery(contactId, active, 1), ctx)).stream()
                .findFirst().map(Ticket::id);
    }

    /** The status id meaning "completed": the option, else the closed status, else the resolved one. */
    Optional<String> completedStatus() {
        if (options.completedStatus() != null) {
            return Optional.of(options.completedStatus());
        }
        List<TicketStatusOption> statuses = statuses();
        return statuses.stream().filter(s -> s.meaning() == io.switchboard.spi.helpdesk.TicketStatus.CLOSED)
                .findFirst().or(() -> statuses.stream()
                        .filter(s -> s.meaning() == io.switchboard.spi.helpdesk.TicketStatus.RESOLVED).findFirst())
                .map(TicketStatusOption::id);
    }

    private List<TicketStatusOption> statuses() {
        return tasks.cached("ticket-statuses", STATUSES_KEPT, (t, ctx) -> t.ticketStatuses(ctx));
    }

    /** CP7: once per conversation, an action with the visitor's OS, browser and IP on the contact. */
    private void contactAction(String conversationId, String contactId, Map<String, String> variables) {
        if (!options.contactAction() || links.find(LINK_CONTACT_ACTION, conversationId).isPresent()) {
            return;
        }
        if (!tasks.supports(Capability.CLIENT_NOTES)) {
            activity.note(tasks.descriptor().displayName() + " cannot add actions to a contact; none was added.");
            return;
        }
        String text = FlowTemplates.render("contact action", options.actionTemplate(),
                ConversationTaskOptions.DEFAULT_ACTION, variables, activity::note);
        try {
            tasks.call((t, ctx) -> {
                t.addClientNote(contactId, text, ctx);
                return null;
            });
            links.record(LINK_CONTACT_ACTION, conversationId, contactId);
        } catch (PermanentVendorException e) {
            activity.note("The action on contact " + contactId + " was refused: " + e.getMessage());
        }
    }

    Map<String, String> variables(String conversationId, Contact contact, Visit visit, String conversationUrl) {
        Map<String, String> v = new LinkedHashMap<>();
        String name = contact == null || contact.name() == null || contact.name().isBlank()
                ? "Visitor " + (contact == null || contact.id() == null ? conversationId : contact.id())
                : contact.name().trim();
        v.put("name", name);
        String subject = contact == null ? null : contact.attributes().get("subject");
        v.put("subject", subject == null || subject.isBlank() ? "Chat with " + name : subject.strip());
        v.put("email", contact == null ? "" : nz(contact.email()));
        v.put("phone", contact == null ? "" : nz(contact.phone()));
        v.put("city", visit == null ? "" : nz(visit.city()));
        v.put("pages", visit == null ? "" : String.join(", ", visit.pages()));
        v.put("source", visit == null ? "" : nz(visit.trafficSource()));
        v.put("device", visit == null ? "" : nz(visit.device()));
        v.put("os", visit == null ? "" : nz(visit.os()));
        v.put("browser", visit == null ? "" : nz(visit.browser()));
        v.put("ip", visit == null ? "" : nz(visit.ip()));
        v.put("conversation_id", conversationId);
        v.put("conversation_url", nz(conversationUrl));
        v.put("chat", chat.connectionName());
        return v;
    }

    ConnectorGate<HelpdeskConnector> tasks() {
        return tasks;
    }

    ConnectorGate<ChannelConnector> chat() {
        return chat;
    }

    Echoes echoes() {
        return echoes;
    }

    private static String nz(String s) {
        return s == null ? "" : s.trim();
    }
}
