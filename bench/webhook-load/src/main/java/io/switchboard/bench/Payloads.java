package io.switchboard.bench;

import io.switchboard.testkit.fakes.sipuni.SipuniEvents;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of a run: Sipuni call-event webhooks from the test kit's {@link SipuniEvents}, cycling through the
 * events of six call scenarios (incoming answered, missed by a department, busy, transferred, outgoing answered,
 * outgoing not answered: 21 events), each request with a call id of its own, {@code bench-<run>-<n>}, so that the
 * platform's dedup (call id + event + …) never swallows one.
 *
 * <p>The events are made once, URL-encoded with a placeholder call id; a request only splices its id in, so the
 * generator spends its CPU on HTTP rather than on building maps.
 *
 * <p>As Sipuni does: the {@code token} stays in the URL's query (Sipuni keeps the {@code ?token=} of the URL pasted
 * into it and appends its parameters), POST sends the event as an {@code application/x-www-form-urlencoded} body,
 * GET appends it to the query.
 */
public final class Payloads {

    /** Sipuni's account number in every event ({@code user_id}). */
    public static final String ACCOUNT = "070196";
    /** The Content-Type of a POST, as Sipuni sends it. */
    public static final String FORM_TYPE = "application/x-www-form-urlencoded; charset=UTF-8";
    private static final String PLACEHOLDER = "BENCHCALLID7f3a";

    private final List<String[]> templates;
    private final String run;
    private final boolean post;
    private final String baseQuery;

    /**
     * @param run     run label in the call ids
     * @param method  {@code POST} or {@code GET}
     * @param token   the {@code token} parameter or {@code null}
     */
    public Payloads(String run, String method, String token) {
        this.run = run;
        this.post = method.equals("POST");
        this.baseQuery = token == null ? "" : "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        this.templates = new ArrayList<>();
        for (SipuniEvents.Hook hook : scenarios(PLACEHOLDER, System.currentTimeMillis() / 1000)) {
            templates.add(hook.formBody().split(PLACEHOLDER, -1));
        }
    }

    /** The first ten digits of the scenarios' client numbers, replaced per request. */
    private static final String INCOMING_PREFIX = "7916123456";
    private static final String OUTGOING_PREFIX = "7903123456";

    /** The events cycled through, for one call id: six scenarios in sending order. */
    static List<SipuniEvents.Hook> scenarios(String callId, long start) {
        SipuniEvents sipuni = SipuniEvents.forAccount(ACCOUNT);
        List<SipuniEvents.Hook> hooks = new ArrayList<>();
        hooks.addAll(sipuni.incomingAnswered(callId, start, "79161234567", "201"));
        hooks.addAll(sipuni.incomingMissed(callId, start, "79161234568", "201", "202", "203"));
        hooks.addAll(sipuni.busy(callId, start, "79161234569", "204"));
        hooks.addAll(sipuni.transferred(callId, start, "79161234570", "201", "205"));
        hooks.addAll(sipuni.outgoingAnswered(callId, start, "206", "79031234567"));
        hooks.addAll(sipuni.outgoingNoAnswer(callId, start, "207", "79031234568"));
        return hooks;
    }

    /** @return how many distinct events are cycled through */
    public int kinds() {
        return templates.size();
    }

    /** @return the call id of request {@code n} */
    public String callId(long n) {
        return "bench-" + run + "-" + n;
    }

    /** @return the URL-encoded event of request {@code n} (without the token) */
    public String eventOf(long n) {
        String[] parts = templates.get((int) (n % templates.size()));
        String id = callId(n); // letters, digits and '-': nothing to encode
        StringBuilder sb = new StringBuilder(parts.length * 8 + 900);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(id);
            }
            sb.append(parts[i]);
        }
        // A client number of its own per request, as from many callers: a handful of numbers would pile every
        // ticket and comment of a run onto a few clients, which no real PBX traffic does.
        return sb.toString().replace(INCOMING_PREFIX, String.format("79%08d", n % 100_000_000))
                .replace(OUTGOING_PREFIX, String.format("79%08d", (n + 50_000_000) % 100_000_000));
    }

    /**
     * One request, ready for either client.
     *
     * @param uri  the full URL, query included
     * @param form the {@code application/x-www-form-urlencoded} body of a POST, or {@code null} for a GET
     */
    public record Request(URI uri, String form) {

        public String method() {
            return form == null ? "GET" : "POST";
        }
    }

    /** @return request {@code n} to {@code url} */
    public Request request(URI url, long n) {
        String event = eventOf(n);
        if (post) {
            return new Request(withQuery(url, baseQuery), event);
        }
        return new Request(withQuery(url, baseQuery.isEmpty() ? event : baseQuery + "&" + event), null);
    }

    /** @return {@code url} with {@code query} (already encoded) appended to its query, if any */
    static URI withQuery(URI url, String query) {
        if (query.isEmpty()) {
            return url;
        }
        String s = url.toString();
        boolean hasQuery = url.getRawQuery() != null && !url.getRawQuery().isEmpty();
        return URI.create(s + (hasQuery ? "&" : s.endsWith("?") ? "" : "?") + query);
    }
}
