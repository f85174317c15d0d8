package io.switchboard.platform.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * What the platform under test logs while a test runs. The Arquillian Payara Micro container copies the server
 * process's console, line by line, to this JVM's {@code System.out} (looked up for every line); while open, this
 * copies {@code System.out} into a buffer as well. Only meaningful with the container's console output on (its
 * default, {@code payara.consoleOutput}).
 */
final class CapturedOutput implements AutoCloseable {

    private static final Pattern STACK_LINE = Pattern.compile("^\\s*(at [\\w$./]+\\(.*\\)|Caused by: .*)$",
            Pattern.MULTILINE);

    private final PrintStream original;
    private final Buffer buffer = new Buffer();

    private CapturedOutput() {
        original = System.out;
        System.setOut(new PrintStream(new Tee(original, buffer), true, StandardCharsets.UTF_8));
    }

    /** Starts copying; {@link #close()} stops. */
    static CapturedOutput start() {
        return new CapturedOutput();
    }

    String text() {
        return buffer.text();
    }

    /** @return the lines of stack traces (frames and "Caused by") captured so far */
    List<String> stackTraceLines() {
        return STACK_LINE.matcher(text()).results().map(m -> m.group().strip()).toList();
    }

    /** @return the distinct lines just above each stack trace (what was logged and thrown), for failure reports */
    List<String> stackHeadlines() {
        String[] lines = text().split("\\R");
        java.util.LinkedHashSet<String> headlines = new java.util.LinkedHashSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (STACK_LINE.matcher(lines[i]).matches() && !STACK_LINE.matcher(lines[i - 1]).matches()) {
                String headline = lines[i - 1].strip();
                headlines.add(headline.length() > 200 ? headline.substring(0, 200) + "…" : headline);
            }
        }
        return List.copyOf(headlines);
    }

    /**
     * Waits until nothing was written for {@code quiet} (the server's console reaches this JVM a little later than
     * its answers), at most {@code deadline}.
     */
    void awaitQuiet(Duration quiet, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        int size = buffer.size();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            int now = buffer.size();
            if (now != size) {
                size = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= quiet.toNanos()) {
                return;
            }
        }
    }

    @Override
    public void close() {
        System.setOut(original);
    }

    /** Thread-safe: the container's console reader writes from its own thread. */
    private static final class Buffer extends ByteArrayOutputStream {
        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
