package io.switchboard.spi;

/**
 * Optional abilities a connector declares in its {@link ConnectorDescriptor}. Flows offer an option only when both
 * connectors support what it needs, and call an optional SPI method only when the capability is declared.
 */
public enum Capability {
    /** Helpdesk: organizations / companies can be found, created and linked to clients. */
    ORGANIZATIONS,
    /** Helpdesk: custom fields on clients, organizations or tickets can be written. */
    CUSTOM_FIELDS,
    /** Helpdesk: tickets carry a type (question, task, problem, incident). */
    TICKET_TYPES,
    /** Helpdesk: an idempotency key can be stored on a ticket and searched ({@code external_id}, {@code additional_id}). */
    EXTERNAL_IDS,
    /**
     * Helpdesk: a comment added earlier can be found again from its draft with
     * {@link io.switchboard.spi.helpdesk.HelpdeskConnector#findComment} (since SPI 1.3).
     */
    COMMENT_LOOKUP,
    /**
     * Helpdesk: a ticket's comments can be read back with
     * {@link io.switchboard.spi.helpdesk.HelpdeskConnector#listComments} (since SPI 1.3).
     */
    COMMENT_LIST,
    /** Helpdesk: comments can be internal (agents only). */
    PRIVATE_COMMENTS,
    /** Helpdesk: tickets (tasks) and clients (contacts) can be created from vendor templates (task systems). */
    TASK_TEMPLATES,
    /** Helpdesk: a note / action can be added to a client's profile (e.g. OS, browser, IP of each contact). */
    CLIENT_NOTES,
    /** Helpdesk: extra participants can be added to a ticket or task. */
    PARTICIPANTS,
    /** Helpdesk: the vendor sends webhooks that {@link io.switchboard.spi.helpdesk.HelpdeskConnector#parse} understands. */
    HELPDESK_EVENTS,
    /** Channel: messages visible only to operators can be posted in a conversation. */
    OPERATOR_ONLY_MESSAGES,
    /** Channel: a message can be posted as a given agent (matched by e-mail). */
    SEND_AS_AGENT,
    /** Channel: notes can be added to a contact / lead. */
    CONTACT_NOTES,
    /** Channel: contact properties (name, e-mail, phone) can be updated. */
    CONTACT_UPDATES,
    /** Channel: an action / event can be added to the contact's profile. */
    CONTACT_ACTIONS,
    /**
     * Channel: a contact (lead, visitor) can be read by id with
     * {@link io.switchboard.spi.channel.ChannelConnector#findContact} — for details a webhook does not carry (since
     * SPI 1.2).
     */
    CONTACT_LOOKUP,
    /**
     * Channel: the customer's thread also shows what the customer wrote elsewhere (an e-mail reply in the helpdesk),
     * posted with {@link io.switchboard.spi.channel.OutgoingMessage#fromCustomer()} — a website's personal account;
     * not a live chat, where it would appear as the agent's (since SPI 1.3).
     */
    CUSTOMER_REPLIES,
    /** Channel: operators can type slash commands that arrive as events. */
    SLASH_COMMANDS,
    /** Telephony: the PBX asks where to route an incoming call. */
    ROUTING,
    /** Telephony: the PBX (or its softphone) asks for a caller card. */
    CALLER_CARD,
    /**
     * Telephony: the platform pushes caller cards (name, links to the client and the ticket) to the PBX with
     * {@link io.switchboard.spi.telephony.TelephonyConnector#pushCallerCard}, for PBXs that take the card instead of
     * asking for it (since SPI 1.2).
     */
    CALLER_CARD_PUSH,
    /** Telephony: the PBX reports transfers between schemes. */
    TRANSFERS,
    /** Telephony: the PBX reports extra tracking data (UTM tags, pool / scheme names). */
    CALL_TRACKING
}
