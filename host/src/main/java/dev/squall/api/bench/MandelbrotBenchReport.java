package dev.squall.api.bench;

import java.util.List;

/**
 * One {@code squall bench mandelbrot} result. Rates: {@code giterPerS} is the effective rate (the sum of counts
 * over the median time, transfers included); {@code executedGiterPerS} counts only the iterations actually run
 * (fewer when the cycle shortcut stopped orbits early). Stage times are medians over the measured runs.
 * {@code tornadoApi} ({@code parallel} or {@code kernel-context}) is set only for a TornadoVM device.
 * {@code crc32} is that of the counts as a {@code --counts} file would hold them, for comparing with other runners.
 *
 * @param kernel the escape-time formula's name: {@code mandelbrot}, {@code julia}, {@code burning-ship},
 *     {@code tricorn} or {@code multibrot}
 * @param device the device's id, as users type it: {@code cpu}, {@code opencl:0:0}
 * @param deviceName one line for summaries: the id and what the device is
 * @param precision {@code f64} or {@code f32}
 * @param width the image's width, in pixels
 * @param height the image's height, in pixels
 * @param maxIter the most iterations a pixel's orbit runs
 * @param view the window of the complex plane: x min, x max, y min, y max
 * @param cycleShortcut whether an orbit whose state repeats bit for bit was stopped early (and given
 *     {@code maxIter})
 * @param openclVariant the OpenCL variant asked for, as given: {@code auto}, {@code scalar} or {@code simd}
 * @param tornadoApi {@code parallel} or {@code kernel-context} on a TornadoVM device; null on the others
 * @param iterations the sum of counts over the image: the same in every run, whose CRC-32s must agree
 * @param crc32 the CRC-32 of the counts as u32 little-endian, row-major: 8 lowercase hex digits
 * @param executedIterations the orbit steps the device actually ran for the image, in the last run: fewer than
 *     {@code iterations} when the cycle shortcut stopped orbits early
 * @param warmupRuns runs done before the measured ones, not measured (the first of them timed as
 *     {@code stages.firstRunS})
 * @param runs runs measured
 * @param seconds each measured run's time, in seconds, in the order they ran: the render, transfers included, the
 *     build not
 * @param secondsMedian the median of {@code seconds}
 * @param secondsMin the smallest of {@code seconds}
 * @param secondsMax the largest of {@code seconds}
 * @param giterPerS the effective rate, in Giter/s (10^9 iterations a second): {@code iterations} over
 *     {@code secondsMedian}
 * @param executedGiterPerS the executed rate, in Giter/s: {@code executedIterations} over {@code secondsMedian}
 * @param stages where the time went
 * @param environment the machine the figures were measured on
 */
public record MandelbrotBenchReport(
        String kernel,
        String device,
        String deviceName,
        String precision,
        int width,
        int height,
        int maxIter,
        List<Double> view,
        boolean cycleShortcut,
        String openclVariant,
        String tornadoApi,
        long iterations,
        String crc32,
        long executedIterations,
        int warmupRuns,
        int runs,
        List<Double> seconds,
        double secondsMedian,
        double secondsMin,
        double secondsMax,
        double giterPerS,
        double executedGiterPerS,
        Stages stages,
        Environment environment) {

    /**
     * Where the time went: build once; the first run, whole (it pays what the build did not: TornadoVM compiles its
     * kernels on their first launch, the JVM its own code as it warms); upload, kernel and download per measured run
     * (medians).
     *
     * @param buildS preparing the kernel on the device once (building its program, uploading its data), in seconds
     * @param firstRunS the first run's whole time, in seconds: the first warm-up run, or the first measured one
     *     without warm-up
     * @param uploadS copying the coordinates to the device, in seconds: the median over the measured runs, each run's
     *     bands summed; 0 on CPU backends
     * @param kernelS the kernel itself, in seconds: the median over the measured runs, each run's bands summed
     * @param downloadS copying the counts back, in seconds: the median over the measured runs, each run's bands
     *     summed; 0 on CPU backends
     */
    public record Stages(double buildS, double firstRunS, double uploadS, double kernelS, double downloadS) {
    }
}
