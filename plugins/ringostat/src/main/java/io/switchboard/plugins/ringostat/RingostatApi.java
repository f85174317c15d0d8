package io.switchboard.plugins.ringostat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of Ringostat's HTTP API the connector uses (README, "Vendor facts"): {@code GET /calls/list}, the
 * documented call-log export, for {@link io.switchboard.spi.Connector#check}. Authenticated by the header
 * {@code Auth-key} (literally; not {@code Authorization}). Without {@code from}/{@code to} it covers the last 24
 * hours; {@code fields=uniqueid} keeps the answer small. It answers a JSON array (some clients unwrap
 * {@code result}/{@code data}, so those are accepted too), at most 6500 rows. [inf] The answer to a wrong key is
 * 401/403 or a JSON object with {@code error}; both are read as a refusal.
 */
final class RingostatApi {

    /** Ringostat's cap on rows per {@code calls/list} request. */
    static final int MAX_ROWS = 6500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RingostatApi() {
    }

    static CheckResult checkCallLog(RingostatSettings settings, ConnectorContext context) {
        URI uri = settings.apiUrl().resolve("calls/list?export_type=json&fields=uniqueid");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Auth-key", settings.apiKey());
        VendorResponse response;
        try {
            response = context.http().send(new VendorRequest("GET", uri, headers, null));
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach Ringostat at " + settings.apiUrl().getHost() + ": "
                    + e.getMessage());
        }
        if (response.status() == 401 || response.status() == 403) {
            return refused();
        }
        if (!response.isSuccess()) {
            return CheckResult.failed("Ringostat answered HTTP " + response.status() + " to the connection check; "
                    + "try again later.");
        }
        String body = response.bodyText().replace("\uFEFF", "").strip();
        if (body.startsWith("<")) {
            return CheckResult.failed("Ringostat answered with a web page instead of data; check the API address.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return CheckResult.failed("Ringostat's answer to the connection check could not be read.");
        }
        if (node != null && node.isObject()) {
            if (node.has("error")) {
                return refused();
            }
            node = node.has("result") ? node.get("result") : node.get("data");
        }
        if (node == null || !node.isArray()) {
            return CheckResult.failed("Ringostat's answer to the connection check was not a call list.");
        }
        int calls = node.size();
        return CheckResult.ok("Authorized: " + (calls >= MAX_ROWS ? MAX_ROWS + " or more calls" : calls + " call"
                + (calls == 1 ? "" : "s")) + " in Ringostat in the last 24 hours");
    }

    private static CheckResult refused() {
        return CheckResult.failed("Ringostat refused the Auth-key (Integrations → Ringostat API in Ringostat shows "
                + "it; copy it completely).");
    }
}
