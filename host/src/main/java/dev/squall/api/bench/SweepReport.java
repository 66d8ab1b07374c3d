package dev.squall.api.bench;

import java.util.List;

/**
 * What {@code squall bench sweep} measured: for each device and precision (a series), the throughput of a kernel at
 * each image size (square, {@code size x size} pixels), median and spread over the runs.
 *
 * @param kernel what was swept, as {@code --kernel} names it: an escape-time formula ({@code mandelbrot},
 *     {@code julia}, {@code burning-ship}, {@code tricorn}, {@code multibrot}) or {@code brightness}
 * @param unit the unit of every rate: {@code Giter/s} (10^9 iterations a second, the sum of counts over the median
 *     time) for a formula, {@code Mpixel/s} (10^6 RGBA pixels a second) for {@code brightness}
 * @param maxIter the most iterations a pixel's orbit runs; 0 for {@code brightness}
 * @param sizes the image sides swept, in pixels, in the order measured
 * @param series one a device and precision
 * @param warmupRuns runs not measured at each size
 * @param runs runs measured at each size
 * @param environment the machine the figures were measured on
 */
public record SweepReport(String kernel, String unit, int maxIter, List<Integer> sizes, List<Series> series,
        int warmupRuns, int runs, Environment environment) {

    /**
     * One device at one precision: its points in the order of {@link #sizes}; for Mandelbrot on an OpenCL device, the
     * device's multiply-add peak in that precision, measured in the same run (null otherwise).
     *
     * @param device the device's id, as users type it: {@code cpu}, {@code opencl:0:0}
     * @param label the precision, {@code f64} or {@code f32}; {@code rgba8} for {@code brightness}
     * @param deviceName one line for summaries: the id and what the device is
     * @param devicePeakGflops the device's multiply-add peak in GFLOP/s (a multiply-add counting 2 flops): the
     *     median of 3 runs after 1 warm-up; null but for Mandelbrot on an OpenCL device
     * @param points one a size
     */
    public record Series(String device, String label, String deviceName, Figure devicePeakGflops, List<Point> points) {
    }

    /**
     * Throughput at one size, in the report's unit; for Mandelbrot against a measured peak, the executed GFLOP/s
     * (8 flops an iteration) as a fraction of it (null otherwise).
     *
     * @param size the image's side, in pixels
     * @param pixels the image's pixels, {@code size * size}
     * @param rate the throughput in the report's unit: the median and spread over the measured runs
     * @param peakFraction the executed iterations' GFLOP/s at the median time over the median of
     *     {@link Series#devicePeakGflops()} (1 is the peak); null where there is no peak
     */
    public record Point(int size, long pixels, Figure rate, Double peakFraction) {
    }
}
