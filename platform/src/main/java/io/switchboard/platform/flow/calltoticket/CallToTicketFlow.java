package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.platform.flow.FlowRun;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import java.util.List;

/**
 * The call-to-ticket flow: what happens in the helpdesk for each call event (any telephony connector feeds any
 * helpdesk connector, e.g. Sipuni → Usedesk). The platform's pipeline parses each stored call webhook with the
 * telephony connector and calls {@link #handle} once per {@link CallEvent}, in order per call, with a {@link FlowRun}
 * carrying the options ({@link #optionsSchema()}), the helpdesk, the links and the activity record. Plain Java: no
 * container needed, one instance serves every tenant and thread (it keeps no state).
 *
 * <h2>What a call does</h2>
 * A call produces several events (rings, answer, transfers, end). For each one, with a {@link CallContext} made for
 * it:
 * <ol>
 *   <li><b>Internal calls</b> (employee to employee) are ignored: there is no client.</li>
 *   <li><b>Schemes</b>: only calls in the selected PBX schemes, or transferred to one selected for transfers, are
 *       processed ({@link SchemeAdmissionStep}).</li>
 *   <li><b>The number</b> is read with libphonenumber (region from the options, default RU) and written in the
 *       chosen format; a number that cannot be read is kept as its digits, with a note. A call without a client
 *       number (hidden caller ID) is skipped with a note: there is nothing to find or link it by.</li>
 *   <li><b>Client, organization and ticket, once per call</b>, on the first processed event of the call — normally
 *       the first ring — so the ticket exists while the phone rings, and a call whose final event never arrives (a
 *       known Sipuni quirk) is not lost: {@link ClientStep}, {@link OrganizationStep}, {@link TicketStep}.</li>
 *   <li><b>Caller card</b>: a PBX that takes one (Ringostat's Smart Phone) gets the client's name and the links to
 *       the client and the ticket, once per call ({@link CallerCardStep}).</li>
 *   <li><b>Responsible agent</b> of a ticket created for this call, when it is created, answered and ends
 *       ({@link ResponsibleAgentStep}).</li>
 *   <li><b>When the call ends</b>: end-of-call tags and custom fields, and the call-details comment
 *       ({@link CallEndStep}).</li>
 * </ol>
 * Every step is safe to run again for the same event (retries, replays): the links it keeps (kinds below), the
 * intents written before a creation, and the lookup by external id after an intent are described in
 * {@code docs/flows.md}, "Exactly once", with which failures propagate.
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

    // Link kinds: stored in the database with every link, so never change their values. What each one maps, and
    // when it is written: docs/flows.md, "Exactly once".
    static final String LINK_CLIENT = "client";
    static final String LINK_CALL_CLIENT = "call-client";
    static final String LINK_CALL_CLIENT_INTENT = "call-client-intent";
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
    static final String LINK_CALL_CALLER_CARD = "call-caller-card";

    /** Prefix of the idempotency key of a ticket created for a call. */
    static final String TICKET_EXTERNAL_PREFIX = "sb-call-";
    /** Prefix of the idempotency key of an organization created for a number. */
    static final String ORGANIZATION_EXTERNAL_PREFIX = "sb-org-";

    /** Told when what the helpdesk knows of a caller may have changed (the caller directory listens). */
    private final java.util.function.Consumer<CallerChanged> callers;
    private final SchemeAdmissionStep schemes = new SchemeAdmissionStep();
    private final ClientStep clients = new ClientStep();
    private final OrganizationStep organizations = new OrganizationStep();
    private final ResponsibleAgentStep responsible = new ResponsibleAgentStep();
    private final TicketStep tickets = new TicketStep(responsible);
    private final CallerCardStep cards = new CallerCardStep();
    private final CallEndStep callEnd = new CallEndStep(responsible);

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
        CallContext call = admit(CallContext.of(event, run));
        if (call == null) {
            return;
        }
        FlowLinks links = call.links();
        String callId = call.callId();
        boolean firstOfCall = links.find(LINK_CALL_TICKET, callId).isEmpty();
        TicketStep.TicketRef ticket = links.find(LINK_CALL_TICKET, callId)
                .map(id -> new TicketStep.TicketRef(id, links.find(LINK_CALL_TICKET_CREATED, callId).isPresent()))
                .orElseGet(() -> settle(call));
        switch (event.phase()) {
            case STARTED -> {
                // Everything a ring needs happened above: the client and ticket exist.
            }
            case ANSWERED -> {
                if (ticket != null && ticket.createdForCall()) {
                    responsible.assign(call, ticket, responsible.responsible(call, false));
                }
            }
            case TRANSFERRED -> call.activity().note("Call " + callId + " was transferred"
                    + (event.answeredBy() != null ? " by " + call.agents().describe(event.answeredBy()) : "")
                    + "; the details are added when it ends.");
            case ENDED -> callEnd.finish(call, ticket);
        }
        if (firstOfCall || event.phase() == CallPhase.ANSWERED || event.phase() == CallPhase.ENDED) {
            // The client, ticket or assignee may be new: routing answers and caller cards follow.
            callers.accept(new CallerChanged(run.scope().tenantId(), run.scope().sourceConnectionId(),
                    event.clientNumber()));
        }
    }

    /**
     * Everything before the helpdesk is asked: notes the options' fallbacks, remembers the first employee rung,
     * skips internal calls, calls outside the selected schemes and calls without a client number (noted), and reads
     * the number.
     *
     * @return the context with the call's facts, or {@code null} when the event is not processed
     */
    private CallContext admit(CallContext call) {
        Activity activity = call.activity();
        CallEvent event = call.event();
        call.options().fallbacks().forEach(activity::note);
        responsible.rememberFirstRung(call);
        if (event.direction() == CallDirection.INTERNAL) {
            activity.note("Call " + call.callId() + " is internal (between employees): nothing to do in the "
                    + "helpdesk.");
            return null;
        }
        if (!schemes.admits(call)) {
            return null;
        }
        String number = event.clientNumber();
        if (number == null || PhoneNumbers.digits(number).isEmpty()) {
            activity.note("Call " + call.callId() + " has no client number (hidden caller ID?), so there is no "
                    + "client or ticket to link it to; skipped.");
            return null;
        }
        PhoneNumbers.Phone phone = PhoneNumbers.read(number, call.options().phoneRegion(),
                call.options().phoneFormat());
        if (!phone.parsed()) {
            activity.note("'" + clip(number) + "' could not be read as a phone number; it is kept as its digits, "
                    + phone.formatted() + ".");
        }
        return call.withFacts(phone, responsible.firstRung(call).orElse(null));
    }

    /**
     * The call's client, organization and ticket, then the caller card: on its first processed event only (on every
     * event while the call has no ticket).
     */
    private TicketStep.TicketRef settle(CallContext call) {
        ClientStep.ClientRef client = clients.ensure(call);
        String organizationId = organizations.ensure(call, client);
        TicketStep.TicketRef ticket = tickets.ensure(call, client == null ? null : client.id(), organizationId,
                client != null && client.createdNow());
        cards.push(call, client, ticket);
        return ticket;
    }

    private static String clip(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
