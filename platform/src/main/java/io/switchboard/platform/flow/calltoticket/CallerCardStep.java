package io.switchboard.platform.flow.calltoticket;

import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_CALLER_CARD;

import io.switchboard.platform.flow.ConnectorGate;
import io.switchboard.spi.Capability;
import io.switchboard.spi.error.ConnectorException;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.telephony.CallerCard;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.util.Optional;

/**
 * The caller card, for a PBX that takes it rather than asking for it ({@link Capability#CALLER_CARD_PUSH}; Ringostat's
 * Smart Phone and contact book): once the call's client and ticket are settled, the client's name, the links to the
 * client and to the ticket, the caller's number and the client's id are sent to the flow's source connection with
 * {@link TelephonyConnector#pushCallerCard}.
 *
 * <p>Once per call and what it shows: the link {@code call-caller-card} (call → client id and ticket id sent) is
 * recorded after a push and checked before the next one, so a retry, or a later event of a call without a ticket
 * (which settles again), sends nothing new; a call whose client or ticket differs from what was sent is pushed again.
 * A client known only from the flow's link (an earlier call) is looked up by number for its name and link, and only
 * then, so a PBX without the capability costs nothing.
 *
 * <p>The card decorates the call: a failure — the PBX unreachable or refusing, the lookup failing — is noted and the
 * event goes on, and the push is not retried.
 */
final class CallerCardStep {

    /**
     * Pushes the card when the source takes cards and the call's card changed.
     *
     * @param client the call's client, or {@code null} (then there is nothing to show)
     * @param ticket the call's ticket, or {@code null}
     */
    void push(CallContext call, ClientStep.ClientRef client, TicketStep.TicketRef ticket) {
        if (client == null) {
            return;
        }
        ConnectorGate<TelephonyConnector> pbx;
        try {
            pbx = call.run().source(TelephonyConnector.class);
        } catch (ConnectorException e) {
            call.activity().note("No caller card was sent: the flow's telephony connection is not available ("
                    + e.getMessage() + ").");
            return;
        }
        if (!pbx.supports(Capability.CALLER_CARD_PUSH)) {
            return;
        }
        String sent = client.id() + (ticket == null ? "" : " " + ticket.id());
        if (call.links().find(LINK_CALL_CALLER_CARD, call.callId()).filter(sent::equals).isPresent()) {
            return;
        }
        String pbxName = pbx.descriptor().displayName();
        String name = client.name();
        String clientUrl = client.url();
        if (name == null || name.isBlank()) {
            Optional<Client> found;
            try {
                found = call.helpdesk().call((c, ctx) -> c.findClientByPhone(call.phone().searchable(), ctx))
                        .filter(c -> client.id().equals(c.id()));
            } catch (ConnectorException e) {
                call.activity().note("The caller card was not sent to " + pbxName + ": looking up client "
                        + client.id() + " in " + call.helpdesk().name() + " failed (" + e.getMessage() + ").");
                return;
            }
            if (found.isEmpty() || found.get().name() == null || found.get().name().isBlank()) {
                call.activity().note("The caller card was not sent to " + pbxName + ": " + call.helpdesk().name()
                        + " did not give the name of client " + client.id() + " for number "
                        + call.phone().formatted() + ".");
                return;
            }
            name = found.get().name();
            clientUrl = found.get().url();
        }
        CallerCard card = new CallerCard(name, clientUrl, ticket == null ? null : ticket.url(),
                call.event().clientNumber(), client.id());
        boolean pushed;
        try {
            pushed = pbx.call((c, ctx) -> c.pushCallerCard(card, ctx));
        } catch (ConnectorException e) {
            call.activity().note("The caller card could not be sent to " + pbxName + " (" + e.getMessage()
                    + "); the call goes on without it.");
            return;
        }
        if (!pushed) {
            call.activity().note(pbxName + " is not set up to receive caller cards (see the settings of its "
                    + "connection); none was sent.");
            return;
        }
        call.links().record(LINK_CALL_CALLER_CARD, call.callId(), sent);
        call.activity().note("Sent the caller card to " + pbxName + ": '" + name + "'"
                + (clientUrl == null ? "" : ", link to the client")
                + (card.ticketUrl() == null ? "" : ", link to ticket " + ticket.id()) + ".");
    }
}
