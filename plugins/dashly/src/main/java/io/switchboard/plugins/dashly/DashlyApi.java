package io.switchboard.plugins.dashly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One Dashly Web API call (README, "Vendor facts"): arguments as query parameters (GET) or form fields (POST), the key
 * in an {@code Authorization: Token …} header (never in a URL, where logs keep it), {@code id_as_string=true} on
 * every call because newer projects have 64-bit ids, and the answer's {@code {"meta": …, "data": …}} envelope,
 * whose {@code meta.status} repeats the HTTP status. Failures become the SPI's exceptions: 401/403 mean the key is
 * refused, 408/425/429/5xx are transient (with {@code Retry-After}), the rest permanent with Dashly's
 * {@code error_message}.
 */
final class DashlyApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final DashlySettings settings;
    private final ConnectorContext context;

    DashlyApi(DashlySettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    static DashlyApi of(ConnectorContext context) {
        return new DashlyApi(DashlySettings.from(context.config()), context);
    }

    DashlySettings settings() {
        return settings;
    }

    /** @return the envelope's {@code data} of a GET */
    JsonNode get(String path, Map<String, String> query, String what) {
        Map<String, String> all = new LinkedHashMap<>(query);
        all.put("id_as_string", "true");
        URI uri = URI.create(settings.path(path) + "?" + form(all));
        return data(context.http().send(VendorRequest.get(uri).withHeader("Authorization", auth())), what);
    }

    /** @return the envelope's {@code data} of a form POST */
    JsonNode post(String path, Map<String, String> fields, String what) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("id_as_string", "true");
        VendorRequest request = new VendorRequest("POST", settings.path(path), Map.of(
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                "Accept", "application/json",
                "Authorization", auth()), form(all).getBytes(StandardCharsets.UTF_8));
        return data(context.http().send(request), what);
    }

    /**
     * @return the HTTP status of an authenticated GET whose answer is not needed (for {@code check}); the SPI's
     *         transient exception when Dashly cannot be reached
     */
    int status(String path) {
        URI uri = URI.create(settings.path(path) + "?id_as_string=true&props=false");
        return context.http().send(VendorRequest.get(uri).withHeader("Authorization", auth())).status();
    }

    private String auth() {
        return "Token " + settings.apiToken();
    }

    private static JsonNode data(VendorResponse response, String what) {
        if (response.status() == 401 || response.status() == 403) {
            throw new PermanentVendorException("Could not " + what + ": Dashly refused the API key ("
                    + errorMessage(response).orElse("HTTP " + response.status()) + "); check it under Settings → "
                    + "Developers → API keys");
        }
        if (!response.isSuccess()) {
            String message = "Could not " + what + ": Dashly answered HTTP " + response.status()
                    + errorMessage(response).map(m -> " (" + m + ")").orElse("");
            int status = response.status();
            if (status == 408 || status == 425 || status == 429 || status >= 500) {
                throw new TransientVendorException(message, response.retryAfter().orElse(null), null);
            }
            throw new PermanentVendorException(message);
        }
        JsonNode root = tree(response);
        if (root == null || !root.isObject()) {
            throw new TransientVendorException("Could not " + what + ": Dashly answered something that is not its "
                    + "JSON envelope", null, null);
        }
        JsonNode meta = root.path("meta");
        int metaStatus = meta.path("status").asInt(200);
        if (metaStatus >= 400 || meta.hasNonNull("error")) {
            throw new PermanentVendorException("Could not " + what + ": Dashly said \""
                    + meta.path("error_message").asText(meta.path("error").asText("error " + metaStatus)) + "\"");
        }
        return root.path("data");
    }

    private static java.util.Optional<String> errorMessage(VendorResponse response) {
        JsonNode root = tree(response);
        if (root == null) {
            return java.util.Optional.empty();
        }
        JsonNode meta = root.path("meta");
        String text = meta.path("error_message").asText(meta.path("error").asText(""));
        return text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(text);
    }

    private static JsonNode tree(VendorResponse response) {
        try {
            return response.body().length == 0 ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** @return the fields as {@code application/x-www-form-urlencoded} (UTF-8) */
    static String form(Map<String, String> fields) {
        StringJoiner joined = new StringJoiner("&");
        fields.forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    /** @return a JSON array or object as the text Dashly expects inside one form field */
    static String jsonField(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
