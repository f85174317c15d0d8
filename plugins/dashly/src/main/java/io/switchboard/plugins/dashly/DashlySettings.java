package io.switchboard.plugins.dashly;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The settings of a Dashly connection and how they are read. Dashly and Carrot quest are one platform under two
 * brands: same API, different hosts (README, "Vendor facts").
 *
 * @param apiBase       the API base ending in {@code /}, with the {@code v1/} prefix when chosen
 * @param apiToken      the API key (Settings → Developers → API keys)
 * @param webhookToken  the {@code token} Dashly sends in each chat webhook, or {@code null} when the connection's URL
 *                      token is the only proof
 * @param fromAdmin     the admin replies and notes are sent as: an admin id, or {@code default_admin}
 * @param site          the site's name for ticket subjects, or {@code null}
 * @param appUrl        the project's address in Dashly's web app, for links to conversations and leads, or
 *                      {@code null}
 * @param leadNoteEvent the name of the lead event that carries a note
 */
record DashlySettings(URI apiBase, String apiToken, String webhookToken, String fromAdmin, String site,
                      String appUrl, String leadNoteEvent) {

    static final String API_HOST = "api_host";
    static final String API_URL = "api_url";
    static final String API_PREFIX = "api_prefix";
    static final String API_TOKEN = "api_token";
    static final String WEBHOOK_TOKEN = "webhook_token";
    static final String FROM_ADMIN = "from_admin";
    static final String SITE = "site";
    static final String APP_URL = "app_url";
    static final String LEAD_NOTE_EVENT = "lead_note_event";

    static final String DASHLY = "dashly";
    static final String CARROT_QUEST = "carrotquest";
    static final String CUSTOM = "custom";
    static final String DEFAULT_ADMIN = "default_admin";
    static final String DEFAULT_NOTE_EVENT = "Note from Switchboard";

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.secret(API_TOKEN, "API key").asRequired().withHelp(
                    "In Dashly: Settings → Developers → API keys. The key acts for the whole project: keep it here,"
                            + " never in a web page."),
            ConfigField.choice(API_HOST, "Service", List.of(new Choice(DASHLY, "Dashly (api.dashly.app)"),
                            new Choice(CARROT_QUEST, "Carrot quest (api.carrotquest.io)"),
                            new Choice(CUSTOM, "Other address (a test server)")))
                    .withDefault(DASHLY),
            ConfigField.url(API_URL, "Other API address").withHelp(
                    "Only with \"Other address\": the API's base URL."),
            ConfigField.choice(API_PREFIX, "API paths", List.of(new Choice("none", "Without prefix (current docs)"),
                            new Choice("v1", "With /v1 (older docs)")))
                    .withDefault("none").withHelp("Leave as is unless Dashly's support says otherwise."),
            ConfigField.secret(WEBHOOK_TOKEN, "Webhook token (optional)").withHelp(
                    "The \"token\" Dashly's support set for the chat-message webhook, when they gave you one; every"
                            + " webhook without it is then refused. Empty: the connection's unguessable URL is the"
                            + " proof."),
            ConfigField.text(FROM_ADMIN, "Send as admin").withDefault(DEFAULT_ADMIN).withPattern(
                    "default_admin|[0-9]{1,20}").withHelp(
                    "The Dashly admin (operator) id the bot replies and operator notes are sent as, or default_admin"
                            + " for the project's default sender."),
            ConfigField.text(SITE, "Site name").withHelp(
                    "Shown in ticket subjects (\"<lead name> - <site>\"), e.g. example.com. Empty: \"Dashly\"."),
            ConfigField.url(APP_URL, "Project address in Dashly (optional)").withHelp(
                    "For links to the conversation and the lead card: the address of your project in Dashly's web"
                            + " app, e.g. https://app.dashly.app/project/12345. Empty: tickets get the ids only."),
            ConfigField.text(LEAD_NOTE_EVENT, "Lead note event").withDefault(DEFAULT_NOTE_EVENT).withHelp(
                    "Notes on a lead are written as an event with this name in the lead's history (Dashly's API"
                            + " has no call to write a lead note)."));

    /**
     * Reads settings.
     *
     * @throws PermanentVendorException when a required setting is missing (the platform validates before saving, so
     *                                  this means a configuration to fix)
     */
    static DashlySettings from(ConfigValues config) {
        String token = config.text(API_TOKEN).map(String::trim).filter(t -> !t.isEmpty()).orElseThrow(() ->
                new PermanentVendorException("The Dashly setting 'API key' is not configured"));
        String base = switch (config.text(API_HOST).orElse(DASHLY)) {
            case CARROT_QUEST -> "https://api.carrotquest.io/";
            case CUSTOM -> config.text(API_URL).orElseThrow(() ->
                    new PermanentVendorException("The Dashly setting 'Other API address' is not configured"));
            default -> "https://api.dashly.app/";
        };
        if (!base.endsWith("/")) {
            base += "/";
        }
        if ("v1".equals(config.text(API_PREFIX).orElse("none"))) {
            base += "v1/";
        }
        return new DashlySettings(URI.create(base), token, blankToNull(config.text(WEBHOOK_TOKEN).orElse(null)),
                config.text(FROM_ADMIN).map(String::trim).filter(a -> !a.isEmpty()).orElse(DEFAULT_ADMIN),
                blankToNull(config.text(SITE).orElse(null)), blankToNull(config.text(APP_URL).map(u ->
                        u.endsWith("/") ? u.substring(0, u.length() - 1) : u).orElse(null)),
                config.text(LEAD_NOTE_EVENT).map(String::trim).filter(e -> !e.isEmpty()).orElse(DEFAULT_NOTE_EVENT));
    }

    /** @return the API address of a path such as {@code users/5} */
    URI path(String path) {
        return apiBase.resolve(path);
    }

    /** @return the web app's link to a conversation, or {@code null} without the project address ([inf] format) */
    String conversationUrl(String conversationId) {
        return appUrl == null || conversationId == null ? null : appUrl + "/conversations/" + conversationId;
    }

    /** @return the web app's link to a lead card, or {@code null} without the project address ([inf] format) */
    String leadUrl(String leadId) {
        return appUrl == null || leadId == null ? null : appUrl + "/users/" + leadId;
    }

    /** @return the site's name for subjects */
    String siteName() {
        return site == null ? "Dashly" : site;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "DashlySettings[" + apiBase + ", from " + fromAdmin.toLowerCase(Locale.ROOT) + "]";
    }
}
