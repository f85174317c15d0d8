package io.switchboard.platform.flow.chatcommand;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.ConnectorGate;
import io.switchboard.platform.flow.FlowClaims;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.platform.flow.FlowRun;
import io.switchboard.platform.flow.FlowTemplates;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.Contact;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketPriority;
import io.switchboard.spi.helpdesk.TicketType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one operator's command does: refuse it with a note in the conversation (no text, no e-mail), or find or create
 * the client by the lead's e-mail, create the ticket, then tell the chat and write the lead note. Each effect is made
 * at most once per command, however often the command is delivered or retried (docs/flows.md, "Exactly once"): the
 * ticket by its intent link and the helpdesk's external id {@code sb-chat-<message id>}, the messages by their links.
 */
final class TicketFromCommand {

    static final String LINK_CLIENT = "client";
    static final String LINK_TICKET = "command-ticket";
    static final String LINK_TICKET_INTENT = "command-ticket-intent";
    static final String LINK_REFUSAL = "command-refusal";
    static final String LINK_BOT_REPLY = "command-bot-reply";
    static final String LINK_LEAD_NOTE = "command-lead-note";
    /** Ticket id → conversation id: how a helpdesk event finds its conversation. */
    static final String LINK_TICKET_CONVERSATION = "ticket-conversation";
    /** Ticket id → "number url": what later messages say without asking the helpdesk again. */
    static final String LINK_TICKET_FACTS = "ticket-facts";

    static final String TICKET_EXTERNAL_PREFIX = "sb-chat-";

    private final ChannelEvent.SlashCommand command;
    private final ChatCommandOptions options;
    private final FlowLinks links;
    private final FlowClaims claims;
    private final Activity activity;
    private final ConnectorGate<ChannelConnector> chat;
    private final ConnectorGate<HelpdeskConnector> helpdesk;
    private final String key;

    TicketFromCommand(ChannelEvent.SlashCommand command, ChatCommandOptions options, FlowRun run) {
        this.command = command;
        this.options = options;
        this.links = run.links();
        this.claims = run.claims();
        this.activity = run.activity();
        this.chat = run.source(ChannelConnector.class);
        this.helpdesk = run.target(HelpdeskConnector.class);
        this.key = command.eventId();
    }

    void handle() {
        if (command.argument().isBlank()) {
            refuse("No ticket was created: write the ticket's text after /" + options.command() + ", e.g. /"
                    + options.command() + " The client cannot sign in.", "the command has no text");
            return;
        }
        Optional<Contact> lead = lead();
        if (lead.isEmpty()) {
            refuse("No ticket was created: the conversation's lead could not be found in "
                    + chat.descriptor().displayName() + ".", "the lead was not found");
            return;
        }
        String email = lead.get().email();
        Optional<String> done = links.find(LINK_TICKET, key);
        if (done.isEmpty() && (email == null || email.isBlank())) {
            refuse("No ticket was created: the lead has no e-mail. Add the e-mail to the lead's card and send the "
                    + "command again.", "the lead has no e-mail");
            return;
        }
        Map<String, String> variables = leadVariables(lead.get());
        Ticket ticket;
        if (done.isPresent()) {
            activity.note("The ticket of this command exists already: " + done.get());
            ticket = known(done.get());
        } else {
            ticket = ticket(client(lead.get(), email.trim()), lead.get(), variables);
        }
        afterCreation(ticket, lead.get(), variables);
    }

    /** @return a ticket this flow created, as far as its links tell (number and link) */
    private Ticket known(String ticketId) {
        String[] facts = links.find(LINK_TICKET_FACTS, ticketId).orElse(ticketId).split(" ", 2);
        return new Ticket(ticketId, facts[0], null, null, null, null, null, null,
                facts.length > 1 && !facts[1].isBlank() ? facts[1] : null, null);
    }

    private Optional<Contact> lead() {
        if (!chat.supports(Capability.CONTACT_LOOKUP)) {
            return Optional.ofNullable(command.contact());
        }
        String id = command.contact() == null ? null : command.contact().id();
        return chat.call((c, ctx) -> c.findContact(id, command.conversationId(), ctx));
    }

    /** Tells the operators why nothing was created — once per command. */
    private void refuse(String text, String why) {
        activity.note("No ticket: " + why);
        if (links.find(LINK_REFUSAL, key).isPresent()) {
            return;
        }
        if (!chat.supports(Capability.OPERATOR_ONLY_MESSAGES)) {
            activity.note(chat.descriptor().displayName() + " cannot post a note only operators see, so the operator "
                    + "was not told in the chat");
            return;
        }
        ExternalRef note = chat.call((c, ctx) -> c.postMessage(command.conversationId(),
                new OutgoingMessage(text, true, null, true, "sb-refusal-" + key), ctx));
        links.record(LINK_REFUSAL, key, note.id());
        activity.created("Note in the conversation", note.id(), note.url());
    }

    private String client(Contact lead, String email) {
        String linkKey = email.toLowerCase(Locale.ROOT);
        Optional<String> linked = links.find(LINK_CLIENT, linkKey);
        if (linked.isPresent()) {
            return linked.get();
        }
        // Two commands for one new lead in two conversations: the second waits while this one creates the client.
        claims.hold(LINK_CLIENT, linkKey);
        Optional<Client> found = helpdesk.call((h, ctx) -> h.findClientByEmail(email, ctx));
        if (found.isPresent()) {
            links.record(LINK_CLIENT, linkKey, found.get().id());
            activity.note("Client found by e-mail " + email + ": " + found.get().id());
            return found.get().id();
        }
        String name = lead.name() == null || lead.name().isBlank() ? email : lead.name();
        Client created = helpdesk.call((h, ctx) -> h.createClient(new ClientDraft(name, List.of(email),
                lead.phone() == null ? List.of() : List.of(lead.phone()), null, Map.of(), null), ctx));
        // A new client may not be found by e-mail at once: its link is durable before the next vendor call.
        links.recordNow(LINK_CLIENT, linkKey, created.id());
        activity.created("Client", created.id(), created.url());
        return created.id();
    }

    private Ticket ticket(String clientId, Contact lead, Map<String, String> variables) {
        String externalId = TICKET_EXTERNAL_PREFIX + key;
        if (links.find(LINK_TICKET_INTENT, key).isPresent() && helpdesk.supports(Capability.EXTERNAL_IDS)) {
            Optional<Ticket> earlier = helpdesk.call((h, ctx) -> h.findTicketByExternalId(externalId, clientId, ctx));
            if (earlier.isPresent()) {
                activity.note("An earlier attempt created the ticket already: " + earlier.get().id());
                recordTicket(earlier.get());
                return earlier.get();
            }
        }
        String subject = FlowTemplates.render("ticket subject", options.subjectTemplate(),
                ChatCommandOptions.DEFAULT_SUBJECT, variables, activity::note);
        if (subject.isBlank()) {
            subject = FlowTemplates.render("ticket subject", ChatCommandOptions.DEFAULT_SUBJECT,
                    ChatCommandOptions.DEFAULT_SUBJECT, variables, activity::note);
        }
        TicketDraft draft = TicketDraft.builder(subject).body(command.argument()).clientId(clientId)
                .type(TicketType.QUESTION).priority(TicketPriority.NORMAL).customFields(customFields(lead))
                .externalId(externalId).build();
        links.recordNow(LINK_TICKET_INTENT, key, "1");
        Ticket created = helpdesk.call((h, ctx) -> h.createTicket(draft, ctx));
        recordTicket(created);
        activity.created("Ticket", created.id(), created.url());
        return created;
    }

    private void recordTicket(Ticket ticket) {
        links.recordNow(LINK_TICKET, key, ticket.id());
        links.record(LINK_TICKET_CONVERSATION, ticket.id(), command.conversationId());
        links.record(LINK_TICKET_FACTS, ticket.id(), ticket.number() + " " + (ticket.url() == null ? ""
                : ticket.url()));
    }

    /** The conversation and lead links (or ids) in the ticket fields named by the options, found by name. */
    private Map<String, String> customFields(Contact lead) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (!options.conversationField().isEmpty()) {
            wanted.put(options.conversationField(), command.conversationUrl() != null ? command.conversationUrl()
                    : command.conversationId());
        }
        if (!options.leadField().isEmpty() && lead.id() != null) {
            wanted.put(options.leadField(), lead.url() != null ? lead.url() : lead.id());
        }
        return NamedTicketFields.ids(wanted, helpdesk, activity);
    }

    private void afterCreation(Ticket ticket, Contact lead, Map<String, String> leadVariables) {
        Map<String, String> variables = new LinkedHashMap<>(leadVariables);
        variables.put("ticket_id", ticket.id());
        variables.put("ticket_number", ticket.number());
        variables.put("ticket_url", ticket.url() == null ? "" : ticket.url());
        variables.put("helpdesk", helpdesk.descriptor().displayName());
        if (options.botReply() && links.find(LINK_BOT_REPLY, key).isEmpty()) {
            boolean operatorsOnly = !options.botReplyPublic();
            if (operatorsOnly && !chat.supports(Capability.OPERATOR_ONLY_MESSAGES)) {
                activity.note(chat.descriptor().displayName() + " cannot post a note only operators see: the"
                        + " message about the ticket was not sent");
            } else {
                String text = FlowTemplates.render("chat message", options.botReplyTemplate(),
                        ChatCommandOptions.DEFAULT_BOT_REPLY, variables, activity::note);
                ExternalRef reply = chat.call((c, ctx) -> c.postMessage(command.conversationId(),
                        new OutgoingMessage(text, operatorsOnly, null, true, "sb-reply-" + key), ctx));
                links.record(LINK_BOT_REPLY, key, reply.id());
                activity.created(operatorsOnly ? "Note in the conversation" : "Reply in the conversation",
                        reply.id(), reply.url());
            }
        }
        String leadId = lead.id();
        if (options.leadNote() && leadId != null && links.find(LINK_LEAD_NOTE, key).isEmpty()) {
            if (!chat.supports(Capability.CONTACT_NOTES)) {
                activity.note(chat.descriptor().displayName() + " cannot write notes on a lead: no lead note");
                return;
            }
            String text = FlowTemplates.render("lead note", options.leadNoteTemplate(),
                    ChatCommandOptions.DEFAULT_LEAD_NOTE, variables, activity::note);
            chat.call((c, ctx) -> {
                c.addContactNote(leadId, text, ctx);
                return null;
            });
            links.record(LINK_LEAD_NOTE, key, leadId);
            activity.note("Note written on lead " + leadId);
        }
    }

    private Map<String, String> leadVariables(Contact lead) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("name", lead.name() == null || lead.name().isBlank() ? "Anonymous" : lead.name());
        variables.put("email", lead.email() == null ? "" : lead.email());
        String site = lead.attributes().getOrDefault("site", command.site());
        variables.put("site", site == null ? "" : site);
        variables.put("text", command.argument());
        variables.put("conversation_id", command.conversationId());
        variables.put("lead_id", lead.id() == null ? "" : lead.id());
        return variables;
    }
}
