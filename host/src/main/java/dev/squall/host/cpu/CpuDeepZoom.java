package dev.squall.host.cpu;

import dev.squall.host.BandStats;
import dev.squall.host.KernelRun;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Pixels;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.deep.DeepRender;
import java.lang.foreign.MemorySegment;

/**
 * Deep zoom on the CPU: the reference orbit (arbitrary precision) and the bilinear table computed once when the run
 * is prepared, then each band's pixels as perturbations of it ({@link DeepRender}: rebasing, bilinear jumps, every
 * count proven exact or recomputed at higher precision), on the backend's threads. Scalar Java for now: the
 * reference the Vector API and OpenCL loops will be checked against.
 */
final class CpuDeepZoom implements KernelRun {
    private final DeepRender.Prepared prepared;
    private final int threads;
    private long pixelNanos;
    private long doubleDoubleNanos;
    private long oracleNanos;
    private long rebases;
    private long jumps;
    private long skipped;
    private long steps;
    private long doubleDoublePixels;
    private long oraclePixels;
    private long unprovenPixels;
    private DeepRender.Stats last;

    CpuDeepZoom(CpuBackend backend, DeepParams params) {
        this.prepared = DeepRender.prepare(params, true, DeepRender.Arithmetic.AUTO);
        this.threads = backend.threads();
    }

    @Override
    public BandStats run(Band band, MemorySegment destination) {
        long t0 = System.nanoTime();
        DeepRender.Result result = prepared.compute(band.firstRow(), band.rows(), threads);
        int[] counts = result.counts();
        for (int i = 0; i < counts.length; i++) {
            destination.setAtIndex(Pixels.U32, i, counts[i]);
        }
        DeepRender.Stats s = result.stats();
        synchronized (this) {
            last = s;
            pixelNanos += s.pixelNanos();
            doubleDoubleNanos += s.doubleDoubleNanos();
            oracleNanos += s.oracleNanos();
            rebases += s.rebases();
            jumps += s.blaJumps();
            skipped += s.blaSkippedIterations();
            steps += s.steps();
            doubleDoublePixels += s.doubleDoublePixels();
            oraclePixels += s.recomputedPixels();
            unprovenPixels += s.unprovenPixels();
        }
        return new BandStats(s.steps() + s.blaSkippedIterations(), 0, System.nanoTime() - t0, 0);
    }

    /**
     * {@return the reference orbit's and table's times and size, the per-pixel time, and the pixels whose count the
     * first tier could not prove (recomputed in double-double, and by the arbitrary-precision oracle)}
     */
    @Override
    public synchronized String report() {
        if (last == null) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "deep zoom: reference orbit %.3f s (%d steps, %d bits), bilinear"
                + " table %.3f s, pixels %.3f s (%s deltas, %d rebases, %d jumps skipping %d steps, %d steps);"
                + " %d pixels recomputed in double-double (%.3f s), %d in arbitrary precision (%.3f s)",
                last.orbitNanos() / 1e9, last.orbitLength(), last.orbitBits(), last.blaNanos() / 1e9,
                pixelNanos / 1e9, last.extended() ? "extended-exponent" : "double", rebases, jumps, skipped, steps,
                doubleDoublePixels, doubleDoubleNanos / 1e9, oraclePixels, oracleNanos / 1e9)
                + (prepared.params().fast() ? String.format(java.util.Locale.ROOT, "; --deep fast: %d pixels' counts"
                        + " kept unproven (--verify measures them)", unprovenPixels) : "");
    }
}
