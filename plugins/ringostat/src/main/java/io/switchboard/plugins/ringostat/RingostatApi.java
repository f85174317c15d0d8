package io.switchboard.plugins.ringostat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.telephony.CallerCard;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of Ringostat's HTTP API the connector uses (README, "Vendor facts").
 *
 * <p>{@code GET /calls/list}, the documented call-log export, for {@link io.switchboard.spi.Connector#check}.
 * Authenticated by the header {@code Auth-key} (literally; not {@code Authorization}). Without {@code from}/{@code to}
 * it covers the last 24 hours; {@code fields=uniqueid} keeps the answer small. It answers a JSON array (some clients
 * unwrap {@code result}/{@code data}, so those are accepted too), at most 6500 rows. [inf] The answer to a wrong key
 * is 401/403 or a JSON object with {@code error}; both are read as a refusal.
 *
 * <p>{@code POST /minicrm/contacts/sync} ({@link #pushContact}), Ringostat's documented way to show a client in Smart
 * Phone and its contact book (article "API Ringostat. Sending Information to Ringostat Smart Phone and Contact
 * Book"): headers {@code auth-key} and {@code x-project-id}, body {@code {"contacts": [{…}]}} with, per contact,
 * {@code projectId}, {@code fullName}, {@code externalId}, {@code contactLink} (Smart Phone's "Contact" button),
 * {@code leadLink} ("Lead" button) and {@code contactDirections} ({@code [{"type": "phone", "value": "…"}]}); the
 * article lists further fields this connector does not send ({@code origin}, {@code leadId},
 * {@code responsible}, {@code staffId}, {@code dealLink}, {@code googleClientId}, {@code organizations}).
 * [inf] Which fields are required (the name and one number are always sent), that a push with the same
 * {@code externalId} updates the contact, the answer's body (any 2xx is taken as done; an {@code error} member as a
 * refusal) and the statuses of a refusal (401/403 read as a wrong key or project).
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

    /**
     * Sends the caller card to Smart Phone and the contact book ({@code POST /minicrm/contacts/sync}).
     *
     * @throws TransientVendorException when Ringostat cannot be reached or answers 429 / 5xx
     * @throws PermanentVendorException when Ringostat refuses the card, the key or the project, or the card has no
     *                                  phone number to file it under
     */
    static void pushContact(CallerCard card, RingostatSettings settings, ConnectorContext context) {
        String phone = card.callerNumber() == null ? "" : card.callerNumber().replaceAll("\\D", "");
        if (phone.isEmpty()) {
            throw new PermanentVendorException("Ringostat files a caller card under a phone number, and this caller "
                    + "has none");
        }
        ObjectNode contact = JSON.createObjectNode();
        if (settings.projectId().matches("\\d{1,18}")) {
            contact.put("projectId", Long.parseLong(settings.projectId()));
        } else {
            contact.put("projectId", settings.projectId());
        }
        contact.put("fullName", card.clientName() == null || card.clientName().isBlank() ? "+" + phone
                : card.clientName().strip());
        putIfPresent(contact, "externalId", card.clientId());
        putIfPresent(contact, "contactLink", card.clientUrl());
        putIfPresent(contact, "leadLink", card.ticketUrl());
        contact.putArray("contactDirections").addObject().put("type", "phone").put("value", phone);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("contacts").add(contact);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("auth-key", settings.apiKey());
        headers.put("x-project-id", settings.projectId());
        VendorResponse response = context.http().send(new VendorRequest("POST",
                settings.apiUrl().resolve("minicrm/contacts/sync"), headers,
                body.toString().getBytes(StandardCharsets.UTF_8)));
        int status = response.status();
        if (status == 401 || status == 403) {
            throw new PermanentVendorException("Ringostat refused the Auth-key or the project id (HTTP " + status
                    + "); Integrations → Ringostat API in Ringostat shows both.");
        }
        if (status == 429 || status >= 500) {
            throw new TransientVendorException("Ringostat answered HTTP " + status + " to the caller card");
        }
        String error = errorOf(response.bodyText());
        if (!response.isSuccess() || error != null) {
            throw new PermanentVendorException("Ringostat refused the caller card (HTTP " + status
                    + (error == null ? "" : ": " + error) + ")");
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.strip());
        }
    }

    /** @return the {@code error} (or {@code message}) of a JSON answer, clipped; {@code null} when none */
    private static String errorOf(String body) {
        try {
            JsonNode node = JSON.readTree(body.strip());
            JsonNode error = node == null || !node.isObject() ? null : node.get("error");
            if (error == null || error.isNull() || (error.isBoolean() && !error.asBoolean())) {
                return null;
            }
            String text = error.isValueNode() ? error.asText() : error.path("message").asText(error.toString());
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        } catch (IOException e) {
            return null;
        }
    }
}
