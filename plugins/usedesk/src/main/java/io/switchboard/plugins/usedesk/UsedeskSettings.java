package io.switchboard.plugins.usedesk;

import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import java.net.URI;

/**
 * The settings of a Usedesk connection and how they are read.
 *
 * @param apiToken  the API channel's token (also the webhook {@code secret})
 * @param baseUrl   API base URL ending in {@code /}
 * @param channelId the API channel id new tickets are attached to, or {@code null} for the token's own channel
 * @param region    where the account lives (decides the UI links)
 */
record UsedeskSettings(String apiToken, URI baseUrl, Long channelId, UsedeskRegion region, Long noteAuthor) {

    static final String API_TOKEN = "api_token";
    static final String REGION = "region";
    static final String BASE_URL = "base_url";
    static final String CHANNEL_ID = "channel_id";
    static final String NOTE_AUTHOR = "note_author";

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.secret(API_TOKEN, "API token").asRequired().withHelp(
                    "In Usedesk: Settings → Channels → API → your API channel → copy the token."),
            ConfigField.choice(REGION, "Where your Usedesk account lives", UsedeskRegion.choices())
                    .asRequired().withDefault(UsedeskRegion.RU.value),
            ConfigField.url(BASE_URL, "Server URL (self-hosted only)").withHelp(
                    "Only for a self-hosted Usedesk: the API address, e.g. https://usedesk.example.com/uapi/"),
            ConfigField.number(CHANNEL_ID, "API channel id").withRange(1L, null).withHelp(
                    "Optional: the channel new tickets are attached to. Empty: the API channel of the token."),
            ConfigField.number(NOTE_AUTHOR, "Agent the platform's notes are written as").withRange(1L, null)
                    .withHelp("Optional: the id of a Usedesk agent (Settings → Employees). Usedesk requires an agent's"
                            + " id with every comment sent as an agent's; without one, notes are sent without naming"
                            + " a sender and Usedesk decides who wrote them."));

    /** Reads validated settings; the region decides the base URL unless it is self-hosted. */
    static UsedeskSettings from(ConfigValues config) {
        UsedeskRegion region = UsedeskRegion.of(config.text(REGION).orElse(UsedeskRegion.RU.value));
        String base = region == UsedeskRegion.CUSTOM ? config.requireText(BASE_URL) : region.baseUrl;
        return new UsedeskSettings(config.requireText(API_TOKEN), URI.create(base.endsWith("/") ? base : base + "/"),
                config.number(CHANNEL_ID).orElse(null), region, config.number(NOTE_AUTHOR).orElse(null));
    }

    /**
     * The link to a ticket in the agents' UI. [inf] The UI address is not in the API documentation: the cloud
     * UIs are {@code secure.usedesk.ru} (also assumed for self-hosted accounts, whose UI host is unknown) and
     * {@code secure.usedesk.com}, with tickets at {@code /tickets/{id}}; verify against a live account.
     */
    String ticketUrl(String ticketId) {
        String host = region == UsedeskRegion.COM ? "secure.usedesk.com" : "secure.usedesk.ru";
        return "https://" + host + "/tickets/" + ticketId;
    }

    /** @return the URL of an API method, e.g. {@code users} or {@code create/ticket} */
    URI method(String name) {
        return baseUrl.resolve(name);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "UsedeskSettings[" + baseUrl + ", channel " + channelId + ", " + region + "]";
    }
}
