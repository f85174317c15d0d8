package io.switchboard.platform.plugin;

/**
 * A plugin as this instance serves it: the outcome of loading its jar (status adjusted for the operator's switch and
 * for a bundled jar an upload replaces), where the jar came from, and the loaded version's health.
 *
 * @param report its load report; {@link PluginStatus#DISABLED} or {@link PluginStatus#REPLACED} where that applies
 * @param source where the jar came from
 * @param live   the loaded version while it serves calls, else {@code null}
 */
public record PluginEntry(PluginReport report, Source source, LiveVersion live) {

    /** Where a plugin jar came from. */
    public enum Source {
        /** The plugins directory ({@code switchboard.plugins.dir}), read at startup. */
        BUNDLED,
        /** Uploaded by the platform operator, stored in the database, loaded by every instance. */
        UPLOADED
    }

    /** @return the state the operator sees: the report's status, or FAILING while the running version is failing */
    public String state() {
        return live != null && report.status() == PluginStatus.STARTED && live.failing() ? "FAILING"
                : report.status().name();
    }

    /** @return why it is not running or why it is failing; {@code null} when it runs well */
    public String reason() {
        return "FAILING".equals(state()) ? live.lastMalfunction() : report.reason();
    }
}
