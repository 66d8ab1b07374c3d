package dev.squall.host.render;

import dev.squall.kernels.deep.DeepRender;
import java.util.Locale;

/**
 * What a deep-zoom run's bands did, summed over its bands, and the summary line that says it: the same for every
 * device that runs deep zoom, whichever computes the first tier. Thread-safe.
 */
public final class DeepZoomTally {
    private final boolean fast;
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

    /**
     * An empty tally.
     *
     * @param fast whether the render is in the fast mode (the line then says how many counts were kept unproven)
     */
    public DeepZoomTally(boolean fast) {
        this.fast = fast;
    }

    /**
     * Adds one band.
     *
     * @param s the band's statistics
     */
    public synchronized void add(DeepRender.Stats s) {
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

    /**
     * {@return the bands' statistics summed (the orbit's and table's are the run's, the same for every band); null
     * before the first band}
     */
    public synchronized DeepRender.Stats total() {
        if (last == null) {
            return null;
        }
        return new DeepRender.Stats(last.orbitNanos(), last.blaNanos(), pixelNanos, doubleDoubleNanos, oracleNanos,
                last.orbitLength(), last.orbitBits(), last.extended(), rebases, jumps, skipped, steps,
                (int) doubleDoublePixels, (int) oraclePixels, unprovenPixels);
    }

    /**
     * {@return the reference orbit's and table's times and size, the per-pixel time, and the pixels whose count the
     * first tier could not prove (recomputed in double-double, and by the arbitrary-precision oracle); empty before
     * the first band}
     *
     * @param where what computed the first tier, such as {@code "pixels"} or {@code "pixels on the device"}
     */
    public synchronized String report(String where) {
        if (last == null) {
            return "";
        }
        return String.format(Locale.ROOT, "deep zoom: reference orbit %.3f s (%d steps, %d bits), bilinear"
                + " table %.3f s, %s %.3f s (%s deltas, %d rebases, %d jumps skipping %d steps, %d steps);"
                + " %d pixels recomputed in double-double (%.3f s), %d in arbitrary precision (%.3f s)",
                last.orbitNanos() / 1e9, last.orbitLength(), last.orbitBits(), last.blaNanos() / 1e9, where,
                pixelNanos / 1e9, last.extended() ? "extended-exponent" : "double", rebases, jumps, skipped, steps,
                doubleDoublePixels, doubleDoubleNanos / 1e9, oraclePixels, oracleNanos / 1e9)
                + (fast ? String.format(Locale.ROOT, "; --deep fast: %d pixels' counts"
                        + " kept unproven (--verify measures them)", unprovenPixels) : "");
    }
}
