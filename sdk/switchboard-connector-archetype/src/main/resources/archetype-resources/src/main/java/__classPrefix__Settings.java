package ${package};

import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import java.net.URI;

/**
 * The settings of one ${connectorName} connection: the schema the platform renders as the connection form, and the
 * values read back from what the tenant filled in (secrets decrypted by the platform).
 *
 * @param baseUrl      the helpdesk's address, ending in {@code /}
 * @param apiKey       the API key requests are authenticated with
 * @param webhookToken the token the helpdesk's webhooks carry as {@code Authorization: Bearer …}, or {@code null}
 */
public record ${classPrefix}Settings(URI baseUrl, String apiKey, String webhookToken) {

    static final String BASE_URL = "base_url";
    static final String API_KEY = "api_key";
    static final String WEBHOOK_TOKEN = "webhook_token";

    /** The connection form. SECRET fields are encrypted by the platform and never shown back. */
    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.url(BASE_URL, "Helpdesk address").asRequired()
                    .withHelp("The address you open ${connectorName} at, e.g. https://yourcompany.freshdesk.com"),
            ConfigField.secret(API_KEY, "API key").asRequired()
                    .withHelp("Profile settings → View API key"),
            ConfigField.secret(WEBHOOK_TOKEN, "Webhook token (optional)")
                    .withHelp("Any long random text; put it in the automation rule's webhook as the header"
                            + " Authorization: Bearer <token>"));

    /** Reads the settings of a connection. */
    static ${classPrefix}Settings from(ConfigValues config) {
        String base = config.requireText(BASE_URL).strip();
        // Without the trailing slash, URI.resolve("api/v2/…") would replace the host's last path segment.
        URI baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        return new ${classPrefix}Settings(baseUrl, config.requireText(API_KEY),
                config.text(WEBHOOK_TOKEN).filter(t -> !t.isBlank()).orElse(null));
    }

    /** @return the address of an API path such as {@code api/v2/tickets} */
    URI resolve(String path) {
        return baseUrl.resolve(path);
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "${classPrefix}Settings[" + baseUrl + "]";
    }
}
