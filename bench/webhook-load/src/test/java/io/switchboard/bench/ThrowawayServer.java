package io.switchboard.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in server for checking the load generator without the platform (JDK {@code com.sun.net.httpserver},
 * 127.0.0.1 only): {@code /noop} answers 200 at once, {@code /hook} answers 200 after {@code workMs} of work
 * (sleeping, like a durable write waiting on the disk, or spinning on the CPU), {@code /fail} answers 503. Each
 * reads the whole request first. Not a model of the platform.
 *
 * <pre>
 * java -cp bench/webhook-load/target/test-classes io.switchboard.bench.ThrowawayServer --port=18090 --work-ms=1 --work=sleep --threads=64
 * </pre>
 */
public final class ThrowawayServer implements AutoCloseable {

    private static final byte[] OK = "{\"success\": true}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService pool;
    private final long workNanos;
    private final boolean spin;
    private final boolean record;
    final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();
    /** call ids and tokens seen on /hook and /noop when recording. */
    final Set<String> callIds = ConcurrentHashMap.newKeySet();
    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    final AtomicLong duplicateCallIds = new AtomicLong();

    private ThrowawayServer(int port, int threads, double workMs, boolean spin, boolean record) throws IOException {
        this.workNanos = (long) (workMs * 1e6);
        this.spin = spin;
        this.record = record;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        this.pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/noop", ex -> answer(ex, false, 200));
        server.createContext("/hook", ex -> answer(ex, true, 200));
        server.createContext("/fail", ex -> answer(ex, false, 503));
        server.start();
    }

    /**
     * @param port   0 for a free one
     * @param record keep every call id and token seen (for tests; costs CPU)
     */
    static ThrowawayServer start(int port, int threads, double workMs, boolean spin, boolean record)
            throws IOException {
        return new ThrowawayServer(port, threads, workMs, spin, record);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void answer(HttpExchange ex, boolean work, int status) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            hits.computeIfAbsent(ex.getHttpContext().getPath(), p -> new AtomicLong()).incrementAndGet();
            if (record) {
                record(ex.getRequestURI().getRawQuery());
                record(new String(body, StandardCharsets.UTF_8));
            }
            if (work && workNanos > 0) {
                long until = System.nanoTime() + workNanos;
                if (spin) {
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                } else {
                    for (long left = workNanos; left > 0; left = until - System.nanoTime()) {
                        LockSupport.parkNanos(left);
                    }
                }
            }
            byte[] answer = status == 200 ? OK : "unavailable".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
            ex.sendResponseHeaders(status, answer.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(answer);
            }
        }
    }

    private void record(String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = pair.substring(0, eq);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (name.equals("call_id") && !callIds.add(value)) {
                duplicateCallIds.incrementAndGet();
            } else if (name.equals("token")) {
                tokens.add(value);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** {@code --port=18090 --threads=64 --work-ms=1 --work=sleep|spin}; runs until killed. */
    public static void main(String[] args) throws Exception {
        int port = 18090;
        int threads = 64;
        double workMs = 1;
        boolean spin = false;
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            switch (kv[0]) {
                case "port" -> port = Integer.parseInt(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "work-ms" -> workMs = Double.parseDouble(kv[1]);
                case "work" -> spin = kv[1].equals("spin");
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        ThrowawayServer s = start(port, threads, workMs, spin, false);
        System.out.println("throwaway server on " + s.url("/") + " (/noop, /hook: " + workMs + " ms "
                + (spin ? "spin" : "sleep") + ", /fail), " + threads + " threads");
        Thread.currentThread().join();
    }
}
