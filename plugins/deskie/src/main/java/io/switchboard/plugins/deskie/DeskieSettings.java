package io.switchboard.plugins.deskie;

import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.AccountUrl;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The settings of a Deskie (Omnidesk) connection and how they are read (plugins/deskie/README.md, "Settings").
 *
 * @param baseUrl         the account's address ending in {@code /}, e.g. {@code https://acme.deskie.io/}; the API
 *                        lives under {@code api/}
 * @param staffEmail      the agent (staff) e-mail the API key belongs to: the Basic-auth user name
 * @param apiKey          the API key (Settings → API): the Basic-auth password
 * @param staffId         the agent replies are posted as when a comment names none, or {@code null} (then the agent
 *                        of {@code staffEmail}, looked up once)
 * @param externalIdField the number N of a case custom field {@code cf_N} that keeps the platform's idempotency key,
 *                        or {@code null}
 * @param webhookSecret   a shared secret the webhook body, URL or header must carry, or {@code null}
 * @param customChannel   the id of a Deskie custom channel for live chats (README, "Live chats through a custom
 *                        channel"): clients the flow knows by a channel id become users of that channel, their cases
 *                        cases of that channel; {@code null} for none
 */
record DeskieSettings(URI baseUrl, String staffEmail, String apiKey, String staffId, String externalIdField,
                      String webhookSecret, String customChannel) {

    static final String ACCOUNT = "account";
    static final String STAFF_EMAIL = "staff_email";
    static final String API_KEY = "api_key";
    static final String STAFF_ID = "staff_id";
    static final String EXTERNAL_ID_FIELD = "external_id_field";
    static final String WEBHOOK_SECRET = "webhook_secret";
    static final String CUSTOM_CHANNEL = "custom_channel";

    /** A subdomain: what goes before {@code .deskie.io}. */
    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text(ACCOUNT, "Deskie account").asRequired().withHelp(
                    "Your Deskie address, e.g. https://acme.deskie.io, an Omnidesk address such as acme.omnidesk.ru,"
                            + " or just the subdomain: acme (then acme.deskie.io)."),
            ConfigField.email(STAFF_EMAIL, "Agent e-mail of the API key").asRequired().withHelp(
                    "The e-mail of the agent whose API key you enter below (Deskie's API signs in with an agent"
                            + " e-mail and the API key). Use a separate agent for the integration, so its replies"
                            + " are told apart from people's."),
            ConfigField.secret(API_KEY, "API key").asRequired().withHelp(
                    "In Deskie: Settings → API → switch the API on and copy the key."),
            ConfigField.number(STAFF_ID, "Agent id for replies").withRange(1L, null).withHelp(
                    "Optional: the id of the agent whose name replies are sent under when a flow names none."
                            + " Empty: the agent of the e-mail above."),
            ConfigField.number(EXTERNAL_ID_FIELD, "Case field for Switchboard's key").withRange(1L, null).withHelp(
                    "Optional: the number N of a case custom field (cf_N, a text field; Settings → Custom fields)."
                            + " Switchboard writes its key for each case there, so a case is found again after a"
                            + " failure instead of being created twice."),
            ConfigField.secret(WEBHOOK_SECRET, "Webhook secret").withHelp(
                    "Optional: a random text your Deskie rules send as \"secret\" in the webhook body (or as"
                            + " ?secret= in the URL, or in an X-Webhook-Secret header). Without it, webhooks are"
                            + " trusted by their URL alone."),
            ConfigField.text(CUSTOM_CHANNEL, "Custom channel for live chats").withPattern("[A-Za-z0-9_-]{1,64}")
                    .withHelp("Optional, for a live chat on your site: the id of a Deskie custom channel (Settings →"
                            + " Channels → Custom channel; the channel_id that GET /api/custom_channels.json lists)."
                            + " Then each chat visitor becomes a user of that channel, known by your site's customer"
                            + " id, and their cases are cases of the channel, not e-mails. Empty: customers are"
                            + " users by e-mail and agents' replies are e-mailed to them."));

    /**
     * Reads settings.
     *
     * @throws PermanentVendorException when a required setting is missing or the account is not an address
     */
    static DeskieSettings from(ConfigValues config) {
        String account = config.text(ACCOUNT).orElseThrow(() -> missing(ACCOUNT));
        URI base = accountUrl(account).orElseThrow(() -> new PermanentVendorException(
                "The Deskie account setting is not an address: enter https://<subdomain>.deskie.io or the"
                        + " subdomain"));
        String email = config.text(STAFF_EMAIL).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> missing(STAFF_EMAIL));
        String key = config.text(API_KEY).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> missing(API_KEY));
        return new DeskieSettings(base, email, key, number(config, STAFF_ID), number(config, EXTERNAL_ID_FIELD),
                config.text(WEBHOOK_SECRET).map(String::trim).filter(s -> !s.isEmpty()).orElse(null),
                config.text(CUSTOM_CHANNEL).map(String::trim).filter(s -> !s.isEmpty()).orElse(null));
    }

    private static String number(ConfigValues config, String key) {
        try {
            return config.number(key).map(String::valueOf).orElse(null);
        } catch (NumberFormatException e) {
            throw new PermanentVendorException("The Deskie setting '" + key + "' is not a number");
        }
    }

    private static PermanentVendorException missing(String key) {
        return new PermanentVendorException("The Deskie setting '" + key + "' is not configured");
    }

    /**
     * Turns what the tenant typed into the account's base URL, or empty when it is not an address:
     * <ul>
     * <li>a subdomain ({@code acme}) → {@code https://acme.deskie.io/};</li>
     * <li>a host without scheme ({@code acme.omnidesk.ru}) → {@code https://acme.omnidesk.ru/} (Omnidesk is the same
     *     API under another host, README "Vendor facts");</li>
     * <li>a full URL, possibly copied from the browser ({@code https://acme.deskie.io/staff/cases}) → its scheme and
     *     authority only. {@code https} is required, except for loopback hosts (tests, local fakes).</li>
     * </ul>
     */
    static Optional<URI> accountUrl(String account) {
        return AccountUrl.parse(account, "deskie.io");
    }

    /** @return an API URL; {@code pathAndQuery} is relative to {@code /api/}, already encoded */
    URI api(String pathAndQuery) {
        return URI.create(baseUrl + "api/" + pathAndQuery);
    }

    /** @return the {@code Authorization} header value: Basic with the agent e-mail and the API key */
    String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((staffEmail + ":" + apiKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** @return the host, for messages */
    String host() {
        return baseUrl.getHost();
    }

    /**
     * The agent UI's link to a case: {@code /staff/cases/record/{case_number}/} ([inf]: the address agents see in the
     * browser; not part of the API documentation).
     */
    String caseUrl(String caseNumber) {
        return baseUrl + "staff/cases/record/" + caseNumber + "/";
    }

    /** Never prints the API key or the webhook secret. */
    @Override
    public String toString() {
        return "DeskieSettings[" + baseUrl + ", " + staffEmail + ", webhook secret "
                + (webhookSecret == null ? "not set" : "set") + "]";
    }
}
