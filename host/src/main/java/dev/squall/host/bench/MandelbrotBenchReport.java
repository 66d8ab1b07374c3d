package dev.squall.host.bench;

import java.util.List;

/**
 * One {@code squall bench mandelbrot} result. Rates: {@code giterPerS} is the effective rate (the sum of counts
 * over the median time, transfers included); {@code executedGiterPerS} counts only the iterations actually run
 * (fewer when the cycle shortcut stopped orbits early). Stage times are medians over the measured runs.
 * {@code tornadoApi} ({@code parallel} or {@code kernel-context}) is set only for a TornadoVM device.
 * {@code crc32} is that of the counts as a {@code --counts} file would hold them, for comparing with other runners.
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
     */
    public record Stages(double buildS, double firstRunS, double uploadS, double kernelS, double downloadS) {
    }
}
