package io.switchboard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.OutgoingMessage;
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
import io.switchboard.spi.inbound.InboundRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link CapabilityCheck}: a declared capability must be backed by its method (SPI 1.4). */
class CapabilityCheckTest {

    /** A helpdesk with only the mandatory methods; declares what it is given. */
    static class BareHelpdesk implements HelpdeskConnector {
        private final Set<Capability> declared;

        BareHelpdesk(Set<Capability> declared) {
            this.declared = declared;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("acme", ConnectorKind.HELPDESK, "Acme", "", declared, null);
        }

        @Override
        public CheckResult check(ConnectorContext context) {
            return CheckResult.ok("ok");
        }

        @Override
        public void verify(InboundRequest request, ConnectorContext context) {
        }

        @Override
        public Optional<Client> findClientByPhone(String phone, ConnectorContext context) {
            return Optional.empty();
        }

        @Override
        public Optional<Client> findClientByEmail(String email, ConnectorContext context) {
            return Optional.empty();
        }

        @Override
        public Client createClient(ClientDraft draft, ConnectorContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateClient(String clientId, ClientDraft changes, ConnectorContext context) {
        }

        @Override
        public List<Ticket> findTickets(TicketQuery query, ConnectorContext context) {
            return List.of();
        }

        @Override
        public Optional<Ticket> findTicketByExternalId(String externalId, String clientId, ConnectorContext context) {
            return Optional.empty();
        }

        @Override
        public Ticket createTicket(TicketDraft draft, ConnectorContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExternalRef addComment(String ticketId, CommentDraft comment, ConnectorContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateTicket(String ticketId, TicketUpdate update, ConnectorContext context) {
        }

        @Override
        public List<Agent> listAgents(ConnectorContext context) {
            return List.of();
        }

        @Override
        public List<TicketStatusOption> ticketStatuses(ConnectorContext context) {
            return List.of();
        }
    }

    /** Declares comment lookup and implements it, in a subclass: what counts is the class the platform loads. */
    static class LookingHelpdesk extends BareHelpdesk {
        LookingHelpdesk() {
            super(EnumSet.of(Capability.COMMENT_LOOKUP, Capability.EXTERNAL_IDS));
        }

        @Override
        public Optional<ExternalRef> findComment(String ticketId, CommentDraft draft, ConnectorContext context) {
            return Optional.empty();
        }
    }

    static class BareChannel implements ChannelConnector {
        @Override
        public ConnectorDescriptor descriptor() {
            // ROUTING is a telephony capability: not this kind's business, so not reported
            return new ConnectorDescriptor("chat", ConnectorKind.CHANNEL, "Chat", "",
                    Set.of(Capability.CONTACT_LOOKUP, Capability.CONTACT_NOTES, Capability.ROUTING), null);
        }

        @Override
        public CheckResult check(ConnectorContext context) {
            return CheckResult.ok("ok");
        }

        @Override
        public void verify(InboundRequest request, ConnectorContext context) {
        }

        @Override
        public ParsedEvents<ChannelEvent> parse(InboundRequest request, ConnectorContext context) {
            return ParsedEvents.of(List.of());
        }

        @Override
        public ExternalRef postMessage(String conversationId, OutgoingMessage message, ConnectorContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addContactNote(String contactId, String note, ConnectorContext context) {
        }
    }

    @Test
    void aHelpdeskDeclaringWhatItDoesNotImplementIsNamedWithTheMethod() {
        BareHelpdesk lying = new BareHelpdesk(EnumSet.of(Capability.COMMENT_LOOKUP, Capability.COMMENT_LIST,
                Capability.ORGANIZATIONS, Capability.EXTERNAL_IDS, Capability.PRIVATE_COMMENTS));

        assertThat(CapabilityCheck.unimplemented(lying)).containsExactly(
                "connector 'acme' declares ORGANIZATIONS but does not implement HelpdeskConnector.findOrganization",
                "connector 'acme' declares ORGANIZATIONS but does not implement HelpdeskConnector.createOrganization",
                "connector 'acme' declares COMMENT_LOOKUP but does not implement HelpdeskConnector.findComment",
                "connector 'acme' declares COMMENT_LIST but does not implement HelpdeskConnector.listComments");
    }

    @Test
    void anOverrideInheritedFromTheConnectorsOwnClassesCounts() {
        assertThat(CapabilityCheck.unimplemented(new LookingHelpdesk())).isEmpty();
        assertThat(CapabilityCheck.unimplemented(new BareHelpdesk(Set.of()))).isEmpty();
    }

    @Test
    void aChannelIsCheckedForItsOwnCapabilitiesOnly() {
        assertThat(CapabilityCheck.unimplemented(new BareChannel())).containsExactly(
                "connector 'chat' declares CONTACT_LOOKUP but does not implement ChannelConnector.findContact");
    }

    @Test
    void everyCapabilityWithARefusingDefaultIsChecked() {
        // A capability added later with an optional method must be added to the check: this lists the ones known.
        BareHelpdesk all = new BareHelpdesk(EnumSet.allOf(Capability.class));
        assertThat(CapabilityCheck.unimplemented(all)).hasSize(7);
    }
}
