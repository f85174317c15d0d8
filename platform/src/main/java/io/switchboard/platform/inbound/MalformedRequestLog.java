package io.switchboard.platform.inbound;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A request whose body framing is broken (a chunk size that is no number) is refused by the container before the
 * platform sees a byte, and Grizzly logs each one as a WARNING with a full stack trace. Anyone can send such requests,
 * so anyone could fill the log with stacks (issue #25). This filter on Grizzly's filter-chain logger turns exactly
 * those records ({@code HttpBrokenContentException}, matched by name: Grizzly's classes are the container's) into one
 * FINE line; every other record of that logger passes as before.
 */
@ApplicationScoped
public class MalformedRequestLog {

    static final String GRIZZLY_CHAIN = "org.glassfish.grizzly.filterchain.DefaultFilterChain";
    private static final String BROKEN_CONTENT = "org.glassfish.grizzly.http.HttpBrokenContentException";
    private static final Logger LOG = Logger.getLogger(MalformedRequestLog.class.getName());

    // Held here: java.util.logging keeps loggers weakly, and a collected logger would drop its filter.
    private Logger chain;
    private Filter previous;

    /** Installs the filter (once, at start). */
    public synchronized void install() {
        if (chain != null) {
            return;
        }
        chain = Logger.getLogger(GRIZZLY_CHAIN);
        previous = chain.getFilter();
        chain.setFilter(this::passes);
    }

    boolean passes(LogRecord record) {
        if (brokenContent(record.getThrown())) {
            LOG.log(Level.FINE, "The container refused a request with a malformed body: {0}",
                    record.getThrown().getMessage());
            return false;
        }
        return previous == null || previous.isLoggable(record);
    }

    private static boolean brokenContent(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(BROKEN_CONTENT)) {
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    synchronized void uninstall() {
        if (chain != null) {
            chain.setFilter(previous);
            chain = null;
        }
    }
}
