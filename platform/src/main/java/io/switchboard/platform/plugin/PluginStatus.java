package io.switchboard.platform.plugin;

/** What became of a plugin jar: found in the plugins directory, or uploaded by the operator. */
public enum PluginStatus {
    /** Loaded, started, and its connectors are available. */
    STARTED,
    /** Declares an SPI version range this platform does not provide; not loaded. */
    INCOMPATIBLE,
    /** Could not be read, started or validated; the reason says why. Not loaded. */
    FAILED,
    /** Switched off by the platform operator: loaded or not, its connectors serve nobody; connections keep their settings. */
    DISABLED,
    /** A bundled jar whose plugin id an uploaded, newer version serves instead. */
    REPLACED
}
