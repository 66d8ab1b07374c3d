package dev.squall.api.bench;

import java.util.Arrays;

/**
 * One measured figure: the median of {@code runs} timed runs after warm-up, with the spread (min, max). The unit is
 * the one the figure's name says (GB/s, GFLOP/s, us, Giter/s, Mpixel/s).
 *
 * @param median the middle value of the runs (the mean of the two middle ones for an even count)
 * @param min the smallest value of the runs
 * @param max the largest value of the runs
 * @param runs how many runs were measured
 */
public record Figure(double median, double min, double max, int runs) {

    /**
     * From the value each run gave (a rate: larger is better, or a time: smaller).
     *
     * @param values one value a measured run, in any order; at least one (left unchanged)
     * @return their median, min, max and count
     */
    public static Figure of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Figure(median, sorted[0], sorted[n - 1], n);
    }
}
