package io.switchboard.plugins.chatra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One Chatra REST call (README, "Vendor facts"): JSON in and out, the keys in an
 * {@code Authorization: Chatra.Simple <public>:<secret>} header (never in a URL). Failures become the SPI's
 * exceptions: 401/403 mean the keys are refused (or the plan has no API), 408/425/429/5xx are transient (with
 * {@code Retry-After}), the rest permanent with Chatra's error text. No message ever contains the secret key.
 */
final class ChatraApi {

    private final ChatraSettings settings;
    private final ConnectorContext context;

    private ChatraApi(ChatraSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    static ChatraApi of(ConnectorContext context) {
        return new ChatraApi(ChatraSettings.from(context.config()), context);
    }

    ChatraSettings settings() {
        return settings;
    }

    /** @return the answer of a GET */
    JsonNode get(String path, String what) {
        return answer(context.http().send(VendorRequest.get(settings.path(path))
                .withHeader("Authorization", auth())), what);
    }

    /** @return the answer of a POST or PUT with a JSON body */
    JsonNode send(String method, String path, Map<String, ?> body, String what) {
        String json;
        try {
            json = ChatraJson.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return answer(context.http().send(VendorRequest.json(method, settings.path(path), json)
                .withHeader("Authorization", auth())), what);
    }

    /** @return the HTTP status of an authenticated GET whose answer is not needed (for {@code check}) */
    int status(String path) {
        return context.http().send(VendorRequest.get(settings.path(path)).withHeader("Authorization", auth()))
                .status();
    }

    /** @return a path segment for an id, escaped (a site's own client id may hold any character) */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String auth() {
        return "Chatra.Simple " + settings.publicKey() + ":" + settings.secretKey();
    }

    private JsonNode answer(VendorResponse response, String what) {
        int status = response.status();
        if (status == 401 || status == 403) {
            throw new PermanentVendorException("Could not " + what + ": Chatra refused the API keys (HTTP " + status
                    + errorText(response).map(m -> ": " + m).orElse("") + "); check the public and secret key "
                    + "under Settings → Integrations → API, and that the Chatra plan includes the API");
        }
        if (!response.isSuccess()) {
            String message = "Could not " + what + ": Chatra answered HTTP " + status
                    + errorText(response).map(m -> " (" + m + ")").orElse("");
            if (status == 408 || status == 425 || status == 429 || status >= 500) {
                throw new TransientVendorException(message, response.retryAfter().orElse(null), null);
            }
            throw new PermanentVendorException(message);
        }
        JsonNode root = tree(response);
        if (root == null) {
            throw new TransientVendorException("Could not " + what + ": Chatra answered something that is not JSON",
                    null, null);
        }
        return root;
    }

    /** @return Chatra's error text ({@code error} or {@code message}), short and without the secret key */
    private Optional<String> errorText(VendorResponse response) {
        JsonNode root = tree(response);
        String text = root == null ? null : ChatraJson.text(root, "error", "message", "error.message",
                "errorMessage");
        if (text == null) {
            return Optional.empty();
        }
        text = text.replace(settings.secretKey(), "***");
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    private static JsonNode tree(VendorResponse response) {
        try {
            return response.body().length == 0 ? null : ChatraJson.JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }
}
