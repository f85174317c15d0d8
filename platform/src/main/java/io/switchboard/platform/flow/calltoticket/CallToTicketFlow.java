package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.platform.flow.FlowRun;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.Organization;
import io.switchboard.spi.helpdesk.OrganizationDraft;
import io.switchboard.spi.helpdesk.Ticket;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketQuery;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.helpdesk.TicketUpdate;
import io.switchboard.spi.telephony.CallAttributes;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import io.switchboard.spi.telephony.CallStatus;
import io.switchboard.spi.telephony.Employee;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The call-to-ticket flow (CT1–CT11; seed 002, Sipuni → Usedesk, but any telephony connector feeds any helpdesk
 * connector): what happens in the helpdesk for each call event. The platform's pipeline parses each stored call
 * webhook with the telephony connector and calls {@link #handle} once per {@link CallEvent}, in order per call,
 * with a {@link FlowRun} carrying the options ({@link #optionsSchema()}), the helpdesk, the links and the activity
 * record. Plain Java: no container needed, one instance serves every tenant and thread (it keeps no state).
 *
 * <h2>What a call does</h2>
 * A call produces several events (rings, answer, transfers, end). For each one:
 * <ol>
 *   <li><b>Internal calls</b> (employee to employee) are ignored: there is no client.</li>
 *   <li><b>Scheme filter</b> (CT10). With "all schemes" every call is processed (the seed: "All" applies whatever
 *       else is chosen). With "only listed schemes" a call is processed when an event names a listed scheme, or —
 *       for the schemes listed for transfers — when the call is transferred to one: a {@link CallPhase#TRANSFERRED}
 *       event in that scheme, an event whose {@link CallAttributes#TRANSFER_SCHEME} names it, or an event in that
 *       scheme after the call was first seen in another one (how Sipuni reports a call moving from a distributor
 *       scheme). Once admitted, a call is followed to its end whatever scheme its later events name. Skipped
 *       events get a note.</li>
 *   <li><b>The number</b> (CT11) is read with libphonenumber (region from the options, default RU) and written in
 *       the chosen format; a number that cannot be read is kept as its digits, with a note. A call without a
 *       client number (hidden caller ID) is skipped with a note: there is nothing to find or link it by.</li>
 *   <li><b>Client and ticket, once per call</b> (CT2–CT5), on the first processed event of the call — normally the
 *       first ring — so the ticket exists while the phone rings, and a call whose final event never arrives (a
 *       known Sipuni quirk) is not lost. The client is looked up by number (the flow's own links first, then the
 *       helpdesk), created when none has it and "create client" is on. The ticket is the client's most recent one
 *       in the selected statuses (none selected: the helpdesk's active statuses); with "new ticket on every call",
 *       or when there is none, a new one is created (status New, the chosen type and priority, subject and tags
 *       from the templates, mapped custom fields, the client linked) when "create ticket" is on.</li>
 *   <li><b>Organization, once per call</b> (CT2, seed 004), with "create organization" on and a helpdesk that
 *       declares {@link Capability#ORGANIZATIONS} (otherwise a note), between client and ticket: a client already in
 *       an organization keeps it and nothing is created; a client in none is put in the organization named by the
 *       template (default the number) — found by that name, else created with the number and the mapped custom
 *       fields. New tickets get the organization; existing tickets are left as they are. A client known only from
 *       a link is looked up by number again, since someone may have moved it; when the helpdesk cannot find it
 *       (and no link says which organization the flow put it in), nothing is created or linked. No client, no
 *       organization.</li>
 *   <li><b>Responsible agent</b> (CT9) of a ticket created for this call: the agent of the employee who answered;
 *       for an outgoing call the employee who called; while nobody is known yet (an incoming call still ringing),
 *       the fallback agent. When the call is answered the ticket moves to the answering agent. When an incoming
 *       call ends missed, the ticket goes to the on-duty agent — or, with "first employee the call rang to", to
 *       that employee's agent (the on-duty agent when that employee has no agent). Tickets that already existed
 *       keep their responsible agent: the seed speaks of <em>new</em> contacts.</li>
 *   <li><b>When the call ends</b> (CT6–CT8): a ticket created for this call gets its responsible agent as above,
 *       the tags rendered again (so {@code {{status}}} can add "missed") and the mapped custom fields that are known
 *       only now (duration, recording…); then the call-details comment (direction, status, date and time, duration,
 *       employee, scheme, recording link) is added to the call's ticket, internal or public as chosen.</li>
 * </ol>
 *
 * <h2>Exactly-once effect</h2>
 * The pipeline runs an event again after a transient failure or a crash; every step is safe to repeat:
 * <ul>
 *   <li>client: links {@code call-client} (call → client) and {@code client} (number → client), then the
 *       helpdesk's search by number, before creating; both links are written durably right after creating. The links
 *       matter: a client stored as {@code +7 916 123-45-67} (international or national format) is not found again
 *       by a digits search at Usedesk.</li>
 *   <li>organization: {@code call-organization} (call → organization) ends the step; it is recorded only after
 *       the client is linked, so a retry after a crash in between links it again. The organization itself: link
 *       {@code organization} (lower-case name → id), then the helpdesk's search by name, before creating; the link
 *       is written durably right after creating (a new organization may not be found by name at once: search
 *       indexes lag). {@code client-organization} (client → organization) remembers what the flow linked, for a
 *       client the helpdesk's search does not find again. Linking a client again to the same organization is
 *       harmless.</li>
 *   <li>ticket: link {@code call-ticket} first. Just before creating, the flow records an intent
 *       ({@code call-ticket-intent}); only when a later attempt finds that intent without {@code call-ticket} does
 *       it ask the helpdesk for the ticket by external id ({@code sb-call-<call id>}, Usedesk's
 *       {@code additional_id}). Asking only then matters: Usedesk cannot filter by {@code additional_id}, so the
 *       connector reads each of the client's recent tickets — hundreds of calls for a busy client if done on every
 *       call. The intent is written durably before the creation; {@code call-ticket} and
 *       {@code call-ticket-created} are recorded after it and written when the event's run ends (a crash before
 *       that is covered by the intent).</li>
 *   <li>assignment and tag/field updates repeat harmlessly (same values); the last assignee is remembered in
 *       {@code call-assignee} so an unchanged one is not sent again.</li>
 *   <li>comment: link {@code call-comment} (call → comment id) is checked before adding and recorded right after
 *       (written when the run ends; the intent {@code call-comment-intent} is written durably before adding).
 *       <b>Remaining window:</b> if the helpdesk stores the comment but the flow never learns it — a crash between
 *       the vendor's answer and recording the link, or an answer lost to a timeout after the vendor stored the
 *       comment — the retry adds the comment a second time. It cannot be closed with today's SPI: Usedesk's
 *       {@code /create/comment} takes no idempotency key, and {@code HelpdeskConnector} offers no way to read a
 *       ticket's comments back. The flow chooses at-least-once because a duplicated internal note is visible and
 *       harmless, while at-most-once could silently lose the call's details; an intent link
 *       ({@code call-comment-intent}) makes the retry say in the activity log that the comment may appear twice.
 *       The draft carries {@code sb-call-comment-<call id>} as external id for connectors that can store one.</li>
 *   <li>client creation has the same kind of window when the number is stored in a format the helpdesk's phone
 *       search does not match (international / national) and the answer to the creation is lost: Usedesk clients
 *       carry no external id, so the retry cannot find it.</li>
 *   <li>not covered by retries: two <em>different</em> calls from one new number handled at the same moment (the
 *       pipeline orders events per call, not per number) can both miss the client and both create one.
 *       {@link FlowLinks} has no record-if-absent to arbitrate; ordering call events by client number, or such an
 *       operation, would close it.</li>
 *   <li>a {@code client} link outlives a client deleted or merged in the helpdesk; the ticket creation is then
 *       refused (permanent error, dead letter) until the link is removed. The SPI has no "read client by id" to
 *       check it first.</li>
 * </ul>
 * Transient vendor failures propagate (the pipeline retries the whole event). Permanent failures of the steps
 * that only decorate a ticket after it exists — re-assignment, tags and custom fields when the call ends — are
 * noted and the flow goes on, so a stale agent id in the options does not cost the call its details comment;
 * permanent failures of lookups and creations propagate (the event is dead-lettered and can be replayed).
 *
 * <h2>Links used</h2>
 * {@code client} (number key → client id), {@code organization} (lower-case organization name → id),
 * {@code client-organization} (client id → organization id), and per call id: {@code call-client},
 * {@code call-organization}, {@code call-ticket},
 * {@code call-ticket-created} (set when the ticket was created for this call), {@code call-ticket-intent},
 * {@code call-comment}, {@code call-comment-intent}, {@code call-assignee}, {@code call-tags},
 * {@code call-first-rung} (the first employee the call rang to: {@code ext:201}, {@code email:…} or
 * {@code name:…}), {@code call-first-scheme} and {@code call-admitted} (scheme filter).
 */
@jakarta.enterprise.context.ApplicationScoped
public class CallToTicketFlow implements io.switchboard.platform.flow.FlowType<CallEvent> {

    /** Stable id of the flow; stored with each tenant's flow configuration, so never change it. */
    public static final String ID = "call-to-ticket";
    /** What the tenant sees. */
    public static final String DISPLAY_NAME = "Calls to tickets";
    /** One sentence for the flow catalogue. */
    public static final String DESCRIPTION = "Every call from or to a client finds or creates the client and a "
            + "ticket in the helpdesk and adds the call's details (status, duration, employee, recording) to it.";

    static final String LINK_CLIENT = "client";
    static final String LINK_CALL_CLIENT = "call-client";
    static final String LINK_ORGANIZATION = "organization";
    static final String LINK_CLIENT_ORGANIZATION = "client-organization";
    static final String LINK_CALL_ORGANIZATION = "call-organization";
    static final String LINK_CALL_TICKET = "call-ticket";
    static final String LINK_CALL_TICKET_CREATED = "call-ticket-created";
    static final String LINK_CALL_TICKET_INTENT = "call-ticket-intent";
    static final String LINK_CALL_COMMENT = "call-comment";
    static final String LINK_CALL_COMMENT_INTENT = "call-comment-intent";
    static final String LINK_CALL_ASSIGNEE = "call-assignee";
    static final String LINK_CALL_TAGS = "call-tags";
    static final String LINK_CALL_FIRST_RUNG = "call-first-rung";
    static final String LINK_CALL_FIRST_SCHEME = "call-first-scheme";
    static final String LINK_CALL_ADMITTED = "call-admitted";

    /** Prefix of the idempotency key of a ticket created for a call. */
    static final String TICKET_EXTERNAL_PREFIX = "sb-call-";
    /** Prefix of the idempotency key of an organization created for a number. */
    static final String ORGANIZATION_EXTERNAL_PREFIX = "sb-org-";

    /** Told when what the helpdesk knows of a caller may have changed (the caller directory listens). */
    private final java.util.function.Consumer<CallerChanged> callers;

    @jakarta.inject.Inject
    public CallToTicketFlow(jakarta.enterprise.event.Event<CallerChanged> callers) {
        this(callers::fire);
    }

    /** @param callers told when what the helpdesk knows of a caller may have changed */
    CallToTicketFlow(java.util.function.Consumer<CallerChanged> callers) {
        this.callers = callers;
    }

    /** For CDI's proxy only. */
    protected CallToTicketFlow() {
        this.callers = null;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public io.switchboard.spi.ConnectorKind sourceKind() {
        return io.switchboard.spi.ConnectorKind.TELEPHONY;
    }

    @Override
    public io.switchboard.spi.ConnectorKind targetKind() {
        return io.switchboard.spi.ConnectorKind.HELPDESK;
    }

    @Override
    public Class<CallEvent> eventType() {
        return CallEvent.class;
    }

    /**
     * The options form. Choices from {@code "statuses"} and {@code "agents"} come from the helpdesk connector's
     * {@code options(source, ctx)}. Every template lists {@link CallToTicketOptions#VARIABLES}.
     */
    @Override
    public ConfigSchema optionsSchema() {
        return CallToTicketOptions.SCHEMA;
    }

    /** Rules across options that the schema cannot express (no network calls); empty when acceptable. */
    @Override
    public List<ValidationProblem> validate(ConfigValues options) {
        return CallToTicketOptions.validate(options);
    }

    /**
     * Handles one call event; see the class description. Safe to call again for the same event.
     *
     * @throws io.switchboard.spi.error.TransientVendorException when the helpdesk failed for now (retry the event)
     * @throws PermanentVendorException when a lookup or creation was refused for good (dead letter)
     */
    @Override
    public void handle(CallEvent event, FlowRun run) {
        new Handling(event, run, callers).handle();
    }

    /** A ticket the call's details go to. */
    private record TicketRef(String id, boolean createdForCall) {
    }

    /**
     * The call's client and what this event knows of its organization.
     *
     * @param id                 client id
     * @param organizationKnown  true when the helpdesk just said (found or created now), so {@code organizationId}
     *                           is current; false when the client is known from a link only
     * @param organizationId     the client's organization, or {@code null}
     * @param fromEarlierEvent   the client was settled by an earlier event of this call
     * @param createdNow         this event created the client (so it has no tickets yet)
     */
    private record ClientRef(String id, boolean organizationKnown, String organizationId, boolean fromEarlierEvent,
                             boolean createdNow) {

        static ClientRef linked(String id, boolean fromEarlierEvent) {
            return new ClientRef(id, false, null, fromEarlierEvent, false);
        }
    }

    /** Whether a client's organization is known, and which ({@code null}: none). */
    private record Membership(boolean known, String organizationId) {
    }

    /** A responsible agent and why, for the note. */
    private record Assignment(String agentId, String reason) {
    }

    /** The work for one event; lives for one {@link #handle} call. */
    private static final class Handling {

        private final java.util.function.Consumer<CallerChanged> callers;
        private final CallEvent event;
        private final String callId;
        private final FlowRun run;
        private final FlowLinks links;
        private final Activity activity;
        private final CallToTicketOptions options;
        private final Helpdesk helpdesk;
        private final AgentDirectory agents;
        private CallFacts facts;

        Handling(CallEvent event, FlowRun run, java.util.function.Consumer<CallerChanged> callers) {
            this.callers = callers;
            this.event = event;
            this.callId = event.callId();
            this.run = run;
            this.links = run.links();
            this.activity = run.activity();
            this.options = CallToTicketOptions.from(run.options());
            this.helpdesk = new Helpdesk(run);
            this.agents = new AgentDirectory(options.extensions(), helpdesk);
        }

        void handle() {
            options.fallbacks().forEach(activity::note);
            rememberFirstRung();
            if (event.direction() == CallDirection.INTERNAL) {
                activity.note("Call " + callId + " is internal (between employees): nothing to do in the helpdesk.");
                return;
            }
            if (!admittedByScheme()) {
                return;
            }
            String number = event.clientNumber();
            if (number == null || PhoneNumbers.digits(number).isEmpty()) {
                activity.note("Call " + callId + " has no client number (hidden caller ID?), so there is no client "
                        + "or ticket to link it to; skipped.");
                return;
            }
            PhoneNumbers.Phone phone = PhoneNumbers.read(number, options.phoneRegion(), options.phoneFormat());
            if (!phone.parsed()) {
                activity.note("'" + clip(number) + "' could not be read as a phone number; it is kept as its digits, "
                        + phone.formatted() + ".");
            }
            facts = new CallFacts(event, options, phone, agents, firstRung().orElse(null), run.clock());

            boolean firstOfCall = links.find(LINK_CALL_TICKET, callId).isEmpty();
            TicketRef ticket = links.find(LINK_CALL_TICKET, callId)
                    .map(id -> new TicketRef(id, links.find(LINK_CALL_TICKET_CREATED, callId).isPresent()))
                    .orElseGet(() -> {
                        ClientRef client = ensureClient(phone);
                        String organizationId = ensureOrganization(client, phone);
                        return ensureTicket(client == null ? null : client.id(), organizationId,
                                client != null && client.createdNow());
                    });

            switch (event.phase()) {
                case STARTED -> {
                    // Everything a ring needs happened above: the client and ticket exist.
                }
                case ANSWERED -> {
                    if (ticket != null && ticket.createdForCall()) {
                        assign(ticket, responsible(false));
                    }
                }
                case TRANSFERRED -> activity.note("Call " + callId + " was transferred"
                        + (event.answeredBy() != null ? " by " + agents.describe(event.answeredBy()) : "")
                        + "; the details are added when it ends.");
                case ENDED -> finish(ticket);
            }
            if (firstOfCall || event.phase() == CallPhase.ANSWERED || event.phase() == CallPhase.ENDED) {
                callers.accept(new CallerChanged(run.scope().tenantId(), run.scope().sourceConnectionId(), number)); // client, ticket or assignee may be new: routing answers follow (CT12)
            }
        }

        // ---------------------------------------------------------------- scheme filter (CT10)

        private boolean admittedByScheme() {
            if (!options.onlySelectedSchemes() || links.find(LINK_CALL_ADMITTED, callId).isPresent()) {
                return true;
            }
            String scheme = event.scheme() != null ? event.scheme()
                    : event.attributes().get(CallAttributes.SCHEME_NAME);
            String first = null;
            if (scheme != null) {
                first = links.find(LINK_CALL_FIRST_SCHEME, callId).orElse(null);
                if (first == null) {
                    links.record(LINK_CALL_FIRST_SCHEME, callId, scheme);
                    first = scheme;
                }
                if (options.schemes().contains(CallToTicketOptions.normalizeScheme(scheme))) {
                    links.record(LINK_CALL_ADMITTED, callId, scheme);
                    return true;
                }
            }
            String target = event.attributes().get(CallAttributes.TRANSFER_SCHEME);
            if (target == null && scheme != null && (event.phase() == CallPhase.TRANSFERRED
                    || !CallToTicketOptions.normalizeScheme(first).equals(CallToTicketOptions.normalizeScheme(scheme)))) {
                target = scheme;
            }
            if (target != null && options.transferSchemes().contains(CallToTicketOptions.normalizeScheme(target))) {
                links.record(LINK_CALL_ADMITTED, callId, target);
                activity.note("Call " + callId + " was transferred to scheme '" + target + "', which is selected for "
                        + "transfers: it is processed from now on.");
                return true;
            }
            activity.note(scheme == null
                    ? "Skipped call " + callId + ": the PBX did not name its scheme, and only listed schemes are "
                            + "processed."
                    : "Skipped call " + callId + ": scheme '" + scheme + "' is not selected.");
            return false;
        }

        // ---------------------------------------------------------------- client (CT2, CT5)

        private ClientRef ensureClient(PhoneNumbers.Phone phone) {
            Optional<String> known = links.find(LINK_CALL_CLIENT, callId);
            if (known.isPresent()) {
                return ClientRef.linked(known.get(), true);
            }
            Optional<String> linked = links.find(LINK_CLIENT, phone.key());
            if (linked.isPresent()) {
                links.record(LINK_CALL_CLIENT, callId, linked.get());
                activity.note("Client " + linked.get() + " has number " + phone.formatted() + " (known from an "
                        + "earlier call).");
                return ClientRef.linked(linked.get(), false);
            }
            Optional<Client> found = helpdesk.call((c, ctx) -> c.findClientByPhone(phone.searchable(), ctx));
            if (found.isPresent()) {
                Client client = found.get();
                links.record(LINK_CLIENT, phone.key(), client.id());
                links.record(LINK_CALL_CLIENT, callId, client.id());
                activity.note("Found client '" + client.name() + "' (" + client.id() + ") with number "
                        + phone.formatted() + ".");
                return new ClientRef(client.id(), true, client.organizationId(), false, false);
            }
            if (!options.createClient()) {
                activity.note("No client has number " + phone.formatted() + ", and client creation is off: the "
                        + "ticket gets no client.");
                return null;
            }
            String name = CallTemplates.render("client name", options.clientNameTemplate(),
                    CallToTicketOptions.DEFAULT_CLIENT_NAME, facts.variables(), activity::note);
            if (name.isEmpty()) {
                name = phone.formatted();
            }
            ClientDraft draft = new ClientDraft(name, List.of(), List.of(phone.formatted()), null,
                    customFields(CallToTicketOptions.FieldTarget.CLIENT),
                    "sb-phone-" + PhoneNumbers.digits(phone.searchable()));
            Client client = helpdesk.call((c, ctx) -> c.createClient(draft, ctx));
            // Durable now: a formatted number may not be found again by the helpdesk's search (see above).
            links.record(LINK_CLIENT, phone.key(), client.id());
            links.recordNow(LINK_CALL_CLIENT, callId, client.id());
            activity.created("client", client.id(), client.url());
            activity.note("Created client '" + name + "' with number " + phone.formatted() + ".");
            return new ClientRef(client.id(), true, client.organizationId(), false, true);
        }

        // ---------------------------------------------------------------- organization (CT2)

        /**
         * With "create organization" on and a helpdesk that has organizations: the organization of the call's client
         * — the one it is in, else the one named by the template (found, else created), which the client is then
         * put in. Runs once per call (until {@code call-organization} is recorded, after the client is linked).
         *
         * @return the organization id for a new ticket, or {@code null}
         */
        private String ensureOrganization(ClientRef client, PhoneNumbers.Phone phone) {
            if (!options.createOrganization()) {
                return null;
            }
            Optional<String> known = links.find(LINK_CALL_ORGANIZATION, callId);
            if (known.isPresent()) {
                return known.get();
            }
            if (client == null) {
                activity.note("The call has no client, so no organization is looked up or created.");
                return null;
            }
            if (!helpdesk.supports(Capability.ORGANIZATIONS)) {
                if (!client.fromEarlierEvent()) {
                    activity.note(helpdesk.name() + " has no organizations, so 'Create organization' does nothing; "
                            + "the call is handled without one.");
                }
                return null;
            }
            Membership current = currentOrganization(client, phone);
            if (!current.known()) {
                return null;
            }
            if (current.organizationId() != null) {
                links.record(LINK_CLIENT_ORGANIZATION, client.id(), current.organizationId());
                links.record(LINK_CALL_ORGANIZATION, callId, current.organizationId());
                activity.note("Client " + client.id() + " is already in organization " + current.organizationId()
                        + "; it is used and no organization is created.");
                return current.organizationId();
            }
            String name = CallTemplates.render("organization name", options.organizationNameTemplate(),
                    CallToTicketOptions.DEFAULT_ORGANIZATION_NAME, facts.variables(), activity::note);
            if (name.isEmpty()) {
                name = phone.formatted();
                activity.note("The organization name template gave an empty name; the number " + name
                        + " is used.");
            }
            String organizationId = findOrCreateOrganization(name, phone);
            helpdesk.call((c, ctx) -> {
                c.updateClient(client.id(), new ClientDraft(null, null, null, organizationId, null, null), ctx);
                return null;
            });
            links.record(LINK_CLIENT_ORGANIZATION, client.id(), organizationId);
            links.record(LINK_CALL_ORGANIZATION, callId, organizationId);
            activity.note("Client " + client.id() + " is now in organization '" + name + "' (" + organizationId
                    + ").");
            return organizationId;
        }

        /**
         * @return the client's organization (none: a known membership with a {@code null} id), or an unknown one
         *         when it cannot be told: then nothing is created or linked, so an organization set by hand is not
         *         replaced
         */
        private Membership currentOrganization(ClientRef client, PhoneNumbers.Phone phone) {
            if (client.organizationKnown()) {
                return new Membership(true, client.organizationId());
            }
            // Known from a link only: ask the helpdesk, whose answer is current (someone may have moved the client).
            Optional<Client> fresh = helpdesk.call((c, ctx) -> c.findClientByPhone(phone.searchable(), ctx))
                    .filter(c -> c.id().equals(client.id()));
            if (fresh.isPresent()) {
                return new Membership(true, fresh.get().organizationId());
            }
            Optional<String> linked = links.find(LINK_CLIENT_ORGANIZATION, client.id());
            if (linked.isPresent()) {
                return new Membership(true, linked.get());
            }
            activity.note(helpdesk.name() + " does not find client " + client.id() + " by number " + phone.formatted()
                    + ", so whether it is in an organization cannot be told; no organization is created or linked.");
            return new Membership(false, null);
        }

        /** The organization with this name: linked earlier, found, else created (its link written durably at once). */
        private String findOrCreateOrganization(String name, PhoneNumbers.Phone phone) {
            String key = name.strip().toLowerCase(Locale.ROOT);
            Optional<String> linked = links.find(LINK_ORGANIZATION, key);
            if (linked.isPresent()) {
                activity.note("Organization '" + name + "' (" + linked.get() + ") is known from an earlier call.");
                return linked.get();
            }
            Optional<Organization> found = helpdesk.call((c, ctx) -> c.findOrganization(name, ctx));
            if (found.isPresent()) {
                links.record(LINK_ORGANIZATION, key, found.get().id());
                activity.note("Found organization '" + found.get().name() + "' (" + found.get().id() + ").");
                return found.get().id();
            }
            OrganizationDraft draft = new OrganizationDraft(name, List.of(phone.formatted()),
                    customFields(CallToTicketOptions.FieldTarget.ORGANIZATION),
                    ORGANIZATION_EXTERNAL_PREFIX + PhoneNumbers.digits(phone.searchable()));
            Organization organization = helpdesk.call((c, ctx) -> c.createOrganization(draft, ctx));
            // Durable now: the client is linked to it next, and a retry must not create a second one.
            links.recordNow(LINK_ORGANIZATION, key, organization.id());
            activity.created("organization", organization.id(), organization.url());
            activity.note("Created organization '" + name + "' with number " + phone.formatted() + ".");
            return organization.id();
        }

        // ---------------------------------------------------------------- ticket (CT2–CT6)

        private TicketRef ensureTicket(String clientId, String organizationId, boolean clientCreatedNow) {
            String externalId = TICKET_EXTERNAL_PREFIX + callId;
            if (links.find(LINK_CALL_TICKET_INTENT, callId).isPresent()) {
                if (clientId != null) {
                    Optional<Ticket> earlier = helpdesk.call((c, ctx) ->
                            c.findTicketByExternalId(externalId, clientId, ctx));
                    if (earlier.isPresent()) {
                        Ticket ticket = earlier.get();
                        links.record(LINK_CALL_TICKET, callId, ticket.id());
                        links.record(LINK_CALL_TICKET_CREATED, callId, ticket.id());
                        activity.created("ticket", ticket.id(), ticket.url());
                        activity.note("Ticket " + ticket.number() + " was created for this call by an earlier attempt "
                                + "that stopped midway; it is used, not created again.");
                        return new TicketRef(ticket.id(), true);
                    }
                } else {
                    activity.note("An earlier attempt may have created this call's ticket, but without a client "
                            + helpdesk.name() + " cannot be searched for it; a ticket is created now.");
                }
            }
            if (options.newTicketEveryCall()) {
                activity.note("'Create a new ticket on every call' is on: existing tickets are not searched.");
            } else if (clientId == null) {
                activity.note("Without a client no existing ticket can be looked up.");
            } else if (clientCreatedNow) {
                // A client created a moment ago for this call has no tickets: the search (one helpdesk call per
                // status at Usedesk) would only cost time.
                activity.note("Client " + clientId + " is new, so it has no tickets to search; a ticket is created.");
            } else {
                Optional<TicketRef> existing = existingTicket(clientId);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            if (!options.createTicket()) {
                activity.note("Ticket creation is off, so no ticket was created for call " + callId + ".");
                return null;
            }
            return createTicket(clientId, organizationId, externalId);
        }

        private Optional<TicketRef> existingTicket(String clientId) {
            Set<String> statuses = options.searchStatuses();
            String which = "the selected statuses";
            if (statuses.isEmpty()) {
                List<TicketStatusOption> active = helpdesk.call((c, ctx) -> c.ticketStatuses(ctx)).stream()
                        .filter(s -> s.meaning().active()).toList();
                statuses = active.stream().map(TicketStatusOption::id).collect(Collectors.toCollection(
                        LinkedHashSet::new));
                which = "the open statuses (" + active.stream().map(TicketStatusOption::label)
                        .collect(Collectors.joining(", ")) + "; none is selected in the options)";
                if (statuses.isEmpty()) {
                    activity.note(helpdesk.name() + " names no open ticket statuses, so no existing ticket is "
                            + "searched.");
                    return Optional.empty();
                }
            }
            TicketQuery query = new TicketQuery(clientId, statuses, 1);
            List<Ticket> found = helpdesk.call((c, ctx) -> c.findTickets(query, ctx));
            if (found.isEmpty()) {
                activity.note("Client " + clientId + " has no ticket in " + which + ".");
                return Optional.empty();
            }
            Ticket ticket = found.get(0);
            links.record(LINK_CALL_TICKET, callId, ticket.id());
            activity.note("The call goes to the client's ticket " + ticket.number() + " (status " + ticket.statusId()
                    + ", " + ticket.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "), the most recent "
                    + "one in " + which + "; no new ticket.");
            return Optional.of(new TicketRef(ticket.id(), false));
        }

        private TicketRef createTicket(String clientId, String organizationId, String externalId) {
            Map<String, String> variables = facts.variables();
            String subject = CallTemplates.render("ticket subject", options.subjectTemplate(),
                    CallToTicketOptions.DEFAULT_SUBJECT, variables, activity::note);
            if (subject.isEmpty()) {
                subject = CallTemplates.render("ticket subject", CallToTicketOptions.DEFAULT_SUBJECT,
                        CallToTicketOptions.DEFAULT_SUBJECT, variables, activity::note);
                activity.note("The ticket subject template gave an empty subject; the default was used.");
            }
            List<String> tags = tags();
            Optional<Assignment> assignment = responsible(true);
            boolean types = helpdesk.supports(Capability.TICKET_TYPES);
            TicketDraft draft = new TicketDraft(subject, facts.firstMessage(), !options.publicComment(), clientId,
                    organizationId, types ? options.ticketType() : null, options.ticketPriority(), null, tags,
                    assignment.map(Assignment::agentId).orElse(null), List.of(), null,
                    customFields(CallToTicketOptions.FieldTarget.TICKET), externalId);
            links.recordNow(LINK_CALL_TICKET_INTENT, callId, externalId);
            Ticket ticket = helpdesk.call((c, ctx) -> c.createTicket(draft, ctx));
            links.record(LINK_CALL_TICKET, callId, ticket.id());
            links.record(LINK_CALL_TICKET_CREATED, callId, ticket.id());
            assignment.ifPresent(a -> links.record(LINK_CALL_ASSIGNEE, callId, a.agentId()));
            links.record(LINK_CALL_TAGS, callId, String.join(",", tags));
            activity.created("ticket", ticket.id(), ticket.url());
            activity.note("Created ticket " + ticket.number() + " '" + subject + "'"
                    + (clientId == null ? " without a client" : " for client " + clientId)
                    + (organizationId == null ? "" : " in organization " + organizationId)
                    + assignment.map(a -> ", responsible " + agents.nameOf(a.agentId()) + " (" + a.reason() + ")")
                    .orElse(", no responsible agent (nobody on the call is known and no fallback agent is set)")
                    + ".");
            return new TicketRef(ticket.id(), true);
        }

        private List<String> tags() {
            String rendered = CallTemplates.render("ticket tags", options.tagTemplate(),
                    CallToTicketOptions.DEFAULT_TAG, facts.variables(), activity::note);
            return Arrays.stream(rendered.split(",")).map(String::strip).filter(t -> !t.isEmpty()).distinct()
                    .toList();
        }

        private Map<String, String> customFields(CallToTicketOptions.FieldTarget target) {
            List<CallToTicketOptions.FieldMapping> mappings = options.fieldMappings().stream()
                    .filter(m -> m.target() == target).toList();
            if (mappings.isEmpty()) {
                return Map.of();
            }
            if (!helpdesk.supports(Capability.CUSTOM_FIELDS)) {
                activity.note(helpdesk.name() + " does not support custom fields; the call data mapping is not "
                        + "used.");
                return Map.of();
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (CallToTicketOptions.FieldMapping mapping : mappings) {
                String value = facts.attribute(mapping.attribute());
                if (!value.isEmpty()) {
                    values.put(mapping.fieldId(), value);
                }
            }
            return values;
        }

        // ---------------------------------------------------------------- responsible agent (CT9)

        /**
         * The agent a ticket created for this call should have now, if anyone.
         *
         * @param creating true while the ticket is being created: then, failing everyone else, the fallback agent
         */
        private Optional<Assignment> responsible(boolean creating) {
            Employee answered = event.answeredBy();
            if (answered != null) {
                Optional<String> agent = agents.agentOf(answered);
                if (agent.isPresent()) {
                    return Optional.of(new Assignment(agent.get(), "answered the call"));
                }
                activity.note(agents.describe(answered) + " answered, but is not in the agents table.");
            }
            if (event.direction() == CallDirection.OUTGOING && !event.rang().isEmpty()) {
                Optional<String> agent = agents.agentOf(event.rang().get(0));
                if (agent.isPresent()) {
                    return Optional.of(new Assignment(agent.get(), "made the call"));
                }
                activity.note(agents.describe(event.rang().get(0)) + " made the call, but is not in the agents "
                        + "table.");
            }
            if (event.phase() == CallPhase.ENDED && event.status() == CallStatus.MISSED) {
                if (options.firstRungResponsible()) {
                    Employee first = firstRung().orElseGet(facts::employee);
                    Optional<String> agent = agents.agentOf(first);
                    if (agent.isPresent()) {
                        return Optional.of(new Assignment(agent.get(), "missed call: the first employee the call "
                                + "rang to"));
                    }
                    activity.note("Missed call: the first employee the call rang to"
                            + (first == null ? " is not known" : ", " + agents.describe(first) + ", has no agent")
                            + "; the on-duty agent is responsible instead.");
                }
                if (options.dutyAgent() != null) {
                    return Optional.of(new Assignment(options.dutyAgent(), "missed call: on-duty agent"));
                }
                activity.note("Missed call, but no on-duty agent is set: the ticket keeps its responsible agent.");
            }
            if (creating && options.fallbackAgent() != null) {
                return Optional.of(new Assignment(options.fallbackAgent(), "nobody on the call is known yet: "
                        + "fallback agent"));
            }
            return Optional.empty();
        }

        private void assign(TicketRef ticket, Optional<Assignment> wanted) {
            if (wanted.isEmpty()) {
                return;
            }
            Assignment assignment = wanted.get();
            if (assignment.agentId().equals(links.find(LINK_CALL_ASSIGNEE, callId).orElse(null))) {
                return;
            }
            try {
                helpdesk.call((c, ctx) -> {
                    c.updateTicket(ticket.id(), TicketUpdate.assignee(assignment.agentId()), ctx);
                    return null;
                });
            } catch (PermanentVendorException e) {
                activity.note("Could not make " + agents.nameOf(assignment.agentId()) + " responsible for ticket "
                        + ticket.id() + ": " + e.getMessage());
                return;
            }
            links.record(LINK_CALL_ASSIGNEE, callId, assignment.agentId());
            activity.note("Ticket " + ticket.id() + " is now the responsibility of "
                    + agents.nameOf(assignment.agentId()) + " (" + assignment.reason() + ").");
        }

        // ---------------------------------------------------------------- end of the call (CT6–CT9)

        private void finish(TicketRef ticket) {
            if (ticket == null) {
                activity.note("Call " + callId + " ended " + statusWords() + ", but it has no ticket (none was found "
                        + "and ticket creation is off): its details were not recorded.");
                return;
            }
            if (ticket.createdForCall()) {
                assign(ticket, responsible(false));
                decorate(ticket);
            }
            if (!options.callComment()) {
                activity.note("Call " + callId + " ended " + statusWords() + "; adding call details is off.");
                return;
            }
            Optional<String> done = links.find(LINK_CALL_COMMENT, callId);
            if (done.isPresent()) {
                activity.note("The details of call " + callId + " are already on ticket " + ticket.id()
                        + " (comment " + done.get() + "); not added again.");
                return;
            }
            if (links.find(LINK_CALL_COMMENT_INTENT, callId).isPresent()) {
                activity.note("An earlier attempt to add the details of call " + callId + " stopped midway; they "
                        + "are added now and may appear twice on ticket " + ticket.id() + ".");
            }
            boolean internal = !options.publicComment();
            if (internal && !helpdesk.supports(Capability.PRIVATE_COMMENTS)) {
                activity.note(helpdesk.name() + " does not declare internal notes; the call details are sent as an "
                        + "internal note anyway and the helpdesk decides how to show them.");
            }
            CommentDraft draft = new CommentDraft(facts.details(), internal, null, false,
                    "sb-call-comment-" + callId);
            links.recordNow(LINK_CALL_COMMENT_INTENT, callId, ticket.id());
            ExternalRef comment = helpdesk.call((c, ctx) -> c.addComment(ticket.id(), draft, ctx));
            links.record(LINK_CALL_COMMENT, callId, comment.id());
            activity.created("comment", comment.id(), comment.url());
            activity.note("Added the details of call " + callId + " " + statusWords() + " to ticket " + ticket.id()
                    + (internal ? " as an internal note." : " as a public comment."));
        }

        /** Tags and custom fields known only at the end, for a ticket created for this call. */
        private void decorate(TicketRef ticket) {
            Set<String> earlier = new LinkedHashSet<>();
            links.find(LINK_CALL_TAGS, callId).ifPresent(t -> Arrays.stream(t.split(","))
                    .filter(s -> !s.isBlank()).forEach(earlier::add));
            List<String> tags = new ArrayList<>(tags());
            tags.removeAll(earlier);
            Map<String, String> fields = customFields(CallToTicketOptions.FieldTarget.TICKET);
            if (tags.isEmpty() && fields.isEmpty()) {
                return;
            }
            try {
                helpdesk.call((c, ctx) -> {
                    c.updateTicket(ticket.id(), new TicketUpdate(null, null, null, tags, fields), ctx);
                    return null;
                });
            } catch (PermanentVendorException e) {
                activity.note("Could not add the call's tags and custom fields to ticket " + ticket.id() + ": "
                        + e.getMessage());
                return;
            }
            earlier.addAll(tags);
            links.record(LINK_CALL_TAGS, callId, String.join(",", earlier));
            activity.note("Ticket " + ticket.id() + " updated when the call ended"
                    + (tags.isEmpty() ? "" : ": tags " + String.join(", ", tags))
                    + (fields.isEmpty() ? "" : (tags.isEmpty() ? ": " : "; ") + fields.size() + " custom field"
                    + (fields.size() == 1 ? "" : "s"))
                    + ".");
        }

        // ---------------------------------------------------------------- first employee rung

        /** Remembers the first employee an incoming call rang to (the missed-call option needs it at the end). */
        private void rememberFirstRung() {
            if (event.direction() != CallDirection.INCOMING || event.phase() != CallPhase.STARTED
                    || event.rang().isEmpty() || links.find(LINK_CALL_FIRST_RUNG, callId).isPresent()) {
                return;
            }
            Employee employee = event.rang().get(0);
            String encoded = employee.extension() != null ? "ext:" + employee.extension()
                    : employee.email() != null ? "email:" + employee.email()
                    : employee.name() != null ? "name:" + employee.name() : null;
            if (encoded != null) {
                links.record(LINK_CALL_FIRST_RUNG, callId, encoded);
            }
        }

        private Optional<Employee> firstRung() {
            return links.find(LINK_CALL_FIRST_RUNG, callId).map(encoded -> {
                int colon = encoded.indexOf(':');
                String kind = colon < 0 ? "ext" : encoded.substring(0, colon);
                String value = encoded.substring(colon + 1);
                return switch (kind) {
                    case "email" -> new Employee(null, null, value);
                    case "name" -> new Employee(null, value, null);
                    default -> new Employee(value, null, null);
                };
            });
        }

        private String statusWords() {
            String words = CallFacts.status(event.status());
            return "(" + (words.isEmpty() ? "status unknown" : words) + ")";
        }

        private static String clip(String value) {
            String clean = value.replaceAll("\\p{Cntrl}", "?");
            return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
        }
    }
}
