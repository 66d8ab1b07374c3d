package dev.squall.host.bench;

import java.util.List;

/**
 * What {@code squall bench sweep} measured: for each device and precision (a series), the throughput of a kernel at
 * each image size (square, {@code size x size} pixels), median and spread over the runs.
 */
public record SweepReport(String kernel, String unit, int maxIter, List<Integer> sizes, List<Series> series,
        int warmupRuns, int runs, Environment environment) {

    /** One device at one precision: its points in the order of {@link #sizes}. */
    public record Series(String device, String label, String deviceName, List<Point> points) {
    }

    /** Throughput at one size, in the report's unit. */
    public record Point(int size, long pixels, Figure rate) {
    }
}
