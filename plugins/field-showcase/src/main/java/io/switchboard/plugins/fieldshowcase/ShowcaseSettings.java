package io.switchboard.plugins.fieldshowcase;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.TemplateVariable;
import java.net.URI;
import java.util.List;

/**
 * The settings of a field-showcase connection: one field of every {@link io.switchboard.spi.config.FieldType}, in
 * a fixed order, so the platform's tests can prove that a new plugin with a new field set gets its admin form
 * without a platform change. Only {@link #API_TOKEN} and {@link #BASE_URL} are used by the connector; the rest are
 * there to be rendered, validated and stored.
 *
 * @param apiToken the token sent as {@code Authorization: Bearer …}
 * @param baseUrl  the service's base URL, ending in {@code /}
 */
record ShowcaseSettings(String apiToken, URI baseUrl) {

    static final String ACCOUNT = "account";
    static final String API_TOKEN = "api_token";
    static final String BASE_URL = "base_url";
    static final String NOTIFY_EMAIL = "notify_email";
    static final String TIMEOUT_SECONDS = "timeout_seconds";
    static final String SEND_GREETING = "send_greeting";
    static final String REGION = "region";
    static final String CHANNELS = "channels";
    static final String TEAM = "team";
    static final String GREETING = "greeting";
    static final String AGENTS = "agents";
    static final String CALLER_KEYS = "caller_keys";

    /** Columns of {@link #AGENTS}. */
    static final String AGENT_EMAIL = "email";
    static final String AGENT_EXTENSION = "extension";
    static final String AGENT_ROLE = "role";

    /** The dynamic options source of {@link #TEAM}. */
    static final String TEAMS_SOURCE = "teams";

    /** The label of {@link #CHANNELS}: deliberately HTML-like, so the platform's escaping can be tested. */
    static final String CHANNELS_LABEL = "Channels <b>to</b> watch & \"sync\"";

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text(ACCOUNT, "Account").asRequired().withPattern("[a-z0-9-]{3,30}").withHelp(
                    "Your showcase account name: 3 to 30 lower-case letters, digits or dashes."),
            ConfigField.secret(API_TOKEN, "API token").asRequired(),
            ConfigField.url(BASE_URL, "Service URL").asRequired().withHelp("Where the showcase service runs"),
            ConfigField.email(NOTIFY_EMAIL, "Notification e-mail"),
            ConfigField.number(TIMEOUT_SECONDS, "Timeout (seconds)").withRange(1L, 120L).withDefault("30"),
            ConfigField.bool(SEND_GREETING, "Send a greeting").withDefault("false"),
            ConfigField.choice(REGION, "Region", List.of(Choice.of("eu", "Europe"),
                    Choice.of("us", "United States"))).asRequired().withDefault("eu"),
            ConfigField.multiChoice(CHANNELS, CHANNELS_LABEL, List.of(Choice.of("phone", "Phone"),
                    Choice.of("chat", "Chat"), Choice.of("mail", "E-mail"))),
            ConfigField.choice(TEAM, "Team", List.of()).fromSource(TEAMS_SOURCE),
            ConfigField.template(GREETING, "Greeting", List.of(
                    new TemplateVariable("client_name", "Client's name", "Anna Schmidt"),
                    new TemplateVariable("phone", "Caller's number", "+49 30 1234567"))).withHelp(
                    "What the caller hears, e.g. Hello {{client_name}}! Required when the greeting is on."),
            ConfigField.mapping(AGENTS, "Agents", List.of(
                    ConfigField.email(AGENT_EMAIL, "E-mail").asRequired(),
                    ConfigField.number(AGENT_EXTENSION, "Extension"),
                    ConfigField.choice(AGENT_ROLE, "Role", List.of(Choice.of("agent", "Agent"),
                            Choice.of("supervisor", "Supervisor"))))),
            ConfigField.apiKeys(CALLER_KEYS, "Keys for callers").withHelp(
                    "Made by Switchboard and shown once: what a system calling this connection's inbound URL sends"
                            + " as a bearer token."));

    /**
     * Reads the settings the connector calls the service with.
     *
     * @throws IllegalStateException    when the token or URL is not configured
     * @throws IllegalArgumentException when the URL is not a valid URI
     */
    static ShowcaseSettings from(ConfigValues config) {
        String base = config.requireText(BASE_URL).strip();
        return new ShowcaseSettings(config.requireText(API_TOKEN), URI.create(base.endsWith("/") ? base : base + "/"));
    }

    /** @return the URL of an API method, e.g. {@code api("ping")} → {@code {base_url}/api/ping} */
    URI api(String method) {
        return baseUrl.resolve("api/" + method);
    }

    /** @return the host (and port) to name in messages */
    String where() {
        return baseUrl.getAuthority() == null ? baseUrl.toString() : baseUrl.getAuthority();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ShowcaseSettings[" + baseUrl + ", api token " + (apiToken == null ? "unset" : "set") + "]";
    }
}
