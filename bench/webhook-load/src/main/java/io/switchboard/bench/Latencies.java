package io.switchboard.bench;

import java.util.Arrays;

/**
 * Every latency of a phase, kept whole (a phase of 20 s at 10,000 requests/s is 1.6 MB of {@code long}s) so the
 * percentiles are exact: a growable array per virtual user while the phase runs, merged and sorted at its end.
 * Not thread-safe; one per virtual user.
 */
public final class Latencies {

    private long[] values;
    private int size;

    public Latencies() {
        this(new long[4096], 0);
    }

    private Latencies(long[] values, int size) {
        this.values = values;
        this.size = size;
    }

    /** @return a view of {@code values} (not copied) */
    public static Latencies wrap(long[] values) {
        return new Latencies(values, values.length);
    }

    /** @param nanos one latency */
    public void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(16, values.length * 2));
        }
        values[size++] = nanos;
    }

    public int size() {
        return size;
    }

    /** @return all latencies of all the given recorders, sorted ascending */
    public static long[] mergeSorted(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies part : parts) {
            total += part.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (Latencies part : parts) {
            System.arraycopy(part.values, 0, all, at, part.size);
            at += part.size;
        }
        Arrays.sort(all);
        return all;
    }

    /**
     * Nearest-rank percentile: the smallest value such that at least {@code p} % of the values are at or below it
     * ({@code p = 0} gives the minimum, {@code p = 100} the maximum).
     *
     * @param sorted values sorted ascending
     * @param p      0 to 100
     * @return the percentile, or -1 when there are no values
     */
    public static long percentile(long[] sorted, double p) {
        if (p < 0 || p > 100 || Double.isNaN(p)) {
            throw new IllegalArgumentException("percentile must be from 0 to 100: " + p);
        }
        int n = sorted.length;
        if (n == 0) {
            return -1;
        }
        // p * n / 100 rather than p / 100 * n: exact for whole p and n (0.07 * 100 would be 7.000000000000001).
        long rank = (long) Math.ceil(p * n / 100.0 - 1e-9);
        return sorted[(int) Math.min(Math.max(rank, 1), n) - 1];
    }
}
