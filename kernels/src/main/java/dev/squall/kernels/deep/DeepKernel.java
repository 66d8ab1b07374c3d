package dev.squall.kernels.deep;

import dev.squall.kernels.KernelSource;

/**
 * Deep zoom's first tier for OpenCL devices: {@code deep.cl}, the loop of {@link Perturbation} operation for
 * operation, and the per-render data it reads, packed from a {@link DeepRender.Prepared} render ({@link #inputs}).
 * A device computes each pixel's count or {@link #UNCERTAIN}; {@link DeepRender.Prepared#settle} then finishes the
 * uncertain ones on the host. The counts are the same as {@link DeepRender.Prepared#firstTier}'s, value for value,
 * uncertain ones included (tested), so the final counts are exact on every device.
 */
public final class DeepKernel {
    /** {@code deep.cl}: the entry point {@link #ENTRY}, built with {@link #buildOptions}. */
    public static final KernelSource SOURCE = KernelSource.load(DeepKernel.class, "deep.cl");
    /** The kernel's name. */
    public static final String ENTRY = "deep_first_tier";
    /** A count the first tier could not prove. */
    public static final int UNCERTAIN = Perturbation.UNCERTAIN;
    /** Ints of work each pixel reports: rebases, jumps, steps skipped by jumps, single steps, unproven (0 or 1). */
    public static final int WORK_INTS = 5;
    /** Doubles per table entry. */
    static final int ENTRY_DOUBLES = 11;
    /** Ints per table entry (extended arithmetic only). */
    static final int ENTRY_INTS = 5;

    private DeepKernel() {
    }

    /**
     * {@return the build options of the program for this arithmetic: the variant, and the loop's constants as
     * {@link Perturbation} has them (hexadecimal, exact)}
     *
     * @param extended whether the deltas keep their own exponent
     */
    public static String buildOptions(boolean extended) {
        return "-DEXTENDED=" + (extended ? 1 : 0) + " -DGROW=" + Double.toHexString(Perturbation.GROW) + " -DGIVE_UP="
                + Double.toHexString(Perturbation.GIVE_UP) + " -DACCEPT=" + Double.toHexString(Perturbation.ACCEPT);
    }

    /**
     * Everything one render's device loop reads, in the layout {@code deep.cl} describes. Arrays that the
     * arithmetic does not use hold one element (OpenCL buffers cannot be empty).
     *
     * @param extended whether the deltas keep their own exponent (the program variant)
     * @param orbit per reference index {@code zr, zi, zerr} and, extended, {@code xRe, xIm, xErrM}
     * @param orbitExp extended: per index {@code xExp, xErrE}
     * @param table per entry 11 doubles
     * @param tableExp extended: per entry the exponents of A, B, the radius, P, Q
     * @param levels per level from 1: its first entry and its entry count
     * @param depth per reference index {@code m}: how many levels have an entry starting at {@code m}
     * @param dcMant dc's real part per column, imaginary part per row, error bound per {@code |kx| + |ky|}
     * @param dcExp their exponents
     * @param width the image's width
     * @param height its height
     * @param maxIter the most steps
     * @param last the reference orbit's last index
     * @param tableLevels how many levels the table has (0 when the loop takes no jumps)
     * @param trusting the fast mode: unprovable counts kept, never {@link #UNCERTAIN}
     * @param halfStepExp the exponent of {@code s / 2}
     */
    public record Inputs(boolean extended, double[] orbit, int[] orbitExp, double[] table, int[] tableExp,
            int[] levels, byte[] depth, double[] dcMant, int[] dcExp, int width, int height, int maxIter, int last,
            int tableLevels, boolean trusting, int halfStepExp) {
        /** {@return the bytes all arrays take on a device} */
        public long bytes() {
            return 8L * (orbit.length + table.length + dcMant.length)
                    + 4L * (orbitExp.length + tableExp.length + levels.length + dcExp.length) + depth.length;
        }

        /** {@return these inputs' scalars with one-element arrays: what a run keeps once the arrays are uploaded} */
        public Inputs withoutArrays() {
            return new Inputs(extended, new double[1], new int[1], new double[1], new int[1], new int[2],
                    new byte[1], new double[1], new int[1], width, height, maxIter, last, tableLevels, trusting, halfStepExp);
        }

        /** {@return the largest single array's bytes: what one device buffer must hold} */
        public long largestArrayBytes() {
            return Math.max(8L * Math.max(orbit.length, Math.max(table.length, dcMant.length)),
                    4L * Math.max(orbitExp.length, tableExp.length));
        }
    }

    /**
     * Packs a prepared render's orbit, table and pixel offsets for the device.
     *
     * @param prepared the render
     * @return its inputs
     */
    public static Inputs inputs(DeepRender.Prepared prepared) {
        Perturbation loop = prepared.loop();
        ReferenceOrbit orbit = prepared.orbit();
        DeepParams params = prepared.params();
        boolean ext = loop.scaled();
        int length = orbit.length() + 1;
        int stride = ext ? 6 : 3;
        double[] o = new double[length * stride];
        int[] oe = new int[ext ? 2 * length : 1];
        double[] zr = orbit.reArray();
        double[] zi = orbit.imArray();
        double[] ze = orbit.errArray();
        for (int i = 0; i < length; i++) {
            o[stride * i] = zr[i];
            o[stride * i + 1] = zi[i];
            o[stride * i + 2] = ze[i];
            if (ext) {
                o[stride * i + 3] = orbit.extReArray()[i];
                o[stride * i + 4] = orbit.extImArray()[i];
                o[stride * i + 5] = orbit.extErrMantissaArray()[i];
                oe[2 * i] = orbit.extExpArray()[i];
                oe[2 * i + 1] = orbit.extErrExpArray()[i];
            }
        }
        BlaTable t = loop.table();
        int entries = t == null ? 0 : t.entries();
        double[] table = new double[Math.max(1, entries * ENTRY_DOUBLES)];
        int[] tableExp = new int[ext ? Math.max(1, entries * ENTRY_INTS) : 1];
        int levelCount = t == null ? 0 : t.levels();
        int[] levels = new int[Math.max(2, 2 * levelCount)];
        for (int j = 1; j <= levelCount; j++) {
            levels[2 * (j - 1)] = t.levelOffset(j);
            levels[2 * (j - 1) + 1] = t.levelCount(j);
        }
        byte[] depth = t == null ? new byte[1] : t.depth.clone();
        for (int i = 0; i < entries; i++) {
            int b = ENTRY_DOUBLES * i;
            if (ext) {
                double[] v = {t.rm[i], t.ar[i], t.ai[i], t.absA[i], t.br[i], t.bi[i], t.absB[i], t.pm[i], t.qm[i],
                    t.tauA[i], t.tauB[i]};
                System.arraycopy(v, 0, table, b, ENTRY_DOUBLES);
                int[] x = {t.ae[i], t.be[i], t.re[i], t.pe[i], t.qe[i]};
                System.arraycopy(x, 0, tableExp, ENTRY_INTS * i, ENTRY_INTS);
            } else {
                double[] v = {t.rDouble[i], t.dAr[i], t.dAi[i], t.dAbsA[i], t.dBr[i], t.dBi[i], t.dAbsB[i], t.dP[i],
                    t.dQ[i], t.tauA[i], t.tauB[i]};
                System.arraycopy(v, 0, table, b, ENTRY_DOUBLES);
            }
        }
        int w = params.width();
        int h = params.height();
        double[] dcMant = new double[w + h + w + h + 1];
        int[] dcExp = new int[dcMant.length];
        for (int px = 0; px < w; px++) {
            put(dcMant, dcExp, px, loop.dcRe(2 * px - w));
        }
        for (int py = 0; py < h; py++) {
            put(dcMant, dcExp, w + py, loop.dcIm(h - 2 * py));
        }
        for (int k = 0; k <= w + h; k++) {
            put(dcMant, dcExp, w + h + k, loop.dcError(k));
        }
        return new Inputs(ext, o, oe, table, tableExp, levels, depth, dcMant, dcExp, w, h, params.maxIter(),
                orbit.length(), levelCount, loop.trusting(), loop.halfStep().exponent());
    }

    private static void put(double[] mant, int[] exp, int i, ExtendedDouble v) {
        mant[i] = v.mantissa();
        exp[i] = v.exponent();
    }
}
