package io.switchboard.plugins.sipuni;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of Sipuni's HTTP API the connector uses (README, "Vendor facts"): {@code statistic/operators}, the
 * cheapest authenticated call (no parameters; answers the employees as a {@code ;}-separated CSV), for
 * {@link io.switchboard.spi.Connector#check}.
 *
 * <p>Signing: POST with the parameters in the query string and an empty body; {@code hash} = lowercase hex MD5 of
 * the method's parameter values sorted by name, then the account number, then the secret key, joined with
 * {@code +}. A wrong hash is answered with a short error text instead of data ([doc: code] — the exact text, e.g.
 * "Неправильный хеш", and the HTTP status are not documented, so any short non-CSV body is taken as a refusal).
 */
final class SipuniApi {

    private static final Pattern REFUSAL = Pattern.compile("error|ошибк|неправил|неверн|hash|хеш|wrong|invalid",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private SipuniApi() {
    }

    /** @return {@code md5(values sorted by name + user + secret)}, the documented signature */
    static String hash(Map<String, String> params, String user, String secret) {
        StringBuilder plain = new StringBuilder();
        params.keySet().stream().sorted().forEach(name -> plain.append(params.get(name)).append('+'));
        plain.append(user).append('+').append(secret);
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(plain.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }

    /** Calls {@code statistic/operators} and tells in plain words whether Sipuni accepted the credentials. */
    static CheckResult checkOperators(SipuniSettings settings, ConnectorContext context) {
        String query = "user=" + URLEncoder.encode(settings.apiUser(), StandardCharsets.UTF_8) + "&hash="
                + hash(Map.of(), settings.apiUser(), settings.apiKey());
        URI uri = settings.apiUrl().resolve("statistic/operators?" + query);
        VendorResponse response;
        try {
            response = context.http().send(new VendorRequest("POST", uri, Map.of("Accept", "text/csv, */*"), null));
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach Sipuni at " + settings.apiUrl().getHost() + ": "
                    + e.getMessage());
        }
        if (response.status() == 401 || response.status() == 403) {
            return refused();
        }
        if (!response.isSuccess()) {
            return CheckResult.failed("Sipuni answered HTTP " + response.status() + " to the connection check; "
                    + "try again later.");
        }
        String body = response.bodyText().replace("\uFEFF", "").strip();
        if (body.startsWith("<")) {
            // A web page (login form, proxy error) is neither data nor Sipuni's short refusal text.
            return CheckResult.failed("Sipuni answered with a web page instead of data; check the API address.");
        }
        if (!body.contains(";") && (body.isEmpty() || REFUSAL.matcher(body).find())) {
            return refused();
        }
        List<String> rows = body.lines().filter(l -> !l.isBlank()).toList();
        int employees = Math.max(0, rows.size() - 1);
        return CheckResult.ok("Authorized: " + employees + " employee" + (employees == 1 ? "" : "s")
                + " visible in Sipuni");
    }

    private static CheckResult refused() {
        return CheckResult.failed("Sipuni refused the account number or integration key (Settings → API in "
                + "Sipuni shows both; copy the key completely).");
    }

}
