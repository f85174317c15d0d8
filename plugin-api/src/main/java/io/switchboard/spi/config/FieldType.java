package io.switchboard.spi.config;

/** Types of configuration fields the platform can render, validate and store. */
public enum FieldType {
    /** One line of text. Value: {@code String}. */
    TEXT,
    /** A credential: encrypted at rest, never shown back, never logged. Value: {@code String}. */
    SECRET,
    /** An absolute http(s) URL. Value: {@code String}. */
    URL,
    /** An e-mail address. Value: {@code String}. */
    EMAIL,
    /** A whole number, optionally bounded by {@link ConfigField#min()} / {@link ConfigField#max()}. Value: {@code Long}. */
    NUMBER,
    /** A switch. Value: {@code Boolean}. */
    BOOLEAN,
    /** One of {@link ConfigField#choices()} (or of a dynamic {@link ConfigField#optionsSource()}). Value: {@code String}. */
    CHOICE,
    /** Any subset of the choices. Value: {@code List<String>}. */
    MULTI_CHOICE,
    /** Text with {@code {{variable}}} placeholders; the form lists {@link ConfigField#variables()}. Value: {@code String}. */
    TEMPLATE,
    /**
     * A table of rows, each with the {@link ConfigField#columns()} (e.g. agent ↔ extension). Columns are simple
     * fields (TEXT, EMAIL, NUMBER, BOOLEAN, CHOICE). Value: {@code List<Map<String, String>>}.
     */
    MAPPING
}
