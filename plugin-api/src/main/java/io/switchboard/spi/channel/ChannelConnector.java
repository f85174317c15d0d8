package io.switchboard.spi.channel;

import io.switchboard.spi.Capability;
import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ExternalRef;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.Map;

/**
 * A live chat (Dashly, Chatra…) or the customer's own website. Its webhooks become {@link ChannelEvent}s; the
 * platform's flows turn them into tickets, tasks and comments in any helpdesk, and post helpdesk replies back with
 * {@link #postMessage}.
 *
 * <p>Optional operations are called only when the matching {@link Capability} is declared; their defaults throw
 * {@link PermanentVendorException}.
 */
public interface ChannelConnector extends Connector {

    /** Parses a stored webhook into conversation events. Deterministic, no network calls. */
    ParsedEvents<ChannelEvent> parse(InboundRequest request, ConnectorContext context);

    /**
     * Posts a message into a conversation: a public reply, or a note only operators see
     * ({@link Capability#OPERATOR_ONLY_MESSAGES}), optionally as a given agent ({@link Capability#SEND_AS_AGENT}).
     * A conversation the client has left must still get the message where the vendor allows (e.g. by e-mail).
     *
     * @return the created message
     */
    ExternalRef postMessage(String conversationId, OutgoingMessage message, ConnectorContext context);

    /**
     * Reads a contact as the channel knows it now (name, e-mail, phone, link to the card, and in
     * {@link Contact#attributes()} what else the vendor keeps, such as the site); only with
     * {@link Capability#CONTACT_LOOKUP}. A webhook's copy of the contact may be stale or partial: a flow that needs
     * the e-mail asks here.
     *
     * @param contactId      the contact's id, or {@code null} when the event did not name it: then the client of the
     *                       conversation
     * @param conversationId the conversation the contact is asked for
     * @return the contact, or empty when the channel has none with that id
     * @since 1.2
     */
    default java.util.Optional<Contact> findContact(String contactId, String conversationId,
                                                    ConnectorContext context) {
        throw unsupported("contact lookup");
    }

    /** Adds a note to the contact's card; only with {@link Capability#CONTACT_NOTES}. */
    default void addContactNote(String contactId, String note, ConnectorContext context) {
        throw unsupported("contact notes");
    }

    /** Updates contact properties (name, email, phone, or vendor keys); only with {@link Capability#CONTACT_UPDATES}. */
    default void updateContact(String contactId, Map<String, String> properties, ConnectorContext context) {
        throw unsupported("contact updates");
    }

    /**
     * Adds an action (event) to the contact's profile (e.g. OS, browser, IP of a visit); only with
     * {@link Capability#CONTACT_ACTIONS}.
     */
    default void addContactAction(String contactId, String action, Map<String, String> details,
                                  ConnectorContext context) {
        throw unsupported("contact actions");
    }

    private PermanentVendorException unsupported(String what) {
        return new PermanentVendorException(descriptor().displayName() + " connector does not support " + what);
    }
}
