package io.switchboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load generator for the webhook ingest endpoint (issue #5). {@code --concurrency} virtual users, each a
 * platform thread that sends its next request (JDK {@link HttpClient}, HTTP/1.1, keep-alive, synchronous
 * {@code send}) as soon as the previous one answered. Phases in one run, interleaved so that a noisy machine
 * affects both sides alike: warm-up against the target, then no-op and target phases in turn; the no-op URL gets
 * the very same requests, so target / no-op is the share of the server's ceiling the ingest reaches. See
 * {@link Options#USAGE}.
 */
public final class WebhookLoad {

    /** Issue #5's targets, for the platform on 2 cores with this generator on the same box. */
    static final double TARGET_THROUGHPUT = 2500;
    static final double TARGET_RATIO = 0.75;
    static final double TARGET_P99_MS = 50;

    private static final double MS = 1e6;

    private final Options options;
    private final PrintStream out;
    private final Payloads payloads;
    private final Source source;
    private final AtomicLong sequence = new AtomicLong();

    WebhookLoad(Options options, PrintStream out) {
        this(options, out, null);
    }

    /**
     * @param source the requests to send instead of the Sipuni events of {@link Payloads}, or {@code null} for those
     */
    WebhookLoad(Options options, PrintStream out, Source source) {
        this.options = options;
        this.out = out;
        this.payloads = new Payloads(options.run(), options.method(), options.token(), options.calls(),
                options.numbersFrom());
        this.source = source;
    }

    /**
     * Requests other than the Sipuni events, for a bench program that sends some other vendor's webhooks with this
     * load machinery (e.g. {@link ChatBench}'s Dashly chat commands, with {@code --requests} = how many there are).
     */
    interface Source {

        /** @return request {@code n} (0, 1, …) to {@code url}; called from the virtual users' threads */
        Payloads.Request request(URI url, long n);

        /** Request {@code n} was answered 2xx at {@code nanoTime} ({@link System#nanoTime()}); from the users' threads. */
        default void accepted(long n, long nanoTime) {
        }

        /** @return what is sent, for the run's header line */
        String describe();
    }

    /** @return how many requests were taken from the sequence and sent (the cap of {@code --requests} applied) */
    private long sent() {
        return options.requests() > 0 ? Math.min(sequence.get(), options.requests()) : sequence.get();
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("webhook-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        Report report = new WebhookLoad(options, System.out).run();
        System.out.flush();
        System.exit(report.valid() ? 0 : 1);
    }

    /**
     * One phase's outcome.
     *
     * @param name          {@code warmup}, {@code noop 1}, {@code target 1}, …
     * @param kind          {@code target} or {@code noop}
     * @param seconds       from start until the last in-flight request answered
     * @param requests      requests answered or failed
     * @param ok            2xx answers
     * @param nonOk         non-2xx answers by status
     * @param errors        requests without an answer (connection refused or reset, timeout…) by exception
     * @param sortedNanos   latencies of the 2xx answers, sorted
     * @param genCores      CPU this generator used, in cores (NaN if unknown)
     * @param boxCores      CPU the whole machine used, in cores (NaN if unknown)
     * @param firstProblem  the first non-2xx (status and start of the body) or error message, or {@code null}
     */
    record Phase(String name, String kind, double seconds, long requests, long ok, Map<Integer, Long> nonOk,
                 Map<String, Long> errors, long[] sortedNanos, double genCores, double boxCores,
                 String firstProblem) {

        double throughput() {
            return seconds > 0 ? ok / seconds : 0;
        }

        long nonOkCount() {
            return nonOk.values().stream().mapToLong(Long::longValue).sum();
        }

        /** @return CPU microseconds this generator spent per request sent (NaN if unknown) */
        double genMicrosPerRequest() {
            return requests == 0 ? Double.NaN : genCores * seconds * 1e6 / requests;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double percentileMs(double p) {
            long v = Latencies.percentile(sortedNanos, p);
            return v < 0 ? Double.NaN : v / MS;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("kind", kind);
            m.put("seconds", seconds);
            m.put("requests", requests);
            m.put("ok", ok);
            m.put("throughput", throughput());
            m.put("p50Ms", percentileMs(50));
            m.put("p90Ms", percentileMs(90));
            m.put("p99Ms", percentileMs(99));
            m.put("maxMs", percentileMs(100));
            m.put("nonOk", keysAsStrings(nonOk));
            m.put("errors", errors);
            m.put("generatorCpuCores", genCores);
            m.put("generatorCpuMicrosPerRequest", genMicrosPerRequest());
            m.put("machineCpuCores", boxCores);
            return m;
        }
    }

    /**
     * The whole run.
     *
     * @param phases     every phase, warm-up first
     * @param valid      no non-2xx answer and no error in any phase, and every planned phase ran
     * @param json       the {@code RESULT} object
     */
    record Report(List<Phase> phases, boolean valid, Map<String, Object> json) {
    }

    /** Runs every phase, printing each row as it completes, then the summary and the {@code RESULT} line. */
    Report run() {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int cores = Runtime.getRuntime().availableProcessors();
        if (source != null) {
            out.printf(Locale.ROOT, "webhook-load: run %s, %s, %d cores, concurrency %d, %s s per phase at most, "
                            + "warm-up %s s, %d round(s), %s%s%n", options.run(), startedAt, cores,
                    options.concurrency(), num(options.durationSeconds()), num(options.warmupSeconds()),
                    options.rounds(), source.describe(),
                    options.requests() > 0 ? ", " + options.requests() + " requests in all" : "");
        } else {
            out.printf(Locale.ROOT, "webhook-load: run %s, %s, %d cores, concurrency %d, %s s per phase, warm-up %s s, "
                            + "%d round(s), %d Sipuni event kinds, calls %s: call ids bench-%s-%s%n", options.run(),
                    startedAt, cores, options.concurrency(), num(options.durationSeconds()),
                    num(options.warmupSeconds()), options.rounds(), payloads.kinds(), options.calls(), options.run(),
                    options.calls().equals("whole") ? "<cycle>-<scenario> (the events of a call share its id)"
                            : "<n> (every event a call of its own)");
        }
        out.println("  client: " + (options.client().equals("raw")
                ? "raw (one keep-alive socket per virtual user)" : "jdk (java.net.http.HttpClient, HTTP/1.1)"));
        out.println("  target: " + options.method() + " " + options.target());
        out.println("  no-op:  " + (options.noop() == null ? "(none: no ratio)" : options.method() + " " + options.noop()));
        out.println();

        List<Phase> phases = new ArrayList<>();
        boolean aborted = false;
        List<Sender> senders = new ArrayList<>();
        HttpClient shared = options.client().equals("jdk") ? JdkSender.newClient() : null;
        Duration timeout = Duration.ofMillis((long) (options.timeoutSeconds() * 1000));
        for (int i = 0; i < options.concurrency(); i++) {
            senders.add(shared != null ? new JdkSender(shared, timeout) : new RawSender((int) timeout.toMillis()));
        }
        ExecutorService users = Executors.newFixedThreadPool(options.concurrency(), daemonThreads());
        try {
            out.println(header());
            List<String[]> plan = new ArrayList<>();
            if (options.warmupSeconds() > 0) {
                plan.add(new String[] {"warmup", "target"});
            }
            for (int r = 1; r <= options.rounds(); r++) {
                if (options.noop() != null) {
                    plan.add(new String[] {"noop " + r, "noop"});
                }
                plan.add(new String[] {"target " + r, "target"});
            }
            for (String[] step : plan) {
                if (options.requests() > 0 && sequence.get() >= options.requests()) {
                    break; // --requests: all sent, no phase left to measure
                }
                boolean warmup = step[0].equals("warmup");
                URI url = step[1].equals("noop") ? options.noop() : options.target();
                Phase phase = phase(senders, users, step[0], step[1], url,
                        warmup ? options.warmupSeconds() : options.durationSeconds());
                phases.add(phase);
                out.println(row(phase));
                if (phase.ok() == 0) {
                    // Nothing answered 2xx: the URL, the token or the server is wrong; more phases would only wait.
                    aborted = true;
                    out.println("  (stopping: no 2xx answer in this phase)");
                    break;
                }
            }
        } finally {
            users.shutdownNow();
            senders.forEach(Sender::close);
        }
        return summarize(startedAt, cores, phases, aborted);
    }

    private Phase phase(List<Sender> senders, ExecutorService users, String name, String kind, URI url,
                        double seconds) {
        CpuSample before = CpuSample.now();
        long deadline = before.wallNanos() + (long) (seconds * 1e9);
        List<Future<User>> running = new ArrayList<>();
        for (Sender sender : senders) {
            running.add(users.submit(() -> new User().run(sender, url, deadline)));
        }
        List<User> done = new ArrayList<>();
        for (Future<User> f : running) {
            try {
                done.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a virtual user failed", e.getCause());
            }
        }
        CpuSample after = CpuSample.now();

        long requests = 0;
        long ok = 0;
        Map<Integer, Long> nonOk = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        String firstProblem = null;
        List<Latencies> latencies = new ArrayList<>();
        for (User u : done) {
            requests += u.requests;
            ok += u.ok;
            u.nonOk.forEach((k, v) -> nonOk.merge(k, v, Long::sum));
            u.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            if (firstProblem == null) {
                firstProblem = u.firstProblem;
            }
            latencies.add(u.latencies);
        }
        return new Phase(name, kind, (after.wallNanos() - before.wallNanos()) / 1e9, requests, ok, nonOk, errors,
                Latencies.mergeSorted(latencies), after.processCoresSince(before), after.boxCoresSince(before),
                firstProblem);
    }

    /** One virtual user's phase: requests until the deadline, each sent when the previous one answered. */
    private final class User {
        final Latencies latencies = new Latencies();
        final Map<Integer, Long> nonOk = new TreeMap<>();
        final Map<String, Long> errors = new TreeMap<>();
        long requests;
        long ok;
        String firstProblem;

        User run(Sender sender, URI url, long deadline) {
            while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                long n = sequence.getAndIncrement();
                if (options.requests() > 0 && n >= options.requests()) {
                    break;
                }
                Payloads.Request request = source != null ? source.request(url, n) : payloads.request(url, n);
                long t0 = System.nanoTime();
                try {
                    Sender.Answer answer = sender.send(request);
                    long nanos = System.nanoTime() - t0;
                    requests++;
                    int status = answer.status();
                    if (status >= 200 && status < 300) {
                        ok++;
                        latencies.add(nanos);
                        if (source != null) {
                            source.accepted(n, t0 + nanos);
                        }
                    } else {
                        nonOk.merge(status, 1L, Long::sum);
                        if (firstProblem == null) {
                            String body = new String(answer.bodyStart(), StandardCharsets.UTF_8).strip();
                            firstProblem = status + " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
                        }
                    }
                } catch (IOException e) {
                    requests++;
                    errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                    if (firstProblem == null) {
                        firstProblem = e.toString();
                    }
                    pause(); // a refused connection fails at once: do not spin
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return this;
        }

        private void pause() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Report summarize(Instant startedAt, int cores, List<Phase> phases, boolean aborted) {
        List<Phase> targets = phases.stream().filter(p -> p.kind().equals("target") && !p.name().equals("warmup")).toList();
        List<Phase> noops = phases.stream().filter(p -> p.kind().equals("noop")).toList();
        double targetMean = targets.stream().mapToDouble(Phase::throughput).average().orElse(Double.NaN);
        double noopMean = noops.stream().mapToDouble(Phase::throughput).average().orElse(Double.NaN);
        double ratio = noops.isEmpty() || targets.isEmpty() ? Double.NaN : targetMean / noopMean;
        long[] targetPooled = Latencies.mergeSorted(targets.stream().map(WebhookLoad::asLatencies).toList());
        long[] noopPooled = Latencies.mergeSorted(noops.stream().map(WebhookLoad::asLatencies).toList());

        Map<Integer, Long> nonOk = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        String firstProblem = null;
        for (Phase p : phases) {
            p.nonOk().forEach((k, v) -> nonOk.merge(k, v, Long::sum));
            p.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            if (firstProblem == null) {
                firstProblem = p.firstProblem();
            }
        }
        long nonOkTotal = nonOk.values().stream().mapToLong(Long::longValue).sum();
        long errorTotal = errors.values().stream().mapToLong(Long::longValue).sum();
        boolean valid = nonOkTotal == 0 && errorTotal == 0 && !aborted && !targets.isEmpty();

        double p50 = pct(targetPooled, 50);
        double p90 = pct(targetPooled, 90);
        double p99 = pct(targetPooled, 99);
        double max = pct(targetPooled, 100);
        out.println();
        if (!noops.isEmpty()) {
            out.printf(Locale.ROOT, "mean no-op : %9.1f 2xx/s   p50 %s  p90 %s  p99 %s ms (no-op phases pooled)%n",
                    noopMean, ms(pct(noopPooled, 50)), ms(pct(noopPooled, 90)), ms(pct(noopPooled, 99)));
        }
        if (!targets.isEmpty()) {
            out.printf(Locale.ROOT, "mean target: %9.1f 2xx/s   p50 %s  p90 %s  p99 %s ms, max %s ms (target phases pooled)%n",
                    targetMean, ms(p50), ms(p90), ms(p99), ms(max));
        }
        if (!Double.isNaN(ratio)) {
            out.printf(Locale.ROOT, "ratio      : %9.1f %% of no-op (target / no-op throughput, means of this run)%n",
                    ratio * 100);
        }
        out.printf(Locale.ROOT, "issue #5 targets (platform, 2 cores, generator on the box): >= %.0f/s %s; "
                        + ">= %.0f %% of no-op %s; p99 < %.0f ms %s%n",
                TARGET_THROUGHPUT, verdict(targetMean >= TARGET_THROUGHPUT, targetMean),
                TARGET_RATIO * 100, verdict(ratio >= TARGET_RATIO, ratio), TARGET_P99_MS,
                verdict(p99 < TARGET_P99_MS, p99));
        if (!valid) {
            String bar = "!".repeat(100);
            List<String> lines = new ArrayList<>();
            lines.add(bar);
            lines.add("!!! INVALID RUN: " + nonOkTotal + " non-2xx answer(s) " + nonOk + ", " + errorTotal
                    + " request(s) without answer " + errors
                    + (aborted ? ", stopped early (a phase had no 2xx)" : "")
                    + (targets.isEmpty() && !aborted ? ", no measured target phase" : ""));
            if (firstProblem != null) {
                lines.add("!!! first problem: " + firstProblem);
            }
            lines.add("!!! Every webhook must be answered 2xx; these figures do not count.");
            lines.add(bar);
            lines.forEach(out::println);
            if (out == System.out) { // also where a script piping stdout away still shows it
                lines.forEach(System.err::println);
            }
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "webhook-load");
        json.put("timestamp", startedAt.toString());
        json.put("run", options.run());
        json.put("valid", valid);
        json.put("cores", cores);
        json.put("concurrency", options.concurrency());
        json.put("method", options.method());
        json.put("client", options.client());
        json.put("calls", options.calls());
        json.put("callIds", source != null ? 0 : payloads.callIdsIn(sent()));
        json.put("repeats", source != null ? 0 : payloads.repeatsIn(sent()));
        json.put("requestsSent", sent());
        json.put("durationSeconds", options.durationSeconds());
        json.put("warmupSeconds", options.warmupSeconds());
        json.put("rounds", options.rounds());
        json.put("target", options.target().toString());
        json.put("noop", options.noop() == null ? null : options.noop().toString());
        json.put("targetThroughput", targetMean);
        json.put("noopThroughput", noopMean);
        json.put("ratio", ratio);
        json.put("targetP50Ms", p50);
        json.put("targetP90Ms", p90);
        json.put("targetP99Ms", p99);
        json.put("targetMaxMs", max);
        json.put("nonOk", nonOkTotal);
        json.put("nonOkByStatus", keysAsStrings(nonOk));
        json.put("errors", errorTotal);
        json.put("errorsByKind", errors);
        json.put("firstProblem", firstProblem);
        json.put("phases", phases.stream().map(Phase::json).toList());
        out.println("RESULT " + Json.write(json));
        return new Report(phases, valid, json);
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-10s %9s %9s %8s %7s %9s %8s %8s %8s %8s %7s %8s %7s",
                "phase", "requests", "2xx", "non-2xx", "errors", "2xx/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "gen cpu", "gen us/r", "box cpu");
    }

    private static String row(Phase p) {
        return String.format(Locale.ROOT, "%-10s %9d %9d %8s %7s %9.1f %8s %8s %8s %8s %7s %8s %7s",
                p.name(), p.requests(), p.ok(), flag(p.nonOkCount()), flag(p.errorCount()), p.throughput(),
                ms(p.percentileMs(50)), ms(p.percentileMs(90)), ms(p.percentileMs(99)), ms(p.percentileMs(100)),
                cores(p.genCores()), Double.isNaN(p.genMicrosPerRequest()) ? "-"
                        : String.format(Locale.ROOT, "%.0f", p.genMicrosPerRequest()), cores(p.boxCores()));
    }

    private static String flag(long n) {
        return n == 0 ? "0" : n + " !";
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String cores(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String verdict(boolean met, double value) {
        return Double.isNaN(value) ? "n/a" : met ? "met" : "MISSED";
    }

    private static double pct(long[] sorted, double p) {
        long v = Latencies.percentile(sorted, p);
        return v < 0 ? Double.NaN : v / MS;
    }

    private static Latencies asLatencies(Phase p) {
        return Latencies.wrap(p.sortedNanos());
    }

    private static Map<String, Long> keysAsStrings(Map<Integer, Long> byStatus) {
        Map<String, Long> m = new LinkedHashMap<>();
        byStatus.forEach((k, v) -> m.put(Integer.toString(k), v));
        return m;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "user-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
