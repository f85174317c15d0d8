package io.switchboard.bench;

import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests of a run: Sipuni call-event webhooks from the test kit's {@link SipuniEvents}, cycling through the
 * events of six call scenarios (incoming answered, missed by a department, busy, transferred, outgoing answered,
 * outgoing not answered: 22 events). Two ways to give them call ids ({@code --calls}):
 * <ul>
 *   <li>{@code each} (default): each request with a call id of its own, {@code bench-<run>-<n>}, and a client
 *       number derived from {@code n}, so every event is a call of its own (the worst case for the platform: each
 *       "call ended" makes a client and a ticket) and the dedup (call id + event + …) never swallows one;</li>
 *   <li>{@code whole}: as a PBX sends them, the events of one scenario share one call id,
 *       {@code bench-<run>-<cycle>-<scenario>} ({@code cycle = n / 22}, {@code scenario} 0 to 5), and one client
 *       number derived from the cycle: 6 calls per 22 events. Like Sipuni, two of the calls send their first
 *       event 1 twice, a second apart: the platform's dedup acknowledges each repeat and stores it once, so 20 of
 *       every 22 events are stored ({@link #repeatsIn}). With many virtual users the events of one call are in
 *       flight at the same time, not seconds apart as from a PBX.</li>
 * </ul>
 *
 * <p>The events are made once, URL-encoded with placeholders; a request only splices its call id (and in
 * {@code whole} its client number) in, so the generator spends its CPU on HTTP rather than on building maps.
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
    /** {@code whole}: the first ten digits of an incoming / outgoing scenario's client number, spliced in per call. */
    private static final String INCOMING_HOLE = "BENCHINNUM5c2e";
    private static final String OUTGOING_HOLE = "BENCHOUTNUM9d4b";
    private static final Pattern HOLES = Pattern.compile(PLACEHOLDER + "|" + INCOMING_HOLE + "|" + OUTGOING_HOLE);

    /** {@code each}: the events split at the call id. */
    private final List<String[]> templates;
    /** {@code whole}: the events split at the call id and the client number, and what goes into each hole. */
    private final List<String[]> wholeParts;
    private final List<String[]> wholeHoles;
    /** The scenario (0 to 5) of each event, by index. */
    private final int[] scenarioOf;
    /** Whether each event, by index, is an earlier one of its scenario again but for its timestamp. */
    private final boolean[] repeat;
    private final boolean whole;
    private final String run;
    private final long numbersFrom;
    private final boolean post;
    private final String baseQuery;

    /**
     * The {@code each} way: a call id per request.
     *
     * @param run     run label in the call ids
     * @param method  {@code POST} or {@code GET}
     * @param token   the {@code token} parameter or {@code null}
     */
    public Payloads(String run, String method, String token) {
        this(run, method, token, "each");
    }

    /**
     * @param run     run label in the call ids
     * @param method  {@code POST} or {@code GET}
     * @param token   the {@code token} parameter or {@code null}
     * @param calls   {@code each} (a call id per request) or {@code whole} (the events of a call share its id)
     */
    public Payloads(String run, String method, String token, String calls) {
        this(run, method, token, calls, 0);
    }

    /**
     * @param numbersFrom client numbers {@code 79<n>} start at this {@code n}
     */
    public Payloads(String run, String method, String token, String calls, long numbersFrom) {
        this.numbersFrom = numbersFrom;
        if (!calls.equals("each") && !calls.equals("whole")) {
            throw new IllegalArgumentException("calls must be each or whole, not '" + calls + "'");
        }
        this.whole = calls.equals("whole");
        this.run = run;
        this.post = method.equals("POST");
        this.baseQuery = token == null ? "" : "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        long start = System.currentTimeMillis() / 1000;
        this.templates = new ArrayList<>();
        List<List<SipuniEvents.Hook>> scenarios = scenarios(PLACEHOLDER, start, NUMBERS);
        List<Integer> scenario = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            for (SipuniEvents.Hook hook : scenarios.get(s)) {
                templates.add(hook.formBody().split(PLACEHOLDER, -1));
                scenario.add(s);
            }
        }
        this.scenarioOf = scenario.stream().mapToInt(Integer::intValue).toArray();
        this.repeat = new boolean[templates.size()];
        for (int i = 0; i < templates.size(); i++) {
            for (int j = 0; j < i; j++) {
                repeat[i] |= scenarioOf[j] == scenarioOf[i] && untimed(i).equals(untimed(j));
            }
        }
        this.wholeParts = new ArrayList<>();
        this.wholeHoles = new ArrayList<>();
        if (whole) {
            // The same events with the first ten digits of each client number as a hole; the last digit stays, so
            // the six calls of a cycle differ by it. This includes the transferred call's 79161234570, which the
            // each way never replaces (it does not start with INCOMING_PREFIX): one client for all of those.
            String[] holed = new String[NUMBERS.length];
            for (int s = 0; s < NUMBERS.length; s++) {
                String prefix = NUMBERS[s].startsWith("7903") ? OUTGOING_HOLE : INCOMING_HOLE;
                holed[s] = prefix + NUMBERS[s].substring(10);
            }
            for (List<SipuniEvents.Hook> hooks : scenarios(PLACEHOLDER, start, holed)) {
                for (SipuniEvents.Hook hook : hooks) {
                    split(hook.formBody());
                }
            }
        }
    }

    private String untimed(int index) {
        return String.join(PLACEHOLDER, templates.get(index)).replaceAll("timestamp=\\d+", "");
    }

    private void split(String body) {
        List<String> parts = new ArrayList<>();
        List<String> holes = new ArrayList<>();
        Matcher m = HOLES.matcher(body);
        int from = 0;
        while (m.find()) {
            parts.add(body.substring(from, m.start()));
            holes.add(m.group());
            from = m.end();
        }
        parts.add(body.substring(from));
        wholeParts.add(parts.toArray(String[]::new));
        wholeHoles.add(holes.toArray(String[]::new));
    }

    /** The first ten digits of the scenarios' client numbers, replaced per request. */
    private static final String INCOMING_PREFIX = "7916123456";
    private static final String OUTGOING_PREFIX = "7903123456";
    /** The client number of each scenario, in {@link #scenarios} order. */
    private static final String[] NUMBERS = {
        "79161234567", "79161234568", "79161234569", "79161234570", "79031234567", "79031234568"};

    /** The events cycled through, for one call id: six scenarios in sending order, with these client numbers. */
    static List<List<SipuniEvents.Hook>> scenarios(String callId, long start, String[] numbers) {
        SipuniEvents sipuni = SipuniEvents.forAccount(ACCOUNT);
        return List.of(
                sipuni.incomingAnswered(callId, start, numbers[0], "201"),
                sipuni.incomingMissed(callId, start, numbers[1], "201", "202", "203"),
                sipuni.busy(callId, start, numbers[2], "204"),
                sipuni.transferred(callId, start, numbers[3], "201", "205"),
                sipuni.outgoingAnswered(callId, start, "206", numbers[4]),
                sipuni.outgoingNoAnswer(callId, start, "207", numbers[5]));
    }

    /** @return how many distinct events are cycled through */
    public int kinds() {
        return templates.size();
    }

    /** @return {@code each} or {@code whole} */
    public String calls() {
        return whole ? "whole" : "each";
    }

    /** @return the call id of request {@code n} */
    public String callId(long n) {
        if (whole) {
            return "bench-" + run + "-" + n / templates.size() + "-" + scenarioOf[(int) (n % templates.size())];
        }
        return "bench-" + run + "-" + n;
    }

    /** @return how many distinct call ids the requests {@code 0} to {@code requests - 1} have */
    public long callIdsIn(long requests) {
        if (!whole || requests <= 0) {
            return Math.max(requests, 0);
        }
        long cycles = requests / templates.size();
        int rest = (int) (requests % templates.size());
        return cycles * NUMBERS.length + (rest == 0 ? 0 : scenarioOf[rest - 1] + 1);
    }

    /**
     * @return how many of the requests {@code 0} to {@code requests - 1} repeat an earlier event of their call but
     *     for the timestamp (Sipuni's repeated event 1), which the platform acknowledges and stores once: 0 for
     *     {@code each}, where every request is a call of its own
     */
    public long repeatsIn(long requests) {
        if (!whole || requests <= 0) {
            return 0;
        }
        long perCycle = 0;
        long inRest = 0;
        int rest = (int) (requests % templates.size());
        for (int i = 0; i < repeat.length; i++) {
            perCycle += repeat[i] ? 1 : 0;
            inRest += repeat[i] && i < rest ? 1 : 0;
        }
        return requests / templates.size() * perCycle + inRest;
    }

    /** @return the URL-encoded event of request {@code n} (without the token) */
    public String eventOf(long n) {
        if (whole) {
            return wholeEventOf(n);
        }
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
        long k = numbersFrom + n;
        return sb.toString().replace(INCOMING_PREFIX, String.format("79%08d", k % 100_000_000))
                .replace(OUTGOING_PREFIX, String.format("79%08d", (k + 50_000_000) % 100_000_000));
    }

    /** {@code whole}: the call id and client number of request {@code n}'s call, the same for all its events. */
    private String wholeEventOf(long n) {
        int index = (int) (n % templates.size());
        long cycle = n / templates.size();
        String[] parts = wholeParts.get(index);
        String[] holes = wholeHoles.get(index);
        String id = callId(n);
        long k = numbersFrom + cycle;
        String incoming = String.format("79%08d", k % 100_000_000);
        String outgoing = String.format("79%08d", (k + 50_000_000) % 100_000_000);
        StringBuilder sb = new StringBuilder(parts.length * 12 + 900);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                String hole = holes[i - 1];
                sb.append(hole.equals(PLACEHOLDER) ? id : hole.equals(INCOMING_HOLE) ? incoming : outgoing);
            }
            sb.append(parts[i]);
        }
        return sb.toString();
    }

    /**
     * One request, ready for either client.
     *
     * @param uri         the full URL, query included
     * @param form        the body of a POST ({@code application/x-www-form-urlencoded} unless said otherwise), or
     *                    {@code null} for a GET
     * @param contentType the body's {@code Content-Type}
     */
    public record Request(URI uri, String form, String contentType) {

        /** A form-encoded POST (or a GET when {@code form} is {@code null}). */
        public Request(URI uri, String form) {
            this(uri, form, FORM_TYPE);
        }

        /** @return a POST of a JSON body (Chatra's and Planfix's webhooks) */
        public static Request json(URI uri, String body) {
            return new Request(uri, body, "application/json");
        }

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
