package io.switchboard.plugins.sipuni;

import io.switchboard.spi.inbound.InboundRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a Sipuni call-event request, wherever they came: Sipuni sends GET with a query string or POST
 * with a form (and some relays a JSON object; README, "Vendor facts"). A body without a usable Content-Type is
 * read as JSON when it starts with a brace, else as a form. Body values win over query values of the
 * same name, because the query of a POST is the URL the tenant configured (it holds only our {@code token}).
 * All values are strings, trimmed; the {@code token} parameter is kept apart so it never reaches the parsed event.
 *
 * @param values parameter name to value, without {@code token}
 * @param token  the webhook secret as sent, or {@code null}
 */
record SipuniParams(Map<String, String> values, String token) {

    SipuniParams {
        values = Map.copyOf(values);
    }

    /**
     * The shared secret the request carries, as {@link #of} reads it, but without parsing the body when the URL's
     * query has it (the usual case): verifying a webhook then costs no body parse, which {@code keys} does anyway.
     */
    static String tokenOf(InboundRequest request) {
        return queryToken(request).orElseGet(() -> of(request).token());
    }

    /** Reads query, form body and JSON body; a body that is neither is ignored (the query may still hold all). */
    static SipuniParams of(InboundRequest request) {
        Map<String, String> params = new LinkedHashMap<>(request.parameters());
        String token = params.remove(SipuniSettings.TOKEN_PARAM);
        // The secret might also arrive as a query parameter of a POST whose body has none: prefer the query one.
        return new SipuniParams(params, queryToken(request).orElse(token));
    }

    /** @return the trimmed value, empty when absent or blank */
    Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** @return the trimmed value or {@code null} when absent or blank */
    String orNull(String name) {
        return get(name).orElse(null);
    }

    private static Optional<String> queryToken(InboundRequest request) {
        return request.queryParam(SipuniSettings.TOKEN_PARAM).map(String::trim);
    }

    /** Never prints values: the token is a secret. */
    @Override
    public String toString() {
        return "SipuniParams" + values.keySet();
    }
}
