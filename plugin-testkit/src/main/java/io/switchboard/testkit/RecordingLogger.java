package io.switchboard.testkit;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link System.Logger} that keeps what a connector logs, so tests can assert on it, above all that no secret
 * ever reaches a log line:
 *
 * <pre>{@code
 * assertThat(context.logger().lines()).noneMatch(line -> line.message().contains(TOKEN));
 * }</pre>
 *
 * <p>Every level is enabled (a connector's debug lines must be secret-free too). Thread-safe.
 */
public final class RecordingLogger implements System.Logger {

    /**
     * One logged line.
     *
     * @param level   the level it was logged at
     * @param message the message with its parameters filled in
     * @param thrown  the exception logged with it, or {@code null}
     */
    public record Line(Level level, String message, Throwable thrown) {
    }

    private final String name;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    /** @param name the logger name reported by {@link #getName()} */
    public RecordingLogger(String name) {
        this.name = name;
    }

    /** @return the lines logged so far, oldest first */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(new Line(level, String.valueOf(msg), thrown));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        // System.Logger's contract: MessageFormat only when parameters are given, so "{}" stays literal otherwise.
        String message = params == null || params.length == 0 ? String.valueOf(format)
                : MessageFormat.format(String.valueOf(format), params);
        lines.add(new Line(level, message, null));
    }

    @Override
    public void log(Level level, Supplier<String> supplier) {
        lines.add(new Line(level, supplier.get(), null));
    }
}
