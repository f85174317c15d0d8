package io.switchboard.launcher;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Watches the embedded MariaDB: when its process dies while the launcher has not asked it to stop, starts it again on
 * the same data folder and port (the platform's connections find it again by themselves), and says so. When that
 * fails, or the database died more than {@code maxRestarts} times within {@code window}, it gives up: the
 * {@code giveUp} callback gets the reason, and the launcher stops the platform and exits non-zero, so that a process
 * manager can start both afresh (ADR 0003, "Supervising the embedded database"). A frozen database (SIGSTOP, a hung
 * disk) is not its business: the process lives, and the platform answers 503 and reports DOWN until it thaws.
 */
final class DatabaseSupervisor {

    /** The supervised database, as far as the supervisor needs it. */
    interface Supervised {
        /** @return the running server process, if there is one */
        java.util.Optional<ProcessHandle> process();

        /** Starts the server again on the same data folder and port; returns once it accepts connections. */
        void restart() throws Exception;
    }

    private final Supervised database;
    private final int maxRestarts;
    private final Duration window;
    private final PrintStream out;
    private final Consumer<String> giveUp;
    private final Clock clock;
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private volatile boolean stopped;
    private volatile Thread thread;

    DatabaseSupervisor(Supervised database, int maxRestarts, Duration window, PrintStream out,
                       Consumer<String> giveUp, Clock clock) {
        this.database = database;
        this.maxRestarts = maxRestarts;
        this.window = window;
        this.out = out;
        this.giveUp = giveUp;
        this.clock = clock;
    }

    /** Starts watching the current server process. */
    void start() {
        Thread watcher = new Thread(this::watch, "switchboard-database-supervisor");
        watcher.setDaemon(true);
        thread = watcher;
        watcher.start();
    }

    /** Stops watching; called before the launcher stops the database itself. */
    void stop() {
        stopped = true;
        Thread watcher = thread;
        if (watcher != null && watcher != Thread.currentThread()) {
            watcher.interrupt();
        }
    }

    private void watch() {
        try {
            while (!stopped) {
                java.util.Optional<ProcessHandle> process = database.process();
                if (process.isEmpty() || !process.get().isAlive()) {
                    if (!stopped && !restart("is not running")) {
                        return;
                    }
                    continue;
                }
                long pid = process.get().pid();
                CompletableFuture<ProcessHandle> exit = process.get().onExit();
                exit.get();
                if (!stopped && !restart("(pid " + pid + ") exited unexpectedly")) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!stopped) {
                giveUp.accept("Cannot watch the embedded MariaDB (" + e.getCause() + "); stopping Switchboard.");
            }
        }
    }

    /** @return true when the database runs again; false after giving up */
    private boolean restart(String what) {
        Instant now = clock.instant();
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(window))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= maxRestarts) {
            giveUp.accept("The embedded MariaDB " + what + ", after " + restarts.size() + " restart"
                    + (restarts.size() == 1 ? "" : "s") + " within " + describe(window) + " (switchboard.db.embedded."
                    + "max-restarts / restart-window-minutes); giving up: stopping Switchboard (exit code 1) so that "
                    + "a process manager can start it afresh.");
            return false;
        }
        restarts.addLast(now);
        out.println("The embedded MariaDB " + what + "; restarting it on the same data folder (restart "
                + restarts.size() + " of at most " + maxRestarts + " within " + describe(window) + ")…");
        long started = System.nanoTime();
        try {
            database.restart();
        } catch (Exception e) {
            if (!stopped) {
                giveUp.accept("The embedded MariaDB could not be restarted (" + e.getMessage() + "); stopping "
                        + "Switchboard (exit code 1) so that a process manager can start it afresh.");
            }
            return false;
        }
        if (stopped) {
            return false;
        }
        out.printf(Locale.ROOT, "The embedded MariaDB is running again (pid %s, restarted in %.1f s); the platform "
                        + "reconnects by itself.%n", database.process().map(p -> String.valueOf(p.pid())).orElse("?"),
                (System.nanoTime() - started) / 1e9);
        return true;
    }

    private static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes * 60 == duration.toSeconds() ? minutes + " min" : duration.toSeconds() + " s";
    }
}
