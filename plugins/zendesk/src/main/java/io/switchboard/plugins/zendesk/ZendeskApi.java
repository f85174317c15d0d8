package io.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zendesk Support API v2 calls (README, "Vendor facts"): Basic auth {@code {email}/token:{api_token}}, JSON
 * bodies wrapped in a root key, and failures turned into the SPI's exceptions:
 * <ul>
 * <li>401 → permanent "Zendesk refused the agent e-mail and API token"; 403 → permanent, no access;</li>
 * <li>408, 425, 429, 5xx → transient, carrying {@code Retry-After} (the body is not required to be JSON: a 429 may
 *     come as plain text);</li>
 * <li>409 → transient: Zendesk answers it for concurrent updates and merges, which a later retry resolves
 *     (decision: the SPI's default would be permanent);</li>
 * <li>other 4xx → permanent, with Zendesk's {@code error}, {@code description} and {@code details} in the message.</li>
 * </ul>
 * Lists are read with cursor pagination ({@code page[size]}, {@code links.next} while {@code meta.has_more})
 * or, for {@code /search}, offset pagination ({@code next_page}); the next-page link is always re-based onto the
 * configured account, so credentials are never sent to another host.
 */
final class ZendeskApi {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Zendesk's largest page for cursor pagination (README, "Vendor facts"). */
    static final int PAGE_SIZE = 100;

    private final ZendeskSettings settings;
    private final ConnectorContext context;

    ZendeskApi(ZendeskSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** @return an API bound to the connection of this call */
    static ZendeskApi of(ConnectorContext context) {
        return new ZendeskApi(ZendeskSettings.from(context.config()), context);
    }

    ZendeskSettings settings() {
        return settings;
    }

    /** @return {@code name=value&…}, each part URL-encoded ({@code +} in a phone becomes {@code %2B}) */
    static String query(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, value) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    /** @return a map of the pairs, in order */
    static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** GET {@code /api/v2/{pathAndQuery}}. */
    JsonNode get(String pathAndQuery, String what) {
        return send(VendorRequest.get(settings.api(pathAndQuery)), what).json;
    }

    /** POST a JSON body; returns the answer. */
    JsonNode post(String path, ObjectNode body, String what) {
        return send(VendorRequest.json("POST", settings.api(path), body.toString()), what).json;
    }

    /**
     * POST a JSON body with an {@code Idempotency-Key} header ("Idempotency", Ticketing API introduction: Zendesk
     * does the request once per key for two hours and answers a repeat with the first answer), so a request repeated
     * after a lost answer creates nothing twice. Without a key, a plain POST.
     */
    JsonNode postOnce(String path, ObjectNode body, String key, String what) {
        VendorRequest request = VendorRequest.json("POST", settings.api(path), body.toString());
        return send(key == null || key.isBlank() ? request : request.withHeader("Idempotency-Key", key), what).json;
    }

    /** POST a JSON body; returns the answer and its status (create_or_update says 201 created / 200 updated). */
    Answer postWithStatus(String path, ObjectNode body, String what) {
        return send(VendorRequest.json("POST", settings.api(path), body.toString()), what);
    }

    /** PUT a JSON body; returns the answer. */
    JsonNode put(String path, ObjectNode body, String what) {
        return send(VendorRequest.json("PUT", settings.api(path), body.toString()), what).json;
    }

    /**
     * Reads a list with cursor pagination: {@code page[size]=100} is added, then {@code links.next} is followed while
     * {@code meta.has_more} is true. Falls back to offset pagination ({@code next_page}) when the answer has no
     * {@code meta} (older endpoints, and {@code /search}).
     *
     * @param pathAndQuery the first page's path and query, without {@code page[size]}
     * @param rootKey      the array's key in each page, e.g. {@code tickets}, {@code results}
     * @param maxPages     stop after this many pages (a guard against endless lists)
     * @return the items of all pages read, in the vendor's order
     */
    List<JsonNode> list(String pathAndQuery, String rootKey, int maxPages, String what) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        return pages(settings.api(pathAndQuery + separator + "page%5Bsize%5D=" + PAGE_SIZE), rootKey, maxPages, what);
    }

    /** Like {@link #list} but without adding {@code page[size]}: for offset-paginated {@code /search}. */
    List<JsonNode> offsetList(String pathAndQuery, String rootKey, int maxPages, String what) {
        return pages(settings.api(pathAndQuery), rootKey, maxPages, what);
    }

    private List<JsonNode> pages(URI first, String rootKey, int maxPages, String what) {
        List<JsonNode> items = new ArrayList<>();
        URI next = first;
        for (int page = 0; page < maxPages && next != null; page++) {
            JsonNode answer = send(VendorRequest.get(next), what).json;
            JsonNode array = answer.path(rootKey);
            if (!array.isArray()) {
                throw new PermanentVendorException("Could not " + what + ": Zendesk's answer has no '" + rootKey
                        + "' list");
            }
            array.forEach(items::add);
            next = nextPage(answer);
        }
        return items;
    }

    /** The next page's URL re-based onto the configured account, or {@code null} at the end. */
    private URI nextPage(JsonNode answer) {
        String link;
        if (answer.has("meta")) {
            if (!answer.path("meta").path("has_more").asBoolean(false)) {
                return null;
            }
            link = ZendeskMapping.text(answer.path("links").path("next"));
        } else {
            link = ZendeskMapping.text(answer.path("next_page"));
        }
        if (link == null) {
            return null;
        }
        try {
            URI uri = URI.create(link.replace("[", "%5B").replace("]", "%5D"));
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            int api = path.indexOf("/api/v2/");
            if (api < 0) {
                return null;
            }
            String rest = path.substring(api + "/api/v2/".length())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return settings.api(rest);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** A parsed answer and its HTTP status. */
    record Answer(int status, JsonNode json) {
    }

    private Answer send(VendorRequest request, String what) {
        VendorResponse response = context.http().send(request.withHeader("Authorization", settings.authorization()));
        int status = response.status();
        if (response.isSuccess()) {
            return new Answer(status, parse(response, what));
        }
        String detail = errorText(response);
        if (status == 401) {
            throw new PermanentVendorException("Zendesk refused the agent e-mail and API token ("
                    + (detail == null ? "HTTP 401" : detail) + ")");
        }
        if (status == 403) {
            throw new PermanentVendorException("Could not " + what + ": Zendesk refused access for this agent ("
                    + (detail == null ? "HTTP 403" : detail) + ")");
        }
        if (status == 409) {
            throw new TransientVendorException("Could not " + what + ": Zendesk reported a conflicting change (HTTP"
                    + " 409" + (detail == null ? "" : ", " + detail) + ")", response.retryAfter().orElse(null), null);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            response.requireSuccess(what);
        }
        throw new PermanentVendorException("Could not " + what + ": Zendesk answered HTTP " + status
                + (detail == null ? "" : " (" + detail + ")"));
    }

    private static JsonNode parse(VendorResponse response, String what) {
        if (response.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            throw new PermanentVendorException("Could not " + what + ": Zendesk answered something that is not JSON");
        }
    }

    /**
     * Zendesk's error text: {@code error} (a string, or an object with {@code title}/{@code message}),
     * {@code description}, and the first {@code description} of each entry in {@code details}, e.g.
     * "RecordInvalid: Record validation errors; Requester: Email is invalid [InvalidValue]". {@code null} when the body says
     * nothing readable (also for non-JSON bodies such as a plain-text 429).
     */
    static String errorText(VendorResponse response) {
        JsonNode node;
        try {
            node = JSON.readTree(response.body());
        } catch (IOException notJson) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        JsonNode error = node.path("error");
        if (error.isObject()) {
            addIfText(parts, error.path("title"));
            addIfText(parts, error.path("message"));
        } else {
            addIfText(parts, error);
        }
        addIfText(parts, node.path("description"));
        List<String> details = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.path("details").properties()) {
            for (JsonNode problem : field.getValue()) {
                String text = ZendeskMapping.text(problem.path("description"));
                String code = ZendeskMapping.text(problem.path("error"));
                details.add((text != null ? text : field.getKey() + ": invalid") + (code == null ? "" : " [" + code + "]"));
            }
        }
        String main = String.join(": ", parts);
        if (!details.isEmpty()) {
            main = (main.isEmpty() ? "" : main + "; ") + String.join("; ", details);
        }
        return main.isEmpty() ? null : main;
    }

    private static void addIfText(List<String> parts, JsonNode node) {
        String text = ZendeskMapping.text(node);
        if (text != null && node.isValueNode()) {
            parts.add(text);
        }
    }
}
