package io.switchboard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A process a previous launcher left running (it was killed with {@code kill -9}, so its shutdown hook never ran).
 * Found through the pid file we keep, and only when its command line shows it is ours: pids are reused, and we must
 * never stop a stranger's process.
 */
final class StaleProcess {

    private StaleProcess() {
    }

    /** @return the live process whose pid is in the file and whose command line matches, if any */
    static Optional<ProcessHandle> find(Path pidFile, Predicate<String> isOurs) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isOurs.test(commandLine(p)));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Stops a stale process named by the pid file, politely first (SIGTERM), forcibly after {@code grace}.
     *
     * @return true when one was found and stopped
     */
    static boolean stop(Path pidFile, Predicate<String> isOurs, Duration grace) {
        Optional<ProcessHandle> stale = find(pidFile, isOurs);
        stale.ifPresent(process -> {
            CompletableFuture<ProcessHandle> exit = process.onExit();
            process.destroy();
            try {
                exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillAlive) {
                process.destroyForcibly();
                exit.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible);
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a leftover pid file is harmless: the command-line check protects the next start
        }
        return stale.isPresent();
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
}
