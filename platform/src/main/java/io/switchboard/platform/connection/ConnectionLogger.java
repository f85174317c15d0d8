package io.switchboard.platform.connection;

import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * A connector's logger: Payara's log under {@code switchboard.connector.<connector id>}, every message prefixed
 * with the connection it is about, so one tenant's trouble can be found among many.
 */
public final class ConnectionLogger implements System.Logger {

    private final System.Logger delegate;
    private final String prefix;

    public ConnectionLogger(String connectorId, String connectionPublicId) {
        this.delegate = System.getLogger("switchboard.connector." + connectorId);
        this.prefix = "[connection " + connectionPublicId + "] ";
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return delegate.isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        delegate.log(level, bundle, prefix + msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        delegate.log(level, bundle, prefix + format, params);
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        delegate.log(level, () -> prefix + msgSupplier.get());
    }
}
