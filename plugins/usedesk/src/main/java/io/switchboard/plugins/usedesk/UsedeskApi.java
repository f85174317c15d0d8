package io.switchboard.plugins.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * One Usedesk API call (README, "Vendor facts"): a POST with {@code api_token} in the JSON body, and the
 * vendor's two ways of failing — an HTTP error status, or an {@code {"error": …, "code": …}} object that may come
 * with HTTP 200 — turned into the SPI's exceptions. The token is put into the body only, never into a message.
 */
final class UsedeskApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final UsedeskSettings settings;
    private final ConnectorContext context;

    UsedeskApi(UsedeskSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** @return an API bound to the connection of this call */
    static UsedeskApi of(ConnectorContext context) {
        return new UsedeskApi(UsedeskSettings.from(context.config()), context);
    }

    UsedeskSettings settings() {
        return settings;
    }

    /** @return an empty request body to fill */
    static ObjectNode body() {
        return JSON.createObjectNode();
    }

    /**
     * Calls an API method and returns its JSON answer.
     *
     * @param method the method path, e.g. {@code create/ticket}
     * @param body   the request fields; {@code api_token} is added here
     * @param what   what is attempted, in plain words ("create a ticket"), for messages
     * @throws TransientVendorException on 408/425/429/5xx and when Usedesk cannot be reached
     * @throws PermanentVendorException on a refused token (401/403, or an error about the token) and other errors
     */
    JsonNode call(String method, ObjectNode body, String what) {
        ObjectNode sent = body.deepCopy();
        sent.put("api_token", settings.apiToken());
        VendorResponse response = context.http().send(
                VendorRequest.json("POST", settings.method(method), sent.toString()));
        if (response.status() == 401 || response.status() == 403) {
            throw refused(errorText(response).orElse("HTTP " + response.status()));
        }
        response.requireSuccess(what);
        Optional<String> error = errorText(response);
        if (error.isPresent()) {
            if (error.get().toLowerCase(Locale.ROOT).contains("token")) {
                throw refused(error.get());
            }
            throw new PermanentVendorException("Could not " + what + ": Usedesk said \"" + error.get() + "\"");
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null) {
                throw new PermanentVendorException("Could not " + what + ": Usedesk answered an empty body");
            }
            return node;
        } catch (IOException e) {
            throw new PermanentVendorException("Could not " + what + ": Usedesk answered something that is not JSON");
        }
    }

    private static PermanentVendorException refused(String detail) {
        return new PermanentVendorException("Usedesk refused the API token (" + detail + ")");
    }

    private static Optional<String> errorText(VendorResponse response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject() || !node.has("error") || node.get("error").isNull()) {
                return Optional.empty();
            }
            JsonNode error = node.get("error");
            return Optional.of(error.isTextual() ? error.asText() : error.toString());
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
