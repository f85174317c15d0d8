package io.switchboard.plugins.deskie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Deskie (Omnidesk) API calls (README, "Vendor facts"): HTTP Basic with the agent e-mail and the API key, paths
 * ending in {@code .json}, bodies wrapped in a root key ({@code case}, {@code message}, {@code user}), and list
 * answers that are <b>objects keyed "0", "1", …</b> with a {@code total_count}, not arrays ("Introduction" and every
 * list example; palachX/laravel-omnidesk {@code fetchList}: "unset total_count, then map each item"). Lists are
 * paged with {@code page} (1…500) and {@code limit} (≤ 100) until {@code page × limit ≥ total_count}.
 *
 * <p>Failures become the SPI's exceptions by HTTP status only (the error body is not documented):
 * <ul>
 * <li>401 → permanent "Deskie refused the agent e-mail and API key"; 403 → permanent, the agent may not do it;</li>
 * <li>429 → transient with the wait Deskie gives in its {@code retry_after} header (seconds; a standard
 *     {@code Retry-After} is read too), else {@link #RATE_WAIT};</li>
 * <li>408, 425, 5xx → transient; other 4xx → permanent with Deskie's {@code error}/{@code description} text.</li>
 * </ul>
 * Messages never contain the API key.
 */
final class DeskieApi {

    /** Deskie's largest page ("Cases: list", "Users: list": {@code limit} up to 100). */
    static final int PAGE_SIZE = 100;
    /** Deskie's highest page number ("Cases: list": {@code page} 1…500). */
    static final int MAX_PAGE = 500;
    /** The wait after a 429 without {@code retry_after}: the limit is per minute ("Introduction"). */
    static final Duration RATE_WAIT = Duration.ofSeconds(60);

    private final DeskieSettings settings;
    private final ConnectorContext context;

    DeskieApi(DeskieSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    static DeskieApi of(ConnectorContext context) {
        return new DeskieApi(DeskieSettings.from(context.config()), context);
    }

    DeskieSettings settings() {
        return settings;
    }

    ConnectorContext context() {
        return context;
    }

    /** GET {@code /api/{pathAndQuery}}. */
    JsonNode get(String pathAndQuery, String what) {
        return send(VendorRequest.get(settings.api(pathAndQuery)), what);
    }

    /** POST a JSON body to {@code /api/{path}}. */
    JsonNode post(String path, ObjectNode body, String what) {
        return send(VendorRequest.json("POST", settings.api(path), body.toString()), what);
    }

    /** PUT a JSON body to {@code /api/{path}}. */
    JsonNode put(String path, ObjectNode body, String what) {
        return send(VendorRequest.json("PUT", settings.api(path), body.toString()), what);
    }

    /**
     * Reads a keyed list: GETs {@code path?query&page=N&limit=100} for N = 1, 2, … until a page is short or empty,
     * {@code page × limit ≥ total_count}, or {@code maxPages} were read.
     *
     * @param query   the query without {@code page} and {@code limit}, already encoded, or empty
     * @param rootKey the key inside each item, e.g. {@code case}, {@code user}, {@code staff}, {@code message}
     */
    List<JsonNode> list(String path, String query, String rootKey, int maxPages, String what) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; page <= Math.min(maxPages, MAX_PAGE); page++) {
            String pathAndQuery = path + "?" + (query.isEmpty() ? "" : query + "&") + "page=" + page + "&limit="
                    + PAGE_SIZE;
            JsonNode answer = get(pathAndQuery, what);
            List<JsonNode> pageItems = items(answer, rootKey);
            items.addAll(pageItems);
            long total = answer.path("total_count").asLong(-1);
            if (pageItems.size() < PAGE_SIZE || total >= 0 && (long) page * PAGE_SIZE >= total) {
                break;
            }
        }
        return items;
    }

    /**
     * The items of one keyed answer, in key order: {@code {"0":{"case":{…}},"1":{…},"total_count":2}}. Read
     * defensively: keys that are not numbers ({@code total_count}, anything new) are skipped; an item without the root
     * key is taken as it is; an array answer (not documented) is read too.
     */
    static List<JsonNode> items(JsonNode answer, String rootKey) {
        List<JsonNode> items = new ArrayList<>();
        if (answer == null) {
            return items;
        }
        if (answer.isArray()) {
            answer.forEach(item -> add(items, item, rootKey));
            return items;
        }
        Map<Long, JsonNode> byIndex = new TreeMap<>();
        answer.properties().forEach(e -> {
            if (e.getKey().matches("\\d{1,9}")) {
                byIndex.put(Long.parseLong(e.getKey()), e.getValue());
            }
        });
        byIndex.values().forEach(item -> add(items, item, rootKey));
        return items;
    }

    private static void add(List<JsonNode> items, JsonNode item, String rootKey) {
        JsonNode inner = item.path(rootKey);
        if (inner.isObject()) {
            items.add(inner);
        } else if (item.isObject() && !item.isEmpty()) {
            items.add(item);
        }
    }

    /** @return the object under {@code rootKey} of a single answer ({@code {"case":{…}}}) */
    static JsonNode one(JsonNode answer, String rootKey, String what) {
        JsonNode inner = answer.path(rootKey);
        if (!inner.isObject()) {
            throw new PermanentVendorException("Could not " + what + ": Deskie's answer has no '" + rootKey + "'");
        }
        return inner;
    }

    private JsonNode send(VendorRequest request, String what) {
        VendorResponse response = context.http().send(request.withHeader("Authorization", settings.authorization()));
        int status = response.status();
        JsonNode body = parse(response);
        if (response.isSuccess()) {
            return body;
        }
        String detail = detail(body, status);
        if (status == 401) {
            throw new PermanentVendorException("Deskie refused the agent e-mail and API key (" + detail + "): check"
                    + " them under Settings → API in Deskie");
        }
        if (status == 403) {
            throw new PermanentVendorException("Could not " + what + ": Deskie refused it for the agent of the API"
                    + " key (" + detail + ")");
        }
        if (status == 429) {
            Duration wait = retryAfter(response).orElse(RATE_WAIT);
            throw new TransientVendorException("Could not " + what + ": Deskie's request limit for the account is"
                    + " used up (HTTP 429), retry in " + wait.toSeconds() + " s", wait, null);
        }
        if (status == 408 || status == 425 || status >= 500) {
            throw new TransientVendorException("Could not " + what + ": Deskie answered " + detail,
                    retryAfter(response).orElse(null), null);
        }
        throw new PermanentVendorException("Could not " + what + ": Deskie answered " + detail);
    }

    /** Deskie's {@code retry_after} header (documented spelling), else a standard {@code Retry-After}. */
    static Optional<Duration> retryAfter(VendorResponse response) {
        Optional<String> value = response.header("retry_after").or(() -> response.header("retry-after"));
        if (value.isEmpty()) {
            return response.retryAfter();
        }
        try {
            long seconds = Long.parseLong(value.get().trim());
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return response.retryAfter();
        }
    }

    private String detail(JsonNode body, int status) {
        String error = DeskieText.text(body.path("error"));
        String description = DeskieText.text(body.path("description"));
        if (description == null) {
            description = DeskieText.text(body.path("message"));
        }
        String text = "HTTP " + status + (error == null ? "" : ", " + error)
                + (description == null ? "" : ": " + description);
        return text.replace(settings.apiKey(), "***");
    }

    /** The body as JSON; an empty object for an empty or non-JSON body (a proxy's HTML error page). */
    private static JsonNode parse(VendorResponse response) {
        if (response.body().length == 0) {
            return DeskieText.JSON.createObjectNode();
        }
        try {
            JsonNode node = DeskieText.JSON.readTree(response.body());
            return node == null || !node.isContainerNode() ? DeskieText.JSON.createObjectNode() : node;
        } catch (IOException notJson) {
            return DeskieText.JSON.createObjectNode();
        }
    }
}
