package dev.squall.host.bench;

import java.util.Arrays;

/** One measured figure: the median of {@code runs} timed runs after warm-up, with the spread (min, max). */
public record Figure(double median, double min, double max, int runs) {

    /** From the value each run gave (a rate: larger is better, or a time: smaller). */
    public static Figure of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Figure(median, sorted[0], sorted[n - 1], n);
    }
}
