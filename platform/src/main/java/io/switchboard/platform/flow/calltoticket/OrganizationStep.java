package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.FlowTemplates;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_ORGANIZATION;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CLIENT_ORGANIZATION;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_ORGANIZATION;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.ORGANIZATION_EXTERNAL_PREFIX;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.spi.Capability;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.Organization;
import io.switchboard.spi.helpdesk.OrganizationDraft;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The organization of the call's client, once per call, between client and ticket — only with "create organization"
 * on and a helpdesk that declares {@link Capability#ORGANIZATIONS} (otherwise a note). A client already in an
 * organization keeps it and nothing is created; a client in none is put in the organization named by the template
 * (default the number): found by that name, else created with the number and the mapped organization custom fields.
 * New tickets get the organization; existing tickets are left as they are. A client known only from a link is looked
 * up by number again, since someone may have moved it; when the helpdesk cannot find it (and no link says which
 * organization the flow put it in), nothing is created or linked. No client, no organization. Safe to repeat: see
 * {@code docs/flows.md}, "Exactly once".
 */
final class OrganizationStep {

    /** Whether a client's organization is known, and which ({@code null}: none). */
    private record Membership(boolean known, String organizationId) {
    }

    /**
     * Runs once per call: until {@code call-organization} is recorded, after the client is linked.
     *
     * @param client the call's client, or {@code null}
     * @return the organization id for a new ticket, or {@code null}
     */
    String ensure(CallContext call, ClientStep.ClientRef client) {
        if (!call.options().createOrganization()) {
            return null;
        }
        FlowLinks links = call.links();
        Activity activity = call.activity();
        Helpdesk helpdesk = call.helpdesk();
        Optional<String> known = links.find(LINK_CALL_ORGANIZATION, call.callId());
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
        Membership current = currentOrganization(call, client);
        if (!current.known()) {
            return null;
        }
        if (current.organizationId() != null) {
            links.record(LINK_CLIENT_ORGANIZATION, client.id(), current.organizationId());
            links.record(LINK_CALL_ORGANIZATION, call.callId(), current.organizationId());
            activity.note("Client " + client.id() + " is already in organization " + current.organizationId()
                    + "; it is used and no organization is created.");
            return current.organizationId();
        }
        String name = FlowTemplates.render("organization name", call.options().organizationNameTemplate(),
                CallToTicketOptions.DEFAULT_ORGANIZATION_NAME, call.facts().variables(), activity::note);
        if (name.isEmpty()) {
            name = call.phone().formatted();
            activity.note("The organization name template gave an empty name; the number " + name
                    + " is used.");
        }
        String organizationId = findOrCreate(call, name);
        helpdesk.call((c, ctx) -> {
            c.updateClient(client.id(), new ClientDraft(null, null, null, organizationId, null, null), ctx);
            return null;
        });
        links.record(LINK_CLIENT_ORGANIZATION, client.id(), organizationId);
        links.record(LINK_CALL_ORGANIZATION, call.callId(), organizationId);
        activity.note("Client " + client.id() + " is now in organization '" + name + "' (" + organizationId
                + ").");
        return organizationId;
    }

    /**
     * @return the client's organization (none: a known membership with a {@code null} id), or an unknown one
     *         when it cannot be told: then nothing is created or linked, so an organization set by hand is not
     *         replaced
     */
    private Membership currentOrganization(CallContext call, ClientStep.ClientRef client) {
        if (client.organizationKnown()) {
            return new Membership(true, client.organizationId());
        }
        PhoneNumbers.Phone phone = call.phone();
        // Known from a link only: ask the helpdesk, whose answer is current (someone may have moved the client).
        Optional<Client> fresh = call.helpdesk().call((c, ctx) -> c.findClientByPhone(phone.searchable(), ctx))
                .filter(c -> c.id().equals(client.id()));
        if (fresh.isPresent()) {
            return new Membership(true, fresh.get().organizationId());
        }
        Optional<String> linked = call.links().find(LINK_CLIENT_ORGANIZATION, client.id());
        if (linked.isPresent()) {
            return new Membership(true, linked.get());
        }
        call.activity().note(call.helpdesk().name() + " does not find client " + client.id() + " by number "
                + phone.formatted() + ", so whether it is in an organization cannot be told; no organization is "
                + "created or linked.");
        return new Membership(false, null);
    }

    /** The organization with this name: linked earlier, found, else created (its link written durably at once). */
    private String findOrCreate(CallContext call, String name) {
        FlowLinks links = call.links();
        Activity activity = call.activity();
        PhoneNumbers.Phone phone = call.phone();
        String key = name.strip().toLowerCase(Locale.ROOT);
        Optional<String> linked = links.find(LINK_ORGANIZATION, key);
        if (linked.isPresent()) {
            activity.note("Organization '" + name + "' (" + linked.get() + ") is known from an earlier call.");
            return linked.get();
        }
        Optional<Organization> found = call.helpdesk().call((c, ctx) -> c.findOrganization(name, ctx));
        if (found.isPresent()) {
            links.record(LINK_ORGANIZATION, key, found.get().id());
            activity.note("Found organization '" + found.get().name() + "' (" + found.get().id() + ").");
            return found.get().id();
        }
        OrganizationDraft draft = new OrganizationDraft(name, List.of(phone.formatted()),
                call.customFields(CallToTicketOptions.FieldTarget.ORGANIZATION),
                ORGANIZATION_EXTERNAL_PREFIX + PhoneNumbers.digits(phone.searchable()));
        Organization organization = call.helpdesk().call((c, ctx) -> c.createOrganization(draft, ctx));
        // Durable now: the client is linked to it next, and a retry must not create a second one.
        links.recordNow(LINK_ORGANIZATION, key, organization.id());
        activity.created("organization", organization.id(), organization.url());
        activity.note("Created organization '" + name + "' with number " + phone.formatted() + ".");
        return organization.id();
    }
}
