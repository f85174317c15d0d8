package io.switchboard.platform.flow;

import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.config.ConfigSchema;

/**
 * A kind of flow the platform offers (e.g. "calls become tickets"): which connector kinds it joins, the options a
 * tenant sets (rendered as a form like connection settings; options sources are asked of the target connector),
 * and what it does with each event of the source.
 *
 * @param <E> the normalized event it handles (e.g. {@code CallEvent})
 */
public interface FlowType<E> {

    /** @return stable id, stored with every flow */
    String id();

    String displayName();

    String description();

    ConnectorKind sourceKind();

    ConnectorKind targetKind();

    /** @return the normalized event class the source's parse yields for this flow */
    Class<E> eventType();

    ConfigSchema optionsSchema();

    /** Rules across options the schema cannot express (no network calls); empty when acceptable. */
    default java.util.List<io.switchboard.spi.config.ValidationProblem> validate(
            io.switchboard.spi.config.ConfigValues options) {
        return java.util.List.of();
    }

    /**
     * What the tenant does outside Switchboard for this flow to work (fields to create in the helpdesk, webhooks of
     * the target to switch on…), as short plain-text steps; the flow page shows them above the options.
     *
     * @return the steps; empty when the connections' own setup is enough
     */
    default java.util.List<String> setupSteps() {
        return java.util.List.of();
    }

    /**
     * Handles one event. Must be safe to run again for the same event (retries, replays): see {@link FlowRun}.
     *
     * @throws io.switchboard.spi.error.ConnectorException transient → retried later; permanent → dead letter
     */
    void handle(E event, FlowRun run);
}
