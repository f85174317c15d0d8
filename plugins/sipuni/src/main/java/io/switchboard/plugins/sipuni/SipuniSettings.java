package io.switchboard.plugins.sipuni;

import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import java.net.URI;

/**
 * The settings of a Sipuni connection and how they are read.
 *
 * <p>Sipuni signs nothing and adds no token to its call-event webhooks (README, "Vendor facts"), so the only
 * authenticity proof is a secret of our own that the tenant appends to the URL pasted into Sipuni:
 * {@code <connection URL>?token=<webhook secret>} ([inf]: Sipuni keeps the URL as
 * entered and adds its parameters to it).
 *
 * @param webhookSecret the secret expected in the {@code token} parameter
 * @param apiUser       the Sipuni account number ({@code user}, e.g. {@code 070196}) for the HTTP API, or {@code null}
 * @param apiKey        the integration secret key for the HTTP API, or {@code null}
 * @param apiUrl        the HTTP API base, ending in {@code /}
 */
record SipuniSettings(String webhookSecret, String apiUser, String apiKey, URI apiUrl) {

    static final String WEBHOOK_SECRET = "webhook_secret";
    static final String API_USER = "api_user";
    static final String API_KEY = "api_key";
    static final String API_URL = "api_url";

    /** Name of the URL parameter that carries the webhook secret. */
    static final String TOKEN_PARAM = "token";

    static final String DEFAULT_API_URL = "https://sipuni.com/api/";

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.secret(WEBHOOK_SECRET, "Webhook secret (optional)").withHelp(
                    "Usually left empty: the connection's URL already holds an unguessable token. Set one only to add"
                            + " ?token= and this secret to the URL in Sipuni (Settings → API, \"События на АТС\");"
                            + " every event without it is then refused. 16 or more letters, digits, '-' or '_'."),
            ConfigField.text(API_USER, "Sipuni account number (optional)").withPattern("[0-9]{1,20}").withHelp(
                    "Only to check the connection: the \"user\" number shown in Sipuni under Settings → API, "
                            + "e.g. 070196."),
            ConfigField.secret(API_KEY, "Sipuni integration key (optional)").withHelp(
                    "Only to check the connection: the secret key shown in Sipuni under Settings → API."),
            ConfigField.url(API_URL, "Sipuni API address").withDefault(DEFAULT_API_URL).withHelp(
                    "Leave as is; change only to point the connection at a test server."));

    /** Reads validated settings; blank optional values become {@code null}. */
    static SipuniSettings from(ConfigValues config) {
        String base = config.text(API_URL).orElse(DEFAULT_API_URL);
        return new SipuniSettings(config.text(WEBHOOK_SECRET).orElse(null), config.text(API_USER).orElse(null),
                config.text(API_KEY).orElse(null), URI.create(base.endsWith("/") ? base : base + "/"));
    }

    /** @return true when both API credentials are configured */
    boolean hasApiCredentials() {
        return apiUser != null && apiKey != null;
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "SipuniSettings[" + apiUrl + ", user " + apiUser + ", api key " + (apiKey == null ? "unset" : "set")
                + "]";
    }
}
