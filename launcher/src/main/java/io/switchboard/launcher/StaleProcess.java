package io.switchboard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A process a previous launcher left running: it was killed with {@code kill -9}, so its shutdown hook never ran and
 * its {@code mariadbd} and Payara still hold their ports. Found through the pid files in the data folder, and acted
 * on only when the process is ours beyond doubt — pids are reused, and we must never stop a stranger's process:
 * <ul>
 *   <li>its command line (and, where known, working directory) must match, see the callers' predicates;</li>
 *   <li>it must have started before its pid file was last written: a process that took over the pid later is
 *       someone else.</li>
 * </ul>
 */
final class StaleProcess {

    /** Process start times are derived from clock ticks and the boot time (whole seconds on Linux). */
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(2);

    private StaleProcess() {
    }

    /**
     * What is known about a live process.
     *
     * @param pid         process id
     * @param commandLine the full command line, arguments separated by spaces ("" when unknown)
     * @param start       when it started, when known
     * @param workingDir  its current directory, when known (Linux, same user)
     */
    record Facts(long pid, String commandLine, Optional<Instant> start, Optional<Path> workingDir) {

        static Facts of(ProcessHandle process) {
            return new Facts(process.pid(), StaleProcess.commandLine(process), process.info().startInstant(),
                    StaleProcess.workingDir(process.pid()));
        }
    }

    /**
     * The decision, free of side effects.
     *
     * @param facts        the live process named by the pid file
     * @param pidFileTime  when the pid file was last written
     * @param matches      whether the command line (and working directory) are those of our process
     * @return true when it is our stale process
     */
    static boolean isOurs(Facts facts, Instant pidFileTime, Predicate<Facts> matches) {
        boolean startedBeforeThePidFile = facts.start()
                .map(start -> !start.isAfter(pidFileTime.plus(CLOCK_TOLERANCE))).orElse(true);
        return startedBeforeThePidFile && matches.test(facts);
    }

    /** @return the live process whose pid is in the file, if it is ours */
    static Optional<ProcessHandle> find(Path pidFile, Predicate<Facts> matches) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            Instant written = Files.getLastModifiedTime(pidFile).toInstant();
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> isOurs(Facts.of(process), written, matches));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Stops the process named by the pid file when it is ours: SIGTERM first, SIGKILL after {@code grace}. Removes
     * the pid file either way.
     *
     * @return the pid of the process stopped, if one was
     */
    static Optional<Long> stop(Path pidFile, Predicate<Facts> matches, Duration grace) {
        Optional<ProcessHandle> stale = find(pidFile, matches);
        stale.ifPresent(process -> terminate(process, grace));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a leftover pid file is harmless: the next start checks the process before acting on it
        }
        return stale.map(ProcessHandle::pid);
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once the process is gone. */
    static void terminate(ProcessHandle process, Duration grace) {
        try {
            process.destroy();
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillAlive) {
            process.destroyForcibly();
            process.onExit().join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The full command line; on Linux from /proc (complete), elsewhere from the JDK (may be truncated). */
    static String commandLine(ProcessHandle process) {
        Path cmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ').trim();
            }
        } catch (IOException gone) {
            return "";
        }
        return process.info().commandLine().orElse("");
    }

    /** The current directory of a process; Linux only, and only for our own user's processes. */
    static Optional<Path> workingDir(long pid) {
        try {
            return Optional.of(Path.of("/proc", String.valueOf(pid), "cwd").toRealPath());
        } catch (IOException | SecurityException unknown) {
            return Optional.empty();
        }
    }
}
