package io.switchboard.plugins.zendesk;

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
 * The settings of a Zendesk connection and how they are read (README, "Settings" and "Vendor facts").
 *
 * @param baseUrl       the account's address ending in {@code /}, e.g. {@code https://acme.zendesk.com/}; the API
 *                      lives under {@code api/v2/}, the agents' UI under {@code agent/}
 * @param agentEmail    the e-mail of the agent whose API token is used
 * @param apiToken      the API token (Admin Center → Apps and integrations → Zendesk API)
 * @param webhookSecret the webhook's signing secret, or {@code null} when webhooks are not verified by signature
 */
record ZendeskSettings(URI baseUrl, String agentEmail, String apiToken, String webhookSecret) {

    static final String PORTAL = "portal";
    static final String AGENT_EMAIL = "agent_email";
    static final String API_TOKEN = "api_token";
    static final String WEBHOOK_SECRET = "webhook_secret";

    /** A bare subdomain: what goes before {@code .zendesk.com}. */
    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text(PORTAL, "Zendesk portal").asRequired().withHelp(
                    "Your Zendesk address, e.g. https://acme.zendesk.com, or just the subdomain: acme"),
            ConfigField.email(AGENT_EMAIL, "Agent e-mail").asRequired().withHelp(
                    "The e-mail you sign in to Zendesk with (an agent or admin); the API token acts on its behalf."),
            ConfigField.secret(API_TOKEN, "API token").asRequired().withHelp(
                    "In Zendesk: Admin Center → Apps and integrations → Zendesk API → enable token access and add"
                            + " an API token."),
            ConfigField.secret(WEBHOOK_SECRET, "Webhook signing secret").withHelp(
                    "Optional, for Zendesk → Switchboard events: Admin Center → Apps and integrations → Webhooks →"
                            + " your webhook → Reveal secret. Without it, webhooks are trusted by their URL alone."));

    /**
     * Reads settings.
     *
     * @throws PermanentVendorException when a required setting is missing or the portal is not an address (the
     *                                  platform validates before saving, so this means a configuration to fix)
     */
    static ZendeskSettings from(ConfigValues config) {
        String portal = required(config, PORTAL);
        URI base = portalUrl(portal).orElseThrow(() -> new PermanentVendorException(
                "The Zendesk portal setting is not an address: enter https://<subdomain>.zendesk.com or the subdomain"));
        return new ZendeskSettings(base, required(config, AGENT_EMAIL).trim(), required(config, API_TOKEN).trim(),
                config.text(WEBHOOK_SECRET).map(String::trim).filter(s -> !s.isEmpty()).orElse(null));
    }

    private static String required(ConfigValues config, String key) {
        return config.text(key).orElseThrow(() -> new PermanentVendorException(
                "The Zendesk setting '" + key + "' is not configured"));
    }

    /**
     * Turns what the tenant typed into the account's base URL, or empty when it is not an address:
     * <ul>
     * <li>a subdomain ({@code acme}) → {@code https://acme.zendesk.com/};</li>
     * <li>a host without scheme ({@code acme.zendesk.com}) → {@code https://acme.zendesk.com/};</li>
     * <li>a full URL, possibly copied from the browser ({@code https://acme.zendesk.com/agent/tickets/5}) → its
     *     scheme and authority only. {@code https} is required, except for loopback hosts (tests, local
     *     fakes), which may use {@code http}.</li>
     * </ul>
     * Host-mapped (custom) domains are accepted as full https URLs; [inf] whether the API answers on a
     * host-mapped domain is not documented: Zendesk documents {@code {subdomain}.zendesk.com} only (README, "Vendor
     * facts").
     */
    static Optional<URI> portalUrl(String portal) {
        return AccountUrl.parse(portal, "zendesk.com");
    }

    /** @return the {@code Authorization} header value: Basic {@code {email}/token:{api_token}} */
    String authorization() {
        String user = agentEmail + "/token:" + apiToken;
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the host, for messages */
    String host() {
        return baseUrl.getHost();
    }

    /** @return an API URL; {@code pathAndQuery} is relative to {@code /api/v2/}, already encoded */
    URI api(String pathAndQuery) {
        return URI.create(baseUrl + "api/v2/" + pathAndQuery);
    }

    /**
     * The agents' UI link to a ticket. [inf] The API's own {@code url} field points to the JSON resource, not to the
     * UI; {@code /agent/tickets/{id}} is the address the Zendesk agent workspace shows, not part of the API docs.
     */
    String ticketUrl(String ticketId) {
        return baseUrl + "agent/tickets/" + ticketId;
    }

    /** The agents' UI link to a user ([inf], as {@link #ticketUrl}). */
    String userUrl(String userId) {
        return baseUrl + "agent/users/" + userId;
    }

    /** The agents' UI link to an organization ([inf], as {@link #ticketUrl}). */
    String organizationUrl(String organizationId) {
        return baseUrl + "agent/organizations/" + organizationId;
    }

    /** Never prints the token or the signing secret. */
    @Override
    public String toString() {
        return "ZendeskSettings[" + baseUrl + ", " + agentEmail + ", webhook secret "
                + (webhookSecret == null ? "not set" : "set") + "]";
    }
}
