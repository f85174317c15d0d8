package io.switchboard.spi.telephony;

import io.switchboard.spi.Capability;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import java.util.Optional;

/**
 * A cloud PBX or call-tracking service. It turns the vendor's call webhooks into {@link CallEvent}s; the platform's
 * call-to-ticket flow decides what to do with them in any helpdesk.
 *
 * <p>With {@link Capability#ROUTING} the PBX may ask, while a call rings, where to send it; with
 * {@link Capability#CALLER_CARD} its softphone may ask who is calling. Both are answered synchronously on the
 * inbound URL: the platform asks {@link #routingQuery} / {@link #callerCardQuery} first, and only when both are
 * empty stores the request as an event. A PBX that does not ask but takes caller cards declares
 * {@link Capability#CALLER_CARD_PUSH}: the call-to-ticket flow then pushes the card with {@link #pushCallerCard}
 * when it learns who is calling.
 */
public interface TelephonyConnector extends Connector {

    /**
     * Parses a stored call webhook. Must be deterministic (it is run again on replay) and make no network calls.
     *
     * @return the call events (often one), plus notes on anything skipped
     * @throws PermanentVendorException when the payload cannot be understood at all
     */
    ParsedEvents<CallEvent> parse(InboundRequest request, ConnectorContext context);

    /** @return the routing question this request asks, or empty when it is not a routing request */
    default Optional<RoutingQuery> routingQuery(InboundRequest request, ConnectorContext context) {
        return Optional.empty();
    }

    /** Formats the platform's routing decision the way the PBX expects it. Called only with {@link Capability#ROUTING}. */
    default InboundResponse answerRouting(RoutingQuery query, RoutingAnswer answer, ConnectorContext context) {
        throw new PermanentVendorException(descriptor().displayName() + " does not support call routing");
    }

    /** @return the caller-card question this request asks, or empty when it is not one */
    default Optional<CallerCardQuery> callerCardQuery(InboundRequest request, ConnectorContext context) {
        return Optional.empty();
    }

    /** Formats a caller card the way the PBX expects it. Called only with {@link Capability#CALLER_CARD}. */
    default InboundResponse answerCallerCard(CallerCardQuery query, CallerCard card, ConnectorContext context) {
        throw new PermanentVendorException(descriptor().displayName() + " does not support caller cards");
    }

    /**
     * Sends a caller card to the PBX (its contact book, the card its softphone shows). Called only with
     * {@link Capability#CALLER_CARD_PUSH}, by a flow that has just learnt something new about the caller (a client,
     * a ticket); the same card may be sent again for a later call, so a connector should make the PBX update the
     * card it has ({@link CallerCard#clientId()}) rather than add another.
     *
     * @param card what is known: the name, the links, the caller's number and the client's id
     * @return true when the card was sent; false when the connection is not set up for pushes (optional settings
     *         absent) and nothing was sent
     * @throws io.switchboard.spi.error.TransientVendorException when the PBX cannot be reached now
     * @throws PermanentVendorException when the PBX refused the card
     * @since 1.2
     */
    default boolean pushCallerCard(CallerCard card, ConnectorContext context) {
        throw new PermanentVendorException(descriptor().displayName() + " does not support caller-card pushes");
    }
}
