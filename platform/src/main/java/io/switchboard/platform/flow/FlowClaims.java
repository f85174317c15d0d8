package io.switchboard.platform.flow;

/**
 * Keeps two events from creating the same thing in the flow's target connection at the same time — across flows and
 * across instances on one database. The pipeline orders events per call or conversation, not per client: two calls
 * from one new number would otherwise each miss the client and each create one ({@code docs/flows.md}, "Exactly
 * once").
 *
 * <p>A step that is about to look for a thing and create it when missing holds the thing's key first; the hold lasts
 * until the event's run ends (or, after a crash, until it expires). Another event asking for the same key meanwhile
 * is stopped with {@link HeldByAnotherEvent}: it waits a moment, without using up an attempt, and runs again — and
 * then finds what the first one created.
 */
public interface FlowClaims {

    /**
     * Holds the key for this event in the flow's target connection until the run ends; nothing happens when this
     * event holds it already (a retry after a failure).
     *
     * @param kind what the key names, e.g. {@code client}
     * @param key  the thing's key, e.g. a normalized phone number or a lower-case e-mail
     * @throws HeldByAnotherEvent when another event holds it
     */
    void hold(String kind, String key);
}
