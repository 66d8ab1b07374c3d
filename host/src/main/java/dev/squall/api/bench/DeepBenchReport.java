package dev.squall.api.bench;

import java.util.List;

/**
 * A deep-zoom view timed on the CPU backend: whole renders (reference orbit, bilinear table, every pixel), each
 * stage's median apart, and what the pixels took.
 *
 * @param kernel {@code mandelbrot}
 * @param width pixels across
 * @param height pixels down
 * @param maxIter the most iterations a pixel runs
 * @param center the centre as given, real and imaginary
 * @param zoom the zoom as given
 * @param device the device's label
 * @param warmupRuns runs not measured
 * @param runs runs measured
 * @param seconds each measured run's whole time, in order
 * @param secondsMedian their median
 * @param secondsMin the fastest
 * @param secondsMax the slowest
 * @param firstRunS the first run's time (warm-up included: it compiles the loops)
 * @param orbitS the reference orbit's median time
 * @param tableS the bilinear table's median time
 * @param pixelsS the first tier's median time (every pixel, wall clock)
 * @param doubleDoubleS the second tier's median time (the pixels the first could not prove)
 * @param oracleS the arbitrary-precision oracle's median time (the pixels neither tier proved)
 * @param orbitSteps the reference orbit's length
 * @param orbitBits its fractional bits
 * @param arithmetic the deltas' numbers: {@code double} or {@code extended}
 * @param doubleDoublePixels pixels recomputed in double-double (each run the same)
 * @param oraclePixels pixels recomputed by the oracle
 * @param unprovenPixels in the fast mode ({@code --deep fast}), pixels whose counts were kept unproven; 0 when exact
 * @param iterations the sum of all counts
 * @param blaJumps bilinear jumps taken, in one run
 * @param blaSkipped iterations those jumps covered
 * @param steps single perturbed steps computed, in one run
 * @param crc32 the CRC-32 of the counts (u32 little-endian, row-major, as {@code --counts}), the same every run
 * @param environment the machine and JVM
 */
public record DeepBenchReport(String kernel, int width, int height, int maxIter, List<String> center, String zoom,
        String device, int warmupRuns, int runs, List<Double> seconds, double secondsMedian, double secondsMin,
        double secondsMax, double firstRunS, double orbitS, double tableS, double pixelsS, double doubleDoubleS,
        double oracleS, int orbitSteps, int orbitBits, String arithmetic, int doubleDoublePixels, int oraclePixels,
        long unprovenPixels, long iterations, long blaJumps, long blaSkipped, long steps, String crc32,
        Environment environment) {

    /** Copies the list. */
    public DeepBenchReport {
        seconds = List.copyOf(seconds);
        center = List.copyOf(center);
    }

    /** {@return iterations per second of the median run, in billions (the counts' sum, jumps included)} */
    public double giterPerS() {
        return iterations / secondsMedian / 1e9;
    }
}
