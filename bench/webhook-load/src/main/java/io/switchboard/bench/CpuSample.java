package io.switchboard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time at one instant: this JVM's (so the generator's own cost is known) and, on Linux, the whole machine's
 * from {@code /proc/stat} (so a saturated box shows). The difference of two samples over a phase gives cores used.
 *
 * @param wallNanos    {@link System#nanoTime()}
 * @param processNanos CPU time of this process, or -1 when the JVM does not tell
 * @param boxBusy      busy jiffies of all CPUs (user, nice, system, irq, softirq), or -1 without {@code /proc/stat}
 * @param boxTotal     all jiffies of all CPUs (the above plus idle, iowait, steal), or -1
 * @param boxCpus      CPUs listed in {@code /proc/stat}, or 0
 */
record CpuSample(long wallNanos, long processNanos, long boxBusy, long boxTotal, int boxCpus) {

    static CpuSample now() {
        long process = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            process = os.getProcessCpuTime();
        }
        long busy = -1;
        long total = -1;
        int cpus = 0;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            for (String line : lines) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long[] v = new long[8];
                    for (int i = 0; i < 8 && i + 1 < f.length; i++) {
                        v[i] = Long.parseLong(f[i + 1]);
                    }
                    // user nice system idle iowait irq softirq steal
                    busy = v[0] + v[1] + v[2] + v[5] + v[6];
                    total = busy + v[3] + v[4] + v[7];
                } else if (line.matches("cpu\\d+ .*")) {
                    cpus++;
                }
            }
        } catch (IOException | RuntimeException e) {
            busy = -1;
            total = -1;
        }
        return new CpuSample(System.nanoTime(), process, busy, total, cpus);
    }

    /** @return cores this process used between {@code earlier} and this sample, or NaN */
    double processCoresSince(CpuSample earlier) {
        if (processNanos < 0 || earlier.processNanos < 0 || wallNanos == earlier.wallNanos) {
            return Double.NaN;
        }
        return (double) (processNanos - earlier.processNanos) / (wallNanos - earlier.wallNanos);
    }

    /** @return cores the whole machine used between {@code earlier} and this sample, or NaN */
    double boxCoresSince(CpuSample earlier) {
        if (boxTotal < 0 || earlier.boxTotal < 0 || boxTotal == earlier.boxTotal || boxCpus == 0) {
            return Double.NaN;
        }
        return (double) (boxBusy - earlier.boxBusy) / (boxTotal - earlier.boxTotal) * boxCpus;
    }
}
