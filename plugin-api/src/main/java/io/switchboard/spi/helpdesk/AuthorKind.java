package io.switchboard.spi.helpdesk;

/** Who wrote a helpdesk comment. */
public enum AuthorKind {
    /** An agent. */
    AGENT,
    /** The client (e.g. by e-mail reply). */
    CLIENT,
    /** An automation rule, bot or this integration. */
    SYSTEM
}
