package io.switchboard.platform.flow;

/**
 * Implemented by a {@link FlowType} that also takes the events its <em>target</em> connection receives — a flow
 * that brings a helpdesk's status changes back to the chat, or a two-way flow. The platform routes each event a
 * connection receives to the flows whose source it is ({@link FlowType#handle}) and to the flows of such types whose
 * target it is ({@link #handleFromTarget}); both get the same {@link FlowRun}, whose source and target keep their
 * meaning.
 *
 * @param <B> the normalized event the target's parse yields (e.g. {@code HelpdeskEvent})
 */
public interface TargetEvents<B> {

    /** @return the normalized event class the target's parse yields for this flow */
    Class<B> targetEventType();

    /**
     * Handles one event of the target connection; must be safe to run again for the same event, as
     * {@link FlowType#handle} is.
     *
     * @throws io.switchboard.spi.error.ConnectorException transient → retried later; permanent → dead letter
     */
    void handleFromTarget(B event, FlowRun run);
}
