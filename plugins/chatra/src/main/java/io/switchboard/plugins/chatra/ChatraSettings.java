package io.switchboard.plugins.chatra;

import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of a Chatra connection and how they are read (README, "Settings").
 *
 * @param apiBase      the REST API base ending in {@code /} ({@code https://app.chatra.io/api/})
 * @param publicKey    the public API key (Chatra ID)
 * @param secretKey    the secret API key
 * @param defaultAgent the integration's own agent: a Chatra agent id, an agent's e-mail, or {@code null} for a random
 *                     agent of the account (pushed messages)
 * @param agentName    the name Chatra gives the integration's agent when {@code defaultAgent} is an e-mail it does
 *                     not know yet
 * @param ownAgents    e-mails (lower case) of agents who may write as themselves; {@code "*"} for any e-mail
 */
record ChatraSettings(URI apiBase, String publicKey, String secretKey, String defaultAgent, String agentName,
                      Set<String> ownAgents) {

    static final String API_URL = "api_url";
    static final String PUBLIC_KEY = "public_key";
    static final String SECRET_KEY = "secret_key";
    static final String DEFAULT_AGENT = "default_agent";
    static final String AGENT_NAME = "agent_name";
    static final String OWN_AGENTS = "own_agents";

    static final String DEFAULT_API = "https://app.chatra.io/api/";
    static final String DEFAULT_AGENT_NAME = "Switchboard";
    static final String ANY = "*";

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text(PUBLIC_KEY, "Public API key").asRequired().withPattern("[A-Za-z0-9]{5,64}").withHelp(
                    "In Chatra: Settings → Integrations → API (also called Chatra ID), e.g. KQN2vdXYigrbe3F36."),
            ConfigField.secret(SECRET_KEY, "Secret API key").asRequired().withHelp(
                    "Next to the public key in Chatra. The API is available on paid Chatra plans only."),
            ConfigField.text(DEFAULT_AGENT, "Integration's agent (optional)").withHelp(
                    "Who writes the integration's messages in chats: the e-mail or the id of a Chatra agent. An "
                            + "e-mail Chatra does not know yet becomes a new agent with the name below. Empty: a "
                            + "random agent of the account (Chatra's pushed messages)."),
            ConfigField.text(AGENT_NAME, "Integration's agent name").withDefault(DEFAULT_AGENT_NAME).withHelp(
                    "The name of the integration's agent when it is given by e-mail, e.g. the connection's name."),
            ConfigField.text(OWN_AGENTS, "Agents who write as themselves (optional)").withHelp(
                    "Comma-separated e-mails of Chatra agents. A reply by an employee with one of these e-mails is "
                            + "sent as that Chatra agent; other replies as the integration's agent. * sends every "
                            + "reply as the agent with the author's e-mail (Chatra creates one for an unknown "
                            + "e-mail)."),
            ConfigField.url(API_URL, "API address").withDefault(DEFAULT_API).withHelp(
                    "Leave as is; another address only for a test server."));

    /**
     * Reads settings.
     *
     * @throws PermanentVendorException when a required setting is missing
     */
    static ChatraSettings from(ConfigValues config) {
        String pub = config.text(PUBLIC_KEY).map(String::trim).filter(k -> !k.isEmpty()).orElseThrow(() ->
                new PermanentVendorException("The Chatra setting 'Public API key' is not configured"));
        String secret = config.text(SECRET_KEY).map(String::trim).filter(k -> !k.isEmpty()).orElseThrow(() ->
                new PermanentVendorException("The Chatra setting 'Secret API key' is not configured"));
        String base = config.text(API_URL).map(String::trim).filter(u -> !u.isEmpty()).orElse(DEFAULT_API);
        if (!base.endsWith("/")) {
            base += "/";
        }
        Set<String> own = Arrays.stream(config.text(OWN_AGENTS).orElse("").split("[,;\\s]+"))
                .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new ChatraSettings(URI.create(base), pub, secret, blankToNull(config.text(DEFAULT_AGENT).orElse(null)),
                config.text(AGENT_NAME).map(String::trim).filter(n -> !n.isEmpty()).orElse(DEFAULT_AGENT_NAME), own);
    }

    /** @return the API address of a path such as {@code clients/abc} */
    URI path(String path) {
        return apiBase.resolve(path);
    }

    /** @return true when a reply by this e-mail is sent as the Chatra agent with that e-mail */
    boolean writesAsThemself(String email) {
        return email != null && !email.isBlank()
                && (ownAgents.contains(ANY) || ownAgents.contains(email.trim().toLowerCase(Locale.ROOT)));
    }

    /** @return true when the integration's agent is given by e-mail (else by id, or none) */
    boolean defaultAgentIsEmail() {
        return defaultAgent != null && defaultAgent.contains("@");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "ChatraSettings[" + apiBase + ", public key " + publicKey + ", agent "
                + (defaultAgent == null ? "random" : defaultAgent) + "]";
    }
}
