package io.switchboard.spi.helpdesk;

import io.switchboard.spi.Capability;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.config.Choice;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.List;
import java.util.Optional;

/**
 * A helpdesk or task system (Usedesk, Zendesk, Deskie, Planfix…). Tasks of task systems are modelled as tickets;
 * their contacts as clients.
 *
 * <p>Lookups return what the vendor has now; the platform decides what to create. Creation methods must be safe to
 * call again after a crash: when {@link Capability#EXTERNAL_IDS} is declared, store the draft's
 * {@code externalId} at the vendor so {@link #findTicketByExternalId} finds it.
 *
 * <p>Optional operations (organizations, custom fields, templates, webhooks) are called only when the matching
 * {@link Capability} is declared; their default implementations throw {@link PermanentVendorException}.
 */
public interface HelpdeskConnector extends Connector {

    /** @return the client whose phone matches (digits compared), most recently active first; empty when none */
    Optional<Client> findClientByPhone(String phone, ConnectorContext context);

    /** @return the client with this e-mail (exact, case-insensitive); empty when none */
    Optional<Client> findClientByEmail(String email, ConnectorContext context);

    /** Creates a client (contact) and returns it with its vendor id. */
    Client createClient(ClientDraft draft, ConnectorContext context);

    /** Updates a client's name, e-mails, phones, organization or custom fields (only the non-null parts). */
    void updateClient(String clientId, ClientDraft changes, ConnectorContext context);

    /**
     * @return the client's tickets whose vendor status id is in {@code query.statusIds()} (all when empty), most
     *         recent first
     */
    List<Ticket> findTickets(TicketQuery query, ConnectorContext context);

    /**
     * Finds the ticket created earlier with this idempotency key (see {@link Capability#EXTERNAL_IDS}), so that a
     * retry after a crash between "created at the vendor" and "recorded by the platform" does not create it twice.
     *
     * @param externalId the key the draft carried
     * @param clientId   the client the ticket was created for, or {@code null}; vendors that cannot search by
     *                   external id alone (Usedesk keeps {@code additional_id} but does not filter by it) look
     *                   among this client's tickets
     * @return the ticket, or empty when none carries the key
     */
    Optional<Ticket> findTicketByExternalId(String externalId, String clientId, ConnectorContext context);

    /** Creates a ticket (task) and returns it with its vendor id and link. */
    Ticket createTicket(TicketDraft draft, ConnectorContext context);

    /** Adds a comment (public reply or internal note) to a ticket. */
    ExternalRef addComment(String ticketId, CommentDraft comment, ConnectorContext context);

    /**
     * Finds the comment added earlier from this draft, so that a retry after a lost answer (the vendor stored the
     * comment, the platform never heard back) does not add it a second time; only with
     * {@link Capability#COMMENT_LOOKUP}. The platform asks only when an earlier attempt may have added it, so a
     * lookup that reads the ticket's comments is affordable.
     *
     * <p>Match by what the vendor keeps: the draft's {@code externalId} where {@link #addComment} could store it
     * (Zendesk: audit metadata), else the comment's text (Usedesk). Matching by text cannot tell two comments with
     * the same text apart; say so in the plugin's README.
     *
     * @param ticketId the ticket the comment was added to
     * @param draft    the draft the earlier attempt sent, unchanged
     * @return the comment, or empty when the ticket has none made from this draft
     * @since 1.3
     */
    default Optional<ExternalRef> findComment(String ticketId, CommentDraft draft, ConnectorContext context) {
        throw unsupported("comment lookup");
    }

    /**
     * Reads a ticket's comments, for a channel that shows the customer their thread (a website's personal account);
     * only with {@link Capability#COMMENT_LIST}.
     *
     * @param limit at most this many, the newest
     * @return the comments, oldest first
     * @since 1.3
     */
    default List<TicketComment> listComments(String ticketId, int limit, ConnectorContext context) {
        throw unsupported("reading comments");
    }

    /** Changes assignee, status, priority, tags or custom fields of a ticket (only the non-null parts). */
    void updateTicket(String ticketId, TicketUpdate update, ConnectorContext context);

    /** @return the agents (employees) of the account, for assignment and for mapping to PBX extensions */
    List<Agent> listAgents(ConnectorContext context);

    /** @return the ticket statuses of the account with their neutral meaning, for "search in statuses" options */
    List<TicketStatusOption> ticketStatuses(ConnectorContext context);

    /** Options source of the account's ticket statuses, offered by every helpdesk (flows' status filters). */
    String STATUSES = "statuses";
    /** Options source of the account's active agents, offered by every helpdesk (assignees, extension tables). */
    String AGENTS = "agents";

    /**
     * Answers the standard sources {@value #STATUSES} and {@value #AGENTS} from {@link #ticketStatuses} and
     * {@link #listAgents} (active agents only); an implementation adding sources of its own should fall back to
     * this. A vendor that cannot be reached gives no choices rather than an error (the form then takes typed ids).
     */
    @Override
    default List<Choice> options(String source, ConnectorContext context) {
        try {
            if (STATUSES.equals(source)) {
                return ticketStatuses(context).stream().map(s -> Choice.of(s.id(), s.label())).toList();
            }
            if (AGENTS.equals(source)) {
                return listAgents(context).stream().filter(Agent::active)
                        .map(a -> {
                            String name = a.name() == null || a.name().isBlank() ? a.id() : a.name();
                            return Choice.of(a.id(), a.email() == null || a.email().isBlank() ? name
                                    : name + " <" + a.email() + ">");
                        }).toList();
            }
        } catch (io.switchboard.spi.error.ConnectorException e) {
            context.log().log(System.Logger.Level.INFO, "options '" + source + "' unavailable: " + e.getMessage());
        }
        return List.of();
    }

    /** @return the organization with this name or phone; only with {@link Capability#ORGANIZATIONS} */
    default Optional<Organization> findOrganization(String nameOrPhone, ConnectorContext context) {
        throw unsupported("organizations");
    }

    /** Creates an organization; only with {@link Capability#ORGANIZATIONS}. */
    default Organization createOrganization(OrganizationDraft draft, ConnectorContext context) {
        throw unsupported("organizations");
    }

    /** Adds a note (an "action" in task systems) to the client's profile; only with {@link Capability#CLIENT_NOTES}. */
    default void addClientNote(String clientId, String note, ConnectorContext context) {
        throw unsupported("client notes");
    }

    /** @return the custom fields of an entity type; only with {@link Capability#CUSTOM_FIELDS} */
    default List<CustomFieldInfo> customFields(ExternalRef.EntityType entity, ConnectorContext context) {
        throw unsupported("custom fields");
    }

    /** Parses the helpdesk's webhook; only with {@link Capability#HELPDESK_EVENTS}. Deterministic, no network calls. */
    default ParsedEvents<HelpdeskEvent> parse(InboundRequest request, ConnectorContext context) {
        throw unsupported("webhooks");
    }

    private PermanentVendorException unsupported(String what) {
        return new PermanentVendorException(descriptor().displayName() + " connector does not support " + what);
    }
}
