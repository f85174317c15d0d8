package io.switchboard.platform.connection;

/** Markers for submitted settings. */
public final class ConfigInput {

    /** Put as a secret's value to remove the stored secret (a blank value keeps it). */
    public static final Object CLEAR = new Object() {
        @Override
        public String toString() {
            return "(clear)";
        }
    };

    private ConfigInput() {
    }
}
