package io.switchboard.platform.plugin;

/** What became of a plugin jar found in the plugins directory. */
public enum PluginStatus {
    /** Loaded, started, and its connectors are available. */
    STARTED,
    /** Declares an SPI version range this platform does not provide; not loaded. */
    INCOMPATIBLE,
    /** Could not be read, started or validated; the reason says why. Not loaded. */
    FAILED
}
