package dev.squall.host.bench;

import java.util.List;

/**
 * What {@code squall bench sweep} measured: for each device and precision (a series), the throughput of a kernel at
 * each image size (square, {@code size x size} pixels), median and spread over the runs.
 */
public record SweepReport(String kernel, String unit, int maxIter, List<Integer> sizes, List<Series> series,
        int warmupRuns, int runs, Environment environment) {

    /**
     * One device at one precision: its points in the order of {@link #sizes}; for Mandelbrot on an OpenCL device, the
     * device's multiply-add peak in that precision, measured in the same run (null otherwise).
     */
    public record Series(String device, String label, String deviceName, Figure devicePeakGflops, List<Point> points) {
    }

    /**
     * Throughput at one size, in the report's unit; for Mandelbrot against a measured peak, the executed GFLOP/s
     * (8 flops an iteration) as a fraction of it (null otherwise).
     */
    public record Point(int size, long pixels, Figure rate, Double peakFraction) {
    }
}
