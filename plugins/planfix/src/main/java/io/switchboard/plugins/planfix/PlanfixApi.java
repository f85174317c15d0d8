package io.switchboard.plugins.planfix;

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
import java.util.Set;

/**
 * Planfix REST API v2 calls (README, "Vendor facts"): {@code Authorization: Bearer {token}}, JSON both ways, lists
 * read with {@code POST …/list} and {@code offset}/{@code pageSize} (at most 100 a page). Every answer carries
 * {@code result}; a failure is {@code {"result":"fail","code":…,"error":…}} (page "REST API: Коды ошибок"), and is
 * read whatever the HTTP status, also with HTTP 200. Failures become the SPI's exceptions:
 * <ul>
 * <li>HTTP 401 or codes 1, 2 (invalid / inactive token) → permanent "Planfix refused the API token";</li>
 * <li>code 5 (the token's scopes forbid the method), code 6 or HTTP 403 → permanent, naming what was refused;</li>
 * <li>codes 10, 11, 16, 20, 21 (account blocked, frozen, employee inactive, unpaid, free plan) → permanent, with
 *     Planfix's text;</li>
 * <li>HTTP 429, 408, 425, 5xx → transient with {@code Retry-After}; code 22 (the daily request quota is used up) →
 *     transient, retried after {@link #DAILY_QUOTA_WAIT} unless Planfix says otherwise;</li>
 * <li>anything else → permanent with Planfix's code and text.</li>
 * </ul>
 * Messages never contain the token.
 */
final class PlanfixApi {

    /** Planfix's largest page ("REST API: Введение": "100 results per request"). */
    static final int PAGE_SIZE = 100;

    /**
     * How long to wait when the daily quota (code 22) is used up and Planfix gives no {@code Retry-After}: the
     * remaining count in {@code X-RateLimit-Remaining} "is refreshed about every 10 minutes" ("REST API: Введение").
     */
    static final Duration DAILY_QUOTA_WAIT = Duration.ofMinutes(10);

    private static final Set<Integer> ACCOUNT_CODES = Set.of(10, 11, 16, 20, 21);

    private final PlanfixSettings settings;
    private final ConnectorContext context;

    PlanfixApi(PlanfixSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** @return an API bound to the connection of this call */
    static PlanfixApi of(ConnectorContext context) {
        return new PlanfixApi(PlanfixSettings.from(context.config()), context);
    }

    PlanfixSettings settings() {
        return settings;
    }

    ConnectorContext context() {
        return context;
    }

    /** GET {@code /rest/{pathAndQuery}}. */
    JsonNode get(String pathAndQuery, String what) {
        return send(VendorRequest.get(settings.api(pathAndQuery)), what);
    }

    /** POST a JSON body to {@code /rest/{path}}; returns the answer (an empty object for an empty body). */
    JsonNode post(String path, ObjectNode body, String what) {
        return send(VendorRequest.json("POST", settings.api(path), body.toString()), what);
    }

    /**
     * Reads a list: POSTs {@code body} with {@code offset} = 0, 100, 200… and {@code pageSize} = 100 until a page
     * has fewer than 100 items or {@code maxPages} were read.
     *
     * @param rootKey the array's key in each answer, e.g. {@code tasks}, {@code contacts}, {@code users}
     */
    List<JsonNode> list(String path, ObjectNode body, String rootKey, int maxPages, String what) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; page < maxPages; page++) {
            ObjectNode request = body.deepCopy().put("offset", page * PAGE_SIZE).put("pageSize", PAGE_SIZE);
            JsonNode array = post(path, request, what).path(rootKey);
            if (array.isMissingNode() || array.isNull()) {
                break; // Planfix leaves the key out when nothing matches [inf]
            }
            if (!array.isArray()) {
                throw new PermanentVendorException("Could not " + what + ": Planfix's answer has no '" + rootKey
                        + "' list");
            }
            array.forEach(items::add);
            if (array.size() < PAGE_SIZE) {
                break;
            }
        }
        return items;
    }

    private JsonNode send(VendorRequest request, String what) {
        VendorResponse response = context.http().send(
                request.withHeader("Authorization", "Bearer " + settings.apiToken()));
        int status = response.status();
        JsonNode body = parse(response);
        boolean failed = "fail".equalsIgnoreCase(PlanfixText.text(body.path("result")));
        if (response.isSuccess() && !failed) {
            return body;
        }
        Integer code = body.path("code").canConvertToInt() && !body.path("code").isNull()
                ? body.path("code").asInt() : null;
        String error = PlanfixText.text(body.path("error"));
        String detail = code == null ? (error == null ? "HTTP " + status : error)
                : "code " + code + (error == null ? "" : ": " + error);
        if (status == 401 || code != null && (code == 1 || code == 2)) {
            throw new PermanentVendorException("Planfix refused the API token (" + detail + ")");
        }
        if (code != null && code == 5) {
            throw new PermanentVendorException("Could not " + what + ": the API token's scopes do not allow it ("
                    + detail + "); add the scope in Planfix under Account management → API access");
        }
        if (status == 403 || code != null && code == 6) {
            throw new PermanentVendorException("Could not " + what + ": Planfix refused access for the token's"
                    + " employee (" + detail + ")");
        }
        if (code != null && ACCOUNT_CODES.contains(code)) {
            throw new PermanentVendorException("Could not " + what + ": the Planfix account cannot use the API now ("
                    + detail + ")");
        }
        if (code != null && code == 22) {
            throw new TransientVendorException("Could not " + what + ": the Planfix account's daily request quota is"
                    + " used up (" + detail + ")", response.retryAfter().orElse(DAILY_QUOTA_WAIT), null);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw new TransientVendorException("Could not " + what + ": Planfix answered HTTP " + status
                    + (status == 429 ? " (too many requests)" : "") + " (" + detail + ")",
                    response.retryAfter().orElse(null), null);
        }
        throw new PermanentVendorException("Could not " + what + ": Planfix answered "
                + (response.isSuccess() ? "" : "HTTP " + status + ", ") + detail);
    }

    /** The body as JSON; an empty object for an empty or non-JSON body (a proxy's HTML error page). */
    private static JsonNode parse(VendorResponse response) {
        if (response.body().length == 0) {
            return PlanfixText.JSON.createObjectNode();
        }
        try {
            JsonNode node = PlanfixText.JSON.readTree(response.body());
            return node == null || !node.isObject() ? PlanfixText.JSON.createObjectNode() : node;
        } catch (IOException notJson) {
            return PlanfixText.JSON.createObjectNode();
        }
    }
}
