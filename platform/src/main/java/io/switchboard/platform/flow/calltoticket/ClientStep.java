package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.FlowTemplates;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_CLIENT;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_CLIENT_INTENT;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CLIENT;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import java.util.List;
import java.util.Optional;

/**
 * The call's client, once per call: the one this call is linked to, else the one the flow linked to the number
 * earlier, else the one the helpdesk finds by number, else — with "create client" on — a new one (name from the
 * template, the number in the chosen format, mapped client custom fields). Looking up before creating and recording
 * the links right after makes it safe to repeat: see {@code docs/flows.md}, "Exactly once".
 */
final class ClientStep {

    /**
     * The call's client and what this event knows of its organization.
     *
     * @param id                 client id
     * @param organizationKnown  true when the helpdesk just said (found or created now), so {@code organizationId}
     *                           is current; false when the client is known from a link only
     * @param organizationId     the client's organization, or {@code null}
     * @param fromEarlierEvent   the client was settled by an earlier event of this call
     * @param createdNow         this event created the client (so it has no tickets yet)
     * @param name               the client's name when the helpdesk just said it (found or created now), else
     *                           {@code null}
     * @param url                the link to the client in the helpdesk, likewise
     */
    record ClientRef(String id, boolean organizationKnown, String organizationId, boolean fromEarlierEvent,
                     boolean createdNow, String name, String url) {

        static ClientRef linked(String id, boolean fromEarlierEvent) {
            return new ClientRef(id, false, null, fromEarlierEvent, false, null, null);
        }
    }

    /** @return the call's client, or {@code null} when none has the number and client creation is off (noted) */
    ClientRef ensure(CallContext call) {
        FlowLinks links = call.links();
        Activity activity = call.activity();
        PhoneNumbers.Phone phone = call.phone();
        String callId = call.callId();
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
        // From here to the links, no other event may look for this number and create its client (two calls from
        // one new number at the same moment): the second waits, then finds the link or the client.
        call.claims().hold(LINK_CLIENT, phone.key());
        Optional<Client> found = call.helpdesk().call((c, ctx) -> c.findClientByPhone(phone.searchable(), ctx));
        if (found.isEmpty() && links.find(LINK_CALL_CLIENT_INTENT, callId).isPresent()
                && !phone.formatted().equals(phone.searchable())) {
            // An earlier attempt created a client and lost the answer: look for the number as it was stored, which a
            // search by the E.164 form may not match (Usedesk: "+7 916 123-45-67").
            found = call.helpdesk().call((c, ctx) -> c.findClientByPhone(phone.formatted(), ctx));
            found.ifPresent(client -> activity.note("Found the client an earlier attempt created for "
                    + phone.formatted() + " before its answer was lost; not created again."));
        }
        if (found.isPresent()) {
            Client client = found.get();
            links.record(LINK_CLIENT, phone.key(), client.id());
            links.record(LINK_CALL_CLIENT, callId, client.id());
            activity.note("Found client '" + client.name() + "' (" + client.id() + ") with number "
                    + phone.formatted() + ".");
            return new ClientRef(client.id(), true, client.organizationId(), false, false, client.name(),
                    client.url());
        }
        if (!call.options().createClient()) {
            activity.note("No client has number " + phone.formatted() + ", and client creation is off: the "
                    + "ticket gets no client.");
            return null;
        }
        String name = FlowTemplates.render("client name", call.options().clientNameTemplate(),
                CallToTicketOptions.DEFAULT_CLIENT_NAME, call.facts().variables(), activity::note);
        if (name.isEmpty()) {
            name = phone.formatted();
        }
        ClientDraft draft = new ClientDraft(name, List.of(), List.of(phone.formatted()), null,
                call.customFields(CallToTicketOptions.FieldTarget.CLIENT),
                "sb-phone-" + PhoneNumbers.digits(phone.searchable()));
        links.recordNow(LINK_CALL_CLIENT_INTENT, callId, phone.formatted());
        Client client = call.helpdesk().call((c, ctx) -> c.createClient(draft, ctx));
        // Durable now: a number stored formatted (international or national) may not be found again by the
        // helpdesk's search by digits, so the links are all a retry has.
        links.record(LINK_CLIENT, phone.key(), client.id());
        links.recordNow(LINK_CALL_CLIENT, callId, client.id());
        activity.created("client", client.id(), client.url());
        activity.note("Created client '" + name + "' with number " + phone.formatted() + ".");
        return new ClientRef(client.id(), true, client.organizationId(), false, true,
                client.name() == null || client.name().isBlank() ? name : client.name(), client.url());
    }
}
