package io.switchboard.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator's options, from plain {@code --key=value} arguments.
 *
 * @param target          the webhook URL (required)
 * @param noop            the no-op URL on the same server, or {@code null} for target phases only
 * @param method          {@code POST} (form body) or {@code GET} (query string)
 * @param concurrency     virtual users, each with one request in flight
 * @param durationSeconds length of each measured phase
 * @param warmupSeconds   length of the warm-up phase against the target (0 = none)
 * @param rounds          no-op/target phase pairs
 * @param token           the Sipuni {@code token} parameter, or {@code null}
 * @param timeoutSeconds  per-request timeout (an expired one counts as an error)
 * @param run             the run label, part of every call id ({@code bench-<run>-<n>}, or
 *                        {@code bench-<run>-<cycle>-<scenario>} with {@code --calls=whole})
 * @param client          {@code raw} (lean socket client, http only) or {@code jdk} (java.net.http.HttpClient)
 * @param calls           {@code each} (a call id per request) or {@code whole} (the events of a call share its id)
 * @param numbersFrom     where the client numbers start ({@code 79<n>} from {@code n = numbersFrom}), so that
 *                        successive runs against one platform can call as new clients
 * @param requests        at most this many requests in the whole run (0: no limit, the phases' durations only); a
 *                        phase ends when its time is up or the last of them answered
 * @param help            {@code --help} was given: print {@link #USAGE} and nothing else
 */
public record Options(URI target, URI noop, String method, int concurrency, double durationSeconds,
                      double warmupSeconds, int rounds, String token, double timeoutSeconds, String run,
                      String client, String calls, long numbersFrom, long requests, boolean help) {

    public static final String USAGE = """
            Usage: bench/webhook-load.sh --target=URL [options]
               or: java -jar bench/webhook-load/target/switchboard-bench-webhook-load.jar --target=URL [options]

            Closed-loop load on a webhook URL with realistic Sipuni call events (by default a unique call id per
            request; see --calls), interleaved with phases against a no-op URL on the same server, all in one run:
              warmup(target), then [noop, target] x rounds.
            Reports per phase: requests, 2xx per second, latency of the 2xx (p50/p90/p99/max), non-2xx by status,
            errors (no response), CPU of this generator and of the whole machine; then the means and
            ratio = target throughput / no-op throughput. Prints a table and one line 'RESULT {json}'.
            Exit code: 0 valid run, 1 invalid run (any non-2xx or error), 2 bad options.

            Options:
              --target=URL         the webhook URL (required), e.g. http://127.0.0.1:8080/hooks/<publicId>/<token>
              --noop=URL           a no-op URL on the same server; it gets the very same requests (optional)
              --method=POST|GET    POST: form-encoded body as Sipuni sends it; GET: the same as a query string
                                   (default POST)
              --concurrency=N      virtual users, each sends its next request when the previous one answered
                                   (default 32)
              --duration=SECONDS   length of each measured phase (default 20)
              --warmup=SECONDS     warm-up against the target before measuring, 0 for none (default 5)
              --rounds=N           no-op/target phase pairs (default 2; without --noop: N target phases)
              --token=SECRET       sent as Sipuni's 'token' parameter in the URL's query, as Sipuni keeps the
                                   '?token=' of the URL pasted into it (default: none)
              --timeout=SECONDS    per-request timeout; an expired request counts as an error (default 30)
              --client=raw|jdk     raw: a lean HTTP/1.1 client, one keep-alive socket per virtual user, http only
                                   (~30 us of CPU per request on the 2-core build machine);
                                   jdk: java.net.http.HttpClient, http and https (~120-700 us per request: on
                                   2 cores it, not the server, sets the ceiling) (default raw)
              --calls=each|whole   each: a call id per request, bench-<run>-<n>, every event a call of its own
                                   with a client number of its own (worst case for the platform);
                                   whole: the events of each scenario share one call id, bench-<run>-<cycle>-<s>,
                                   and one client number, as a PBX sends a call's events (22 events make 6 calls,
                                   ~3.7 events per call) (default each)
              --numbers-from=N     client numbers 79<n> start at n = N (default 0); give successive runs against
                                   one platform different ranges to call as new clients again
              --requests=N         send at most N requests in the whole run, then end the phase when the last
                                   answered (default 0: no limit, every phase runs its duration)
              --run=LABEL          run label in the call ids bench-<run>-... (default: derived from the clock;
                                   letters and digits only)
              --help               this text
            """;

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("target", null);
        DEFAULTS.put("noop", null);
        DEFAULTS.put("method", "POST");
        DEFAULTS.put("concurrency", "32");
        DEFAULTS.put("duration", "20");
        DEFAULTS.put("warmup", "5");
        DEFAULTS.put("rounds", "2");
        DEFAULTS.put("token", null);
        DEFAULTS.put("timeout", "30");
        DEFAULTS.put("run", null);
        DEFAULTS.put("client", "raw");
        DEFAULTS.put("calls", "each");
        DEFAULTS.put("numbers-from", "0");
        DEFAULTS.put("requests", "0");
    }

    /**
     * @param args {@code --key=value} arguments, or {@code --help}
     * @return the options, defaults filled in
     * @throws IllegalArgumentException with a message fit for the user when an argument is unknown or unusable
     */
    public static Options parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Options(null, null, "POST", 0, 0, 0, 0, null, 0, null, null, "each", 0, 0, true);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("not an option: '" + arg + "' (options are --key=value; see --help)");
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown option --" + key + " (see --help)");
            }
            if (eq < 0) {
                throw new IllegalArgumentException("--" + key + " needs a value: --" + key + "=...");
            }
            if (given.put(key, arg.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--" + key + " given twice");
            }
        }
        Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
        all.putAll(given);

        String target = all.get("target");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("--target=URL is required (see --help)");
        }
        String method = all.get("method").toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("GET")) {
            throw new IllegalArgumentException("--method must be POST or GET, not '" + all.get("method") + "'");
        }
        String token = all.get("token");
        String run = all.get("run");
        if (run == null) {
            run = Long.toString(System.currentTimeMillis(), 36);
        } else if (!run.matches("[A-Za-z0-9]{1,32}")) {
            throw new IllegalArgumentException("--run must be 1 to 32 letters or digits, not '" + run + "'");
        }
        String client = all.get("client").toLowerCase(Locale.ROOT);
        if (!client.equals("raw") && !client.equals("jdk")) {
            throw new IllegalArgumentException("--client must be raw or jdk, not '" + all.get("client") + "'");
        }
        String calls = all.get("calls").toLowerCase(Locale.ROOT);
        if (!calls.equals("each") && !calls.equals("whole")) {
            throw new IllegalArgumentException("--calls must be each or whole, not '" + all.get("calls") + "'");
        }
        URI targetUrl = url("target", target);
        URI noopUrl = all.get("noop") == null ? null : url("noop", all.get("noop"));
        if (client.equals("raw") && (https(targetUrl) || noopUrl != null && https(noopUrl))) {
            throw new IllegalArgumentException("--client=raw speaks plain http only; use --client=jdk for https");
        }
        return new Options(targetUrl, noopUrl,
                method, integer(all, "concurrency", 1, 10_000), seconds(all, "duration", false),
                seconds(all, "warmup", true), integer(all, "rounds", 1, 1_000),
                token == null || token.isEmpty() ? null : token, seconds(all, "timeout", false), run, client, calls,
                integer(all, "numbers-from", 0, 50_000_000), integer(all, "requests", 0, 100_000_000), false);
    }

    private static URI url(String key, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("--" + key + " must be an http(s) URL with a host, not '" + value + "'");
            }
            if (uri.getRawFragment() != null) {
                throw new IllegalArgumentException("--" + key + " must not have a #fragment: '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--" + key + " is not a URL: " + e.getMessage());
        }
    }

    private static boolean https(URI uri) {
        return uri.getScheme().equalsIgnoreCase("https");
    }

    private static int integer(Map<String, String> all, String key, int min, int max) {
        String value = all.get(key);
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException("--" + key + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number, not '" + value + "'");
        }
    }

    private static double seconds(Map<String, String> all, String key, boolean zeroAllowed) {
        String value = all.get(key);
        try {
            double s = Double.parseDouble(value.strip());
            if (Double.isNaN(s) || Double.isInfinite(s) || s < 0 || s == 0 && !zeroAllowed || s > 86_400) {
                throw new IllegalArgumentException("--" + key + " must be a number of seconds "
                        + (zeroAllowed ? "from 0" : "above 0") + " up to 86400, not '" + value + "'");
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number of seconds, not '" + value + "'");
        }
    }
}
