package dev.squall.kernels.deep;

/**
 * Bilinear approximation of runs of the perturbed iteration, with a rigorous bound on what it leaves out.
 *
 * <p>Along the reference orbit the exact perturbed step is {@code d -> 2 Z_k d + d^2 + dc}. Over a run of {@code l}
 * steps from reference index {@code m}, {@code d_{m+l} = A d_m + B dc + R} with {@code A = prod 2 Z_k} and
 * {@code B = sum_k prod_{j > k} 2 Z_j}; the remainder {@code R} is of second order. Each entry stores rounded
 * {@code A} and {@code B} with relative error bounds {@code tauA}, {@code tauB} (covering the reference orbit's own
 * error and every rounding of the table's construction), and constants {@code P}, {@code Q} with
 * {@code |R| <= P (a + Q c)^2} whenever {@code |d_m| <= a <= r} and {@code |dc| <= c <= C}, where {@code r} is the
 * entry's radius and {@code C} the largest {@code |dc|} of the render.
 *
 * <p>One step: {@code A = 2 Z_m}, {@code B = 1}, {@code R = d^2} exactly, so {@code P = 1}, {@code Q = 0}. Merging
 * {@code x} (from {@code m}, length {@code lx}) then {@code y}: {@code A = A_y A_x}, {@code B = A_y B_x + B_y}. Within
 * {@code x}'s domain {@code |R_x| <= k (a + Q_x c)} with {@code k = P_x (r_x + Q_x C)}, so the state between them is
 * at most {@code ac a + cc c} with {@code ac = |A_x| + k}, {@code cc = |B_x| + k Q_x}; the merged radius keeps that
 * below {@code y}'s radius and below the margin {@code 2 - |Z_{m+lx}|} (so no escape can happen inside the run:
 * {@code |z| < 2} at every skipped step), and
 * {@code P = |A_y| P_x + P_y ac^2}, {@code Q = max(Q_x, (cc + Q_y) / ac)}.
 * The radii follow the usual rule of thumb (one step valid while {@code |d| < 2^-44 |2 Z_m|}, so its remainder is
 * below {@code 2^-44} of its linear part); they only decide how far a jump goes, never whether the bound holds.
 * (2^-44 rather than the customary 2^-53: a fifth fewer single steps at deep-zoom.md's 5e113 location for about 1 %
 * more second-tier pixels, measured at 256 x 256.)
 *
 * <p>Levels: level {@code j >= 1} has entries of {@code 2^j} steps starting at {@code m = 1 + i 2^j}, each ending at
 * or before the orbit's last index. All magnitudes are {@link ExtendedDouble}s so the table serves any depth.
 */
public final class BlaTable {
    private static final double U = 0x1p-53;
    /** {@code log2} of a single step's radius relative to {@code |2 Z_m|}. */
    static final int RADIUS_LOG2 = -44;

    private final int levels;
    private final int[] offset;
    private final int[] count;
    final double[] ar;
    final double[] ai;
    final int[] ae;
    final double[] absA;
    final double[] tauA;
    final double[] br;
    final double[] bi;
    final int[] be;
    final double[] absB;
    final double[] tauB;
    final double[] rm;
    final int[] re;
    final double[] pm;
    final int[] pe;
    final double[] qm;
    final int[] qe;
    /** The radius as a plain double (0 where it underflows), for deltas kept in doubles. */
    final double[] rDouble;
    /**
     * For deltas kept in doubles, each entry in plain doubles: {@code A}, {@code |A|}, {@code B}, {@code |B|} rounded
     * to nearest, {@code P} and {@code Q} rounded up. An entry whose values leave double's range has radius 0 there.
     */
    final double[] dAr;
    final double[] dAi;
    final double[] dAbsA;
    final double[] dBr;
    final double[] dBi;
    final double[] dAbsB;
    final double[] dP;
    final double[] dQ;
    /** Per reference index {@code m}: how many levels, from 1 up, have an entry starting at {@code m}. */
    final byte[] depth;
    /** Per level: where its entries start ({@code [0]} unused), for the look-up {@code offset[j] + ((m - 1) >> j)}. */
    final int[] levelStart;
    private final int highestUsableLevel;
    private final long nanos;

    /** A merged entry while the table is built: complex mantissa pairs with shared exponents. */
    private record Entry(double ar, double ai, int ae, double tauA, double br, double bi, int be, double tauB,
            ExtendedDouble r, ExtendedDouble p, ExtendedDouble q) {
        ExtendedDouble magA() {
            return mag(ar, ai, ae);
        }

        ExtendedDouble magB() {
            return mag(br, bi, be);
        }
    }

    private BlaTable(ReferenceOrbit orbit, ExtendedDouble maxDc) {
        long start = System.nanoTime();
        int length = orbit.length();
        int lv = 0;
        while ((2L << lv) <= length - 1) {
            lv++;
        }
        levels = lv;
        offset = new int[levels + 1];
        count = new int[levels + 1];
        int total = 0;
        for (int j = 1; j <= levels; j++) {
            count[j] = (length - 1) >> j;
            offset[j] = total;
            total += count[j];
        }
        ar = new double[total];
        ai = new double[total];
        ae = new int[total];
        absA = new double[total];
        tauA = new double[total];
        br = new double[total];
        bi = new double[total];
        be = new int[total];
        absB = new double[total];
        tauB = new double[total];
        rm = new double[total];
        re = new int[total];
        pm = new double[total];
        pe = new int[total];
        qm = new double[total];
        qe = new int[total];
        rDouble = new double[total];
        dAr = new double[total];
        dAi = new double[total];
        dAbsA = new double[total];
        dBr = new double[total];
        dBi = new double[total];
        dAbsB = new double[total];
        dP = new double[total];
        dQ = new double[total];
        // Level 1 merges single steps made as they are needed: the singles are never all held at once (1.15 M
        // reference steps at 5e227 would keep as many entry objects alive for the whole build).
        Entry[] previous = null;
        for (int j = 1; j <= levels; j++) {
            Entry[] current = new Entry[count[j]];
            int half = 1 << (j - 1);
            for (int i = 0; i < count[j]; i++) {
                int m = 1 + i * (1 << j);
                Entry first = j == 1 ? single(orbit, m) : previous[2 * i];
                Entry second = j == 1 ? single(orbit, m + 1) : previous[2 * i + 1];
                current[i] = merge(first, second, margin(orbit, m + half), maxDc);
                store(offset[j] + i, current[i]);
            }
            previous = current;
        }
        int top = 0;
        for (int j = 1; j <= levels; j++) {
            for (int i = offset[j]; i < offset[j] + count[j]; i++) {
                if (rm[i] > 0) {
                    top = j;
                    break;
                }
            }
        }
        highestUsableLevel = top;
        depth = new byte[length + 1];
        for (int m = 1; m <= length; m++) {
            int d = 0;
            while (index(d + 1, m) >= 0) {
                d++;
            }
            depth[m] = (byte) d;
        }
        levelStart = offset.clone();
        nanos = System.nanoTime() - start;
    }

    /**
     * The table of {@code orbit} for a render whose pixels have {@code |dc| <= maxDc}.
     *
     * @param orbit the reference orbit
     * @param maxDc a bound on every pixel's {@code |dc|} plus its rounding error (Euclidean)
     * @return the table
     */
    public static BlaTable build(ReferenceOrbit orbit, ExtendedDouble maxDc) {
        return new BlaTable(orbit, maxDc);
    }

    /** {@return the number of levels: the longest entry skips {@code 2^levels} steps} */
    public int levels() {
        return levels;
    }

    /**
     * {@return the highest level with an entry of positive radius, 0 when none: shallow views, whose pixel offsets
     * are large next to the radii, may have none or only short ones}
     */
    public int highestUsableLevel() {
        return highestUsableLevel;
    }

    /** {@return how long the table took to build, in nanoseconds} */
    public long nanos() {
        return nanos;
    }

    /**
     * {@return where level {@code j}'s entries start in the arrays}
     *
     * @param j the level, from 1 to {@link #levels}
     */
    int levelOffset(int j) {
        return offset[j];
    }

    /**
     * {@return how many entries level {@code j} has}
     *
     * @param j the level, from 1 to {@link #levels}
     */
    int levelCount(int j) {
        return count[j];
    }

    /** {@return how many entries all levels have together} */
    int entries() {
        return ar.length;
    }

    /**
     * {@return the index of level {@code j}'s entry starting at reference index {@code m}, or -1 when there is none}
     *
     * @param j the level, from 1
     * @param m the reference index, from 1
     */
    int index(int j, int m) {
        if (j > levels || ((m - 1) & ((1 << j) - 1)) != 0) {
            return -1;
        }
        int i = (m - 1) >> j;
        return i < count[j] ? offset[j] + i : -1;
    }

    /** {@code |(a + bi) 2^e|} (Euclidean), rounded up. */
    private static ExtendedDouble mag(double a, double b, int e) {
        return ExtendedDouble.of(Math.sqrt(a * a + b * b) * (1 + 4 * U), e);
    }

    /** The margin below 2 of {@code |Z_j|}: how far the state may be from {@code Z_j} with {@code |z| < 2} certain. */
    private static ExtendedDouble margin(ReferenceOrbit orbit, int j) {
        ExtendedDouble z = mag(orbit.extRe(j), orbit.extIm(j), orbit.extExponent(j)).add(orbit.extError(j)).up();
        ExtendedDouble m = ExtendedDouble.of(2.0).subtract(z);
        return m.mantissa() <= 0 ? ExtendedDouble.ZERO : ExtendedDouble.of(m.mantissa() * (1 - 0x1p-40), m.exponent());
    }

    private static Entry single(ReferenceOrbit orbit, int k) {
        double a = orbit.extRe(k);
        double b = orbit.extIm(k);
        int e = orbit.extExponent(k) + 1;
        ExtendedDouble magA = mag(a, b, e);
        if (magA.isZero()) {
            return new Entry(0, 0, 0, 1.0, 1, 0, 0, 0, ExtendedDouble.ZERO, ExtendedDouble.ONE,
                    ExtendedDouble.ZERO);
        }
        // A = 2 Z_k is within 2 * extError(k) of the exact one.
        double tau = Math.min(1.0, orbit.extError(k).multiply(2.0).divide(magA).up().toDouble());
        ExtendedDouble r = magA.multiply(new ExtendedDouble(1.0, RADIUS_LOG2));
        return new Entry(a, b, e, tau, 1, 0, 0, 0, r, ExtendedDouble.ONE, ExtendedDouble.ZERO);
    }

    private static Entry merge(Entry x, Entry y, ExtendedDouble junctionMargin, ExtendedDouble maxDc) {
        ExtendedDouble one = ExtendedDouble.ONE;
        ExtendedDouble axUp = x.magA().multiply(one.add(ExtendedDouble.of(x.tauA))).up();
        ExtendedDouble bxUp = x.magB().multiply(one.add(ExtendedDouble.of(x.tauB))).up();
        ExtendedDouble ayUp = y.magA().multiply(one.add(ExtendedDouble.of(y.tauA))).up();
        ExtendedDouble k = x.p.multiply(x.r.add(x.q.multiply(maxDc))).up();
        ExtendedDouble ac = axUp.add(k).up();
        ExtendedDouble cc = bxUp.add(k.multiply(x.q)).up();
        ExtendedDouble ry = y.r.min(junctionMargin);
        ExtendedDouble room = ry.subtract(cc.multiply(maxDc).up());
        ExtendedDouble r = ExtendedDouble.ZERO;
        if (room.mantissa() > 0 && !ac.isZero()) {
            ExtendedDouble q = room.divide(ac);
            r = x.r.min(ExtendedDouble.of(q.mantissa() * (1 - 0x1p-40), q.exponent()));
        }
        // A = A_y A_x, with a shared exponent.
        double pr = y.ar * x.ar - y.ai * x.ai;
        double pi = y.ar * x.ai + y.ai * x.ar;
        int pexp = y.ae + x.ae;
        // B = A_y B_x + B_y, aligned to the larger exponent.
        double qr = y.ar * x.br - y.ai * x.bi;
        double qi = y.ar * x.bi + y.ai * x.br;
        int qexp = y.ae + x.be;
        int bexp = Math.max(qexp, y.be);
        double sr = Math.scalb(qr, qexp - bexp) + Math.scalb(y.br, y.be - bexp);
        double si = Math.scalb(qi, qexp - bexp) + Math.scalb(y.bi, y.be - bexp);
        double[] an = normal(pr, pi, pexp);
        double[] bn = normal(sr, si, bexp);
        double tauA = Math.min(1.0, (x.tauA + y.tauA + x.tauA * y.tauA + 6 * U) * (1 + 8 * U));
        ExtendedDouble magAz = mag(an[0], an[1], (int) an[2]);
        ExtendedDouble magBz = mag(bn[0], bn[1], (int) bn[2]);
        // |error of B| <= |A_y|+ dB_x + dA_y |B_x| + dB_y + roundings of the products and the sum.
        ExtendedDouble dB = ayUp.multiply(x.magB().multiply(ExtendedDouble.of(x.tauB)))
                .add(y.magA().multiply(ExtendedDouble.of(y.tauA)).multiply(x.magB()))
                .add(y.magB().multiply(ExtendedDouble.of(y.tauB)))
                .add(y.magA().multiply(x.magB()).add(y.magB()).add(magBz).multiply(ExtendedDouble.of(6 * U)))
                .up();
        double tauB = magBz.isZero() ? 1.0 : Math.min(1.0, dB.divide(magBz).up().toDouble());
        if (magAz.isZero() || !(tauA < 1e-3) || !(tauB < 1e-3)) {
            r = ExtendedDouble.ZERO;
        }
        ExtendedDouble p = ayUp.multiply(x.p).add(y.p.multiply(ac).multiply(ac)).up();
        ExtendedDouble q = x.q;
        ExtendedDouble q2 = cc.add(y.q).divide(ac.isZero() ? ExtendedDouble.ONE : ac).up();
        q = q.max(q2);
        return new Entry(an[0], an[1], (int) an[2], tauA, bn[0], bn[1], (int) bn[2], tauB, r, p, q);
    }

    /** {@code (a + bi) 2^e} with the larger part's magnitude in {@code [1, 2)}: {re, im, exponent}. */
    private static double[] normal(double a, double b, int e) {
        double big = Math.max(Math.abs(a), Math.abs(b));
        if (big == 0.0) {
            return new double[] {0, 0, 0};
        }
        int k = ExtendedDouble.exponentOf(big);
        return new double[] {Math.scalb(a, -k), Math.scalb(b, -k), e + k};
    }

    private void store(int i, Entry x) {
        ar[i] = x.ar;
        ai[i] = x.ai;
        ae[i] = x.ae;
        absA[i] = Math.sqrt(x.ar * x.ar + x.ai * x.ai) * (1 + 4 * U);
        tauA[i] = x.tauA;
        br[i] = x.br;
        bi[i] = x.bi;
        be[i] = x.be;
        absB[i] = Math.sqrt(x.br * x.br + x.bi * x.bi) * (1 + 4 * U);
        tauB[i] = x.tauB;
        rm[i] = x.r.mantissa();
        re[i] = x.r.exponent();
        pm[i] = x.p.mantissa();
        pe[i] = x.p.exponent();
        qm[i] = x.q.mantissa();
        qe[i] = x.q.exponent();
        // Rounded down, and 0 near double's subnormal range where a rounding could reach past the margin.
        double rd = x.r.toDouble();
        rDouble[i] = rd < 0x1p-1000 ? 0.0 : Math.nextDown(rd);
        dAr[i] = ExtendedDouble.toDouble(ar[i], ae[i]);
        dAi[i] = ExtendedDouble.toDouble(ai[i], ae[i]);
        dAbsA[i] = ExtendedDouble.toDouble(absA[i], ae[i]);
        dBr[i] = ExtendedDouble.toDouble(br[i], be[i]);
        dBi[i] = ExtendedDouble.toDouble(bi[i], be[i]);
        dAbsB[i] = ExtendedDouble.toDouble(absB[i], be[i]);
        dP[i] = Math.nextUp(ExtendedDouble.toDouble(pm[i], pe[i]));
        dQ[i] = Math.nextUp(ExtendedDouble.toDouble(qm[i], qe[i]));
        // Outside double's normal range a plain-double jump would not keep the roundings the bound assumes.
        if (!(dAbsA[i] < 0x1p1000 && dAbsB[i] < 0x1p1000 && dAbsA[i] > 0x1p-1000 && dAbsB[i] > 0x1p-1000)) {
            rDouble[i] = 0.0;
        }
    }
}
