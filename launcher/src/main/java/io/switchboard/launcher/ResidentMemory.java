package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, from Linux's /proc (the figure the README reports). */
final class ResidentMemory {

    private ResidentMemory() {
    }

    /** @return e.g. "463 MB", or "n/a" where /proc is not available */
    static String megabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kilobytes / 1024) + " MB";
                }
            }
        } catch (IOException | NumberFormatException | SecurityException unavailable) {
            // not Linux, or the process is gone
        }
        return "n/a";
    }
}
