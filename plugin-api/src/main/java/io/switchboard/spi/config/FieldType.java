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
    MAPPING,
    /**
     * Keys that callers of the connection's inbound URL send (e.g. a customer's website calling with
     * {@code Authorization: Bearer <key>}). The platform <em>makes</em> them: the tenant generates, names and revokes
     * keys on the connection page or through the API, each key is shown once when made, and several can be live at
     * once for a rollover. Only a SHA-256 digest of each key is stored, so no one can read a key back. A form or API
     * input never sets this field. Value: {@code List<Map<String, String>>}, one row per key with the columns of
     * {@link ApiKeys}; test a presented key with {@code ApiKeys.from(config, key).accepts(presented)}. Since SPI 1.4.
     */
    API_KEYS
}
