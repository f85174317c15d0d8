package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankOnOneToHundred() {
        long[] v = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Latencies.percentile(v, 0)).isEqualTo(1);
        assertThat(Latencies.percentile(v, 1)).isEqualTo(1);
        assertThat(Latencies.percentile(v, 7)).isEqualTo(7); // 7 * 100 / 100 exactly, not 7.000000000000001 → 8
        assertThat(Latencies.percentile(v, 50)).isEqualTo(50);
        assertThat(Latencies.percentile(v, 90)).isEqualTo(90);
        assertThat(Latencies.percentile(v, 99)).isEqualTo(99);
        assertThat(Latencies.percentile(v, 99.5)).isEqualTo(100);
        assertThat(Latencies.percentile(v, 100)).isEqualTo(100);
    }

    @Test
    void smallAndEmptySets() {
        assertThat(Latencies.percentile(new long[] {42}, 50)).isEqualTo(42);
        assertThat(Latencies.percentile(new long[] {42}, 99)).isEqualTo(42);
        long[] ten = LongStream.rangeClosed(1, 10).map(i -> i * 10).toArray();
        assertThat(Latencies.percentile(ten, 50)).isEqualTo(50);
        assertThat(Latencies.percentile(ten, 99)).isEqualTo(100); // the tail of 10 values is the max
        assertThat(Latencies.percentile(ten, 10)).isEqualTo(10);
        assertThat(Latencies.percentile(ten, 11)).isEqualTo(20);
        assertThat(Latencies.percentile(new long[0], 50)).isEqualTo(-1);
        assertThatThrownBy(() -> Latencies.percentile(ten, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mergesRecordersAcrossGrowth() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (long i = 10_000; i > 0; i--) { // more than the initial capacity, in descending order
            (i % 2 == 0 ? a : b).add(i);
        }
        Latencies empty = Latencies.wrap(new long[0]);
        empty.add(0);
        long[] all = Latencies.mergeSorted(List.of(a, b, empty));
        assertThat(all).hasSize(10_001).startsWith(0, 1, 2).endsWith(9_999, 10_000);
        assertThat(Latencies.percentile(all, 50)).isEqualTo(5_000);
        assertThat(Latencies.percentile(all, 99)).isEqualTo(9_900);
    }
}
