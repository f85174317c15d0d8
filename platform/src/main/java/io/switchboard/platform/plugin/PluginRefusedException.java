package io.switchboard.platform.plugin;

/**
 * The operator's plugin change was refused, and nothing was stored or changed: a bad jar (422), a conflict with what
 * is installed (409), a jar too large (413), an unknown plugin (404).
 */
public class PluginRefusedException extends RuntimeException {

    private final int status;

    public PluginRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status that says best why */
    public int status() {
        return status;
    }
}
