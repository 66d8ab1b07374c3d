package dev.squall.kernels.deep;

/**
 * The per-pixel perturbed iteration: {@code z_n = Z_m + d} with {@code Z} the {@link ReferenceOrbit},
 * {@code d_{m+1} = 2 Z_m d_m + d_m^2 + dc}, Zhuoran's rebasing, optional {@link BlaTable} jumps, and a rigorous
 * running bound on the distance between the computed state and the exact orbit of the pixel's exact {@code c}.
 *
 * <h2>Numbers</h2>
 * The delta is {@code d = w 2^E}: a complex double {@code w} and an int exponent {@code E}. In double arithmetic
 * ({@code scaled == false}, chosen when the pixel step is above {@code 2^-900}) {@code E} stays 0 and {@code w} is
 * {@code d} itself. In extended arithmetic {@code w} is kept in {@code [2^-64, 2^64]} (L1 norm) by moving powers of 2
 * into {@code E}, so it never underflows; the step in units of {@code 2^E} is
 * {@code w' = (2 Z_m + w 2^E) w + dc 2^-E}, where {@code w 2^E} and {@code dc 2^-E} may underflow harmlessly.
 *
 * <h2>Rebasing</h2>
 * After each check, when {@code |Z_m + d| < |d|} or the reference has ended ({@code m == L}), {@code d := Z_m + d} and
 * {@code m := 0} ({@code Z_0 = 0}, so the state is unchanged). Whether to rebase is a choice, not a decision about
 * the count: both branches compute the same {@code z}; only the error bound follows the arithmetic actually done.
 *
 * <h2>The error bound, and why an accepted count is the exact one</h2>
 * Let {@code Z} be the exact orbit of the fixed-point reference point, {@code dc} the exact offset of the pixel's
 * exact rational {@code c} from it, and {@code d} the exact delta, so that the exact orbit of {@code c} is
 * {@code Z_m + d}. The loop keeps {@code eps} with {@code |computed d - exact d| <= eps 2^E} (Euclidean norm) as an
 * invariant, by induction:
 * <ul>
 * <li>start: {@code d = 0} exactly;
 * <li>a step: with {@code f_m} the bound on the stored {@code Z_m} ({@link ReferenceOrbit#doubleError}),
 * {@code e_c} the bound on the rounded {@code dc}, and {@code rho} a bound on this step's roundings (each double
 * operation off by at most {@code 2^-53} of its result, plus {@code 2^-1074} where it underflows), exact algebra
 * gives {@code eps' <= 2 |Z_m + d| eps + eps^2 + 2 f_m (|d| + eps) + e_c + rho};
 * <li>a rebase: {@code eps' = eps + f_m + } the addition's rounding;
 * <li>a BLA jump: {@code |A| eps + tauA |A| |d| + |B| e_c + tauB |B| |dc| + P (a + Q c)^2 + } roundings
 * ({@link BlaTable} proves the last term), with {@code a = |d| + eps} inside the entry's radius; the radius also
 * guarantees {@code |z| < 2} at every skipped step, so no escape is skipped.
 * </ul>
 * Every bound is computed in double with all terms non-negative and the result multiplied by {@code 1 + 2^-40},
 * which covers the bound's own roundings. At each check, {@code errz} bounds {@code |computed z - exact z|},
 * and the comparison with 4 is decided only when {@code |computed z|} (from {@code sqrt} of the rounded
 * {@code |z|^2}, widened by {@code 2^-50} for both roundings) is farther than {@code errz} from 2, with a further
 * {@code 2^-48} for the comparison's own roundings: then the exact {@code |z|} is on the same side of 2. A pixel
 * whose comparison falls inside that interval at any step, or whose {@code errz} reaches {@link #GIVE_UP}, is
 * reported {@link #UNCERTAIN}; every other pixel's escape decisions are each the exact one, so its count is the
 * exact count of its exact {@code c}. The check at {@code n == maxIter} is not needed (the loop stops there
 * whatever {@code |z|} is).
 *
 * <p>What this relies on: IEEE 754 double arithmetic with round-to-nearest (Java's, with no fused multiply-add),
 * {@link Math#sqrt} correctly rounded, and the bounds of {@link ReferenceOrbit} and {@link BlaTable}. It guarantees
 * the exact count of the exact {@code c}; that this equals deep-zoom.md's doubling procedure (the oracle) holds
 * whenever the oracle's stopping rule itself finds the exact count, which is the definition's premise.
 */
final class Perturbation {
    /** What {@link #count} returns when it cannot prove the count. */
    static final int UNCERTAIN = -1;
    private static final double U = 0x1p-53;
    static final double GROW = 1 + 0x1p-40;
    /**
     * The error bound from which a pixel is given up. Any bound is sound (the step's bound is exact algebra for any
     * {@code eps}); this one only stops a loop that can no longer decide: with {@code errz >= 1}, proving
     * {@code |z| < 2} needs {@code |z| < 1}, and the bound grows by about {@code 2 |z|} a step. From {@code 2^-6} to
     * 1 the pixels left to the second tier at deep-zoom.md's 5e113 went from 236 to 82 of 65536 (BENCHMARKS.md):
     * most give up in their last few steps before escaping, when {@code |z|} is past 2 by more than the bound.
     */
    static final double GIVE_UP = 0x1p0;
    /**
     * A jump is taken only when its remainder bound is below this fraction of its linear terms (else the step is done
     * one at a time): the table's radii are a rule of thumb, and a jump must not add more error than it saves work.
     */
    static final double ACCEPT = 0x1p-36;
    /** The table is only used when some entry of this level ({@code 2^4} steps) or higher can be taken. */
    static final int MIN_USEFUL_LEVEL = 4;

    /**
     * Sees every bailout check a pixel's loop makes: for tests that compare the computed {@code z} with the exact orbit
     * and its bound. The computed {@code z} is {@code (reHi + reLo, imHi + imLo)} exactly (the low parts are 0 in the
     * first tier).
     */
    interface Probe {
        /**
         * One check.
         *
         * @param n the iteration
         * @param reHi the computed z's real part, high double
         * @param reLo its low double
         * @param imHi the imaginary part, high double
         * @param imLo its low double
         * @param bound the proven bound on the distance to the exact {@code z_n}
         */
        void check(int n, double reHi, double reLo, double imHi, double imLo, double bound);
    }

    /** Work done, per thread; summed by {@link DeepRender}. */
    static final class Counters {
        long rebases;
        long blaJumps;
        long blaSkipped;
        long steps;
        /** Pixels given up because the error bound reached 1e-3. */
        long boundTooLarge;
        /** Pixels given up because a comparison with 4 fell within the bound. */
        long nearBailout;
        /** Pixels counted without proof (the fast mode only): their bound gave up, the double loop went on. */
        long unproven;
        /** Steps taken in extended units because both the reference and the delta were below {@code 2^-960}. */
        long tinySteps;
    }

    private final ReferenceOrbit orbit;
    private final BlaTable bla;
    private final int maxIter;
    private final boolean scaled;
    private final ExtendedDouble halfStep;
    private final ExtendedDouble fracRe;
    private final ExtendedDouble fracIm;
    /** The fast mode: where the bound gives up, go on with the loop's own values instead of returning UNCERTAIN. */
    private final boolean trusting;
    private final double[] zRe;
    private final double[] zIm;
    private final double[] zErr;
    private final double[] xRe;
    private final double[] xIm;
    private final int[] xExp;
    private final double[] xErrM;
    private final int[] xErrE;
    private Probe probe;

    /**
     * The iteration of one render's pixels around one reference.
     *
     * @param orbit the reference orbit, of the fixed-point point the offsets are measured from
     * @param bla the jumps, or null for none
     * @param maxIter the most steps
     * @param scaled whether the delta is kept with its own exponent (extended arithmetic)
     * @param halfStep {@code s / 2}, the pixel offsets being {@code (2 px - W, H - 2 py)} times it
     * @param fractions what the reference point is below the exact centre, in units of {@code 2^-bits}
     */
    Perturbation(ReferenceOrbit orbit, BlaTable bla, int maxIter, boolean scaled, ExtendedDouble halfStep,
            double[] fractions) {
        this(orbit, bla, maxIter, scaled, halfStep, fractions, false);
    }

    /**
     * As above; {@code trusting}: where the bound cannot decide, the count is the loop's own (the fast mode), never
     * {@link #UNCERTAIN}.
     */
    Perturbation(ReferenceOrbit orbit, BlaTable bla, int maxIter, boolean scaled, ExtendedDouble halfStep,
            double[] fractions, boolean trusting) {
        this.trusting = trusting;
        this.orbit = orbit;
        // Looking up a jump costs about a fifth of a step: not worth it when no entry skips 16 steps or more.
        this.bla = bla != null && bla.highestUsableLevel() >= MIN_USEFUL_LEVEL ? bla : null;
        this.maxIter = maxIter;
        this.scaled = scaled;
        this.halfStep = halfStep;
        this.fracRe = ExtendedDouble.of(fractions[0], -orbit.bits());
        this.fracIm = ExtendedDouble.of(fractions[1], -orbit.bits());
        this.zRe = orbit.reArray();
        this.zIm = orbit.imArray();
        this.zErr = orbit.errArray();
        this.xRe = orbit.extReArray();
        this.xIm = orbit.extImArray();
        this.xExp = orbit.extExpArray();
        this.xErrM = orbit.extErrMantissaArray();
        this.xErrE = orbit.extErrExpArray();
    }

    /**
     * {@return this loop, reporting every check to {@code p}; for tests}
     *
     * @param p the probe, or null for none
     */
    Perturbation probe(Probe p) {
        this.probe = p;
        return this;
    }

    /**
     * {@return the rounded real part of {@code dc} for column offset {@code kx}: exactly
     * {@code kx s/2 + fracRe 2^-p}, rounded a few times}
     *
     * @param kx {@code 2 px - W}
     */
    ExtendedDouble dcRe(int kx) {
        return halfStep.multiply(kx).add(fracRe);
    }

    /**
     * {@return the rounded imaginary part of {@code dc} for row offset {@code ky}}
     *
     * @param ky {@code H - 2 py}
     */
    ExtendedDouble dcIm(int ky) {
        return halfStep.multiply(ky).add(fracIm);
    }

    /**
     * {@return the bound on the rounding error of {@link #dcRe} and {@link #dcIm} together (Euclidean), rounded up: a
     * function of {@code |kx| + |ky|} alone}
     *
     * @param k {@code |kx| + |ky|}
     */
    ExtendedDouble dcError(int k) {
        return halfStep.multiply(k).add(fracRe).add(fracIm)
                .multiply(new ExtendedDouble(1.0, -49)).add(new ExtendedDouble(1.0, -1060 - orbit.bits())).up();
    }

    /** {@return the table the loop jumps with: null when none was given or none of its entries is worth a look-up} */
    BlaTable table() {
        return bla;
    }

    /** {@return whether the deltas are kept with their own exponent} */
    boolean scaled() {
        return scaled;
    }

    /** {@return {@code s / 2}, the pixel offsets' unit} */
    ExtendedDouble halfStep() {
        return halfStep;
    }

    /** {@return whether counts the bound cannot prove are kept (the fast mode)} */
    boolean trusting() {
        return trusting;
    }

    /**
     * The count of the pixel at offset {@code (kx, ky) s / 2} from the exact centre.
     *
     * @param kx {@code 2 px - W}
     * @param ky {@code H - 2 py}
     * @param counters where the work done is added
     * @return the exact count, or {@link #UNCERTAIN}
     */
    int count(int kx, int ky, Counters counters) {
        if (!scaled && probe == null) {
            return countPlain(dcRe(kx).toDouble(), dcIm(ky).toDouble(),
                    dcError(Math.abs(kx) + Math.abs(ky)).toDouble() * GROW + 0x1p-1072, counters);
        }
        return countGeneral(kx, ky, counters);
    }

    /**
     * {@link #count} in plain doubles ({@code E = 0} throughout): the same operations as {@link #countGeneral}
     * takes when {@code scaled} is false, without the extended paths, so that the JIT compiles a loop half the size
     * (tested equal: counts and work, {@code PerturbationPlainTest}).
     */
    private int countPlain(final double dcwr, final double dcwi, final double ecw, Counters counters) {
        final int n0 = maxIter;
        final int last = orbit.length();
        final double[] zr = zRe;
        final double[] zi = zIm;
        final double[] fz = zErr;
        final BlaTable t = bla;
        double wr = 0.0;
        double wi = 0.0;
        double eps = 0.0;
        int m = 0;
        int n = 0;
        long rebases = 0;
        long jumps = 0;
        long skipped = 0;
        long steps = 0;
        boolean trusted = false;
        int result;
        while (true) {
            double zr0 = zr[m];
            double zi0 = zi[m];
            double xr = zr0 + wr;
            double xi = zi0 + wi;
            double r2 = xr * xr + xi * xi;
            if (n == n0) {
                result = n0;
                break;
            }
            double aws = Math.abs(wr) + Math.abs(wi);
            final double errz = (eps + fz[m] + 0x1p-52 * (Math.abs(xr) + Math.abs(xi) + aws) + 0x1p-1072) * GROW;
            double mag = Math.sqrt(r2);
            if (!(errz < GIVE_UP)) {
                if (!trusting) {
                    counters.boundTooLarge++;
                    result = UNCERTAIN;
                    break;
                }
                trusted = true;
                eps = 0.0;
                if (mag > 2) {
                    result = n;
                    break;
                }
            } else if (mag * (1 - 0x1p-50) - errz * (1 + 0x1p-50) > 2 + 0x1p-48) {
                result = n;
                break;
            } else if (!(mag * (1 + 0x1p-50) + errz * (1 + 0x1p-50) < 2 - 0x1p-48)) {
                if (!trusting) {
                    counters.nearBailout++;
                    result = UNCERTAIN;
                    break;
                }
                trusted = true;
                if (mag > 2) {
                    result = n;
                    break;
                }
            }
            if (m == last || (m > 0 && r2 < wr * wr + wi * wi)) {
                // Rebasing: the same z, now all in d.
                rebases++;
                m = 0;
                wr = xr;
                wi = xi;
                eps = errz;
                zr0 = zr[0];
                zi0 = zi[0];
                mag = Math.sqrt(wr * wr + wi * wi);
                aws = Math.abs(wr) + Math.abs(wi);
            }
            if (t != null && m > 0) {
                double aw = Math.abs(wr) + Math.abs(wi) + eps;
                int best = -1;
                int bestLength = 0;
                // The entries from m: levels 1 to depth[m], the same ones t.index(j, m) finds.
                for (int j = 1, d = t.depth[m]; j <= d; j++) {
                    int idx = t.levelStart[j] + ((m - 1) >> j);
                    int len = 1 << j;
                    if (n + len > n0 || !(aw < t.rDouble[idx])) {
                        break;
                    }
                    best = idx;
                    bestLength = len;
                }
                if (best >= 0) {
                    int i = best;
                    double ar = t.dAr[i];
                    double ai = t.dAi[i];
                    double br = t.dBr[i];
                    double bi = t.dBi[i];
                    double nwr = (ar * wr - ai * wi) + (br * dcwr - bi * dcwi);
                    double nwi = (ar * wi + ai * wr) + (br * dcwi + bi * dcwr);
                    double absA = t.dAbsA[i];
                    double absB = t.dAbsB[i];
                    double tauA = t.tauA[i];
                    double tauB = t.tauB[i];
                    double wl1 = Math.abs(wr) + Math.abs(wi);
                    double dl1 = Math.abs(dcwr) + Math.abs(dcwi);
                    double cw = dl1 + ecw;
                    double tq = aw + t.dQ[i] * cw;
                    double rem = t.dP[i] * tq * tq;
                    double lin = absA * aw + absB * cw;
                    if (rem <= ACCEPT * lin && Double.isFinite(nwr + nwi) && Double.isFinite(lin)) {
                        double err = absA * (1 + tauA) * eps + tauA * absA * wl1 + absB * (1 + tauB) * ecw
                                + tauB * absB * dl1 + rem
                                + 4 * U * ((Math.abs(ar) + Math.abs(ai)) * wl1 + (Math.abs(br) + Math.abs(bi)) * dl1)
                                + U * (Math.abs(nwr) + Math.abs(nwi)) + 0x1p-1060;
                        jumps++;
                        skipped += bestLength;
                        m += bestLength;
                        n += bestLength;
                        wr = nwr;
                        wi = nwi;
                        eps = err * GROW;
                        continue;
                    }
                }
            }
            // One step: d' = (2 Z_m + d) d + dc.
            double tr = 2 * zr0 + wr;
            double ti = 2 * zi0 + wi;
            double nwr = (tr * wr - ti * wi) + dcwr;
            double nwi = (tr * wi + ti * wr) + dcwi;
            double zmag = mag * (1 + 0x1p-51) + 0x1p-52 * aws + 0x1p-1072;
            double wl1 = Math.abs(wr) + Math.abs(wi);
            double rho = 4 * U * (Math.abs(tr) + Math.abs(ti) + aws) * wl1 + U * (Math.abs(nwr) + Math.abs(nwi))
                    + 0x1p-1060;
            eps = (2 * zmag * eps + eps * eps + 2 * fz[m] * (wl1 + eps) + ecw + rho) * GROW;
            wr = nwr;
            wi = nwi;
            m++;
            n++;
            steps++;
        }
        if (trusted) {
            counters.unproven++;
        }
        counters.rebases += rebases;
        counters.blaJumps += jumps;
        counters.blaSkipped += skipped;
        counters.steps += steps;
        return result;
    }

    /** {@link #count} in either arithmetic, reporting to the probe. */
    int countGeneral(int kx, int ky, Counters counters) {
        ExtendedDouble dcr = dcRe(kx);
        ExtendedDouble dci = dcIm(ky);
        ExtendedDouble ec = dcError(Math.abs(kx) + Math.abs(ky));
        final int n0 = maxIter;
        final int last = orbit.length();
        final double[] zr = zRe;
        final double[] zi = zIm;
        final double[] fz = zErr;
        int e = 0;
        if (scaled) {
            ExtendedDouble big = dcr.abs().max(dci.abs());
            e = big.isZero() ? halfStep.exponent() : big.exponent();
        }
        double s = 1.0;
        double sUp = 1.0;
        double dcwr = dcr.toDouble();
        double dcwi = dci.toDouble();
        double ecw = ec.toDouble() * GROW + 0x1p-1072;
        if (scaled) {
            s = ExtendedDouble.toDouble(1.0, e);
            sUp = Math.max(s, 0x1p-1022);
            dcwr = ExtendedDouble.toDouble(dcr.mantissa(), (long) dcr.exponent() - e);
            dcwi = ExtendedDouble.toDouble(dci.mantissa(), (long) dci.exponent() - e);
            ecw = ExtendedDouble.toDouble(ec.mantissa(), (long) ec.exponent() - e) * GROW + 0x1p-1072;
        }
        double wr = 0.0;
        double wi = 0.0;
        double eps = 0.0;
        int m = 0;
        int n = 0;
        long rebases = 0;
        long jumps = 0;
        long skipped = 0;
        long steps = 0;
        boolean trusted = false;
        double[] tiny = null;
        int cExp = 0;
        try {
            while (true) {
                double zr0 = zr[m];
                double zi0 = zi[m];
                double dr = wr * s;
                double di = wi * s;
                double xr = zr0 + dr;
                double xi = zi0 + di;
                double r2 = xr * xr + xi * xi;
                int before = m;
                if (n == n0) {
                    return n0;
                }
                double aws = Math.abs(dr) + Math.abs(di);
                final double errz = (eps * sUp + fz[m] + 0x1p-52 * (Math.abs(xr) + Math.abs(xi) + aws) + 0x1p-1072) * GROW;
                if (probe != null) {
                    probe.check(n, xr, 0.0, xi, 0.0, errz);
                }
                double mag = Math.sqrt(r2);
                if (!(errz < GIVE_UP)) {
                    if (!trusting) {
                        counters.boundTooLarge++;
                        return UNCERTAIN;
                    }
                    // The fast mode: the bound starts again from here; this pixel's count is not proven.
                    trusted = true;
                    eps = 0.0;
                    if (mag > 2) {
                        return n;
                    }
                } else if (mag * (1 - 0x1p-50) - errz * (1 + 0x1p-50) > 2 + 0x1p-48) {
                    return n;
                } else if (!(mag * (1 + 0x1p-50) + errz * (1 + 0x1p-50) < 2 - 0x1p-48)) {
                    if (!trusting) {
                        counters.nearBailout++;
                        return UNCERTAIN;
                    }
                    trusted = true;
                    if (mag > 2) {
                        return n;
                    }
                }
                // Rebasing: the same z, measured from Z_0 = 0: at the reference's end, or where |Z_m + d| < |d|.
                boolean rebase = m == last;
                if (!rebase && m > 0) {
                    double wl = scaled ? Math.abs(wr) + Math.abs(wi) : 0.0;
                    int ed = !scaled || wl == 0.0 ? Integer.MIN_VALUE / 2 : e + ExtendedDouble.exponentOf(wl);
                    if (scaled && ed < -900) {
                        // d below double's comfortable range: compare in units of 2^E, with Z_m's extended form.
                        if (xExp[m] < ed + 4) {
                            double ur = Math.scalb(xRe[m], xExp[m] - e) + wr;
                            double ui = Math.scalb(xIm[m], xExp[m] - e) + wi;
                            if (ur * ur + ui * ui < wr * wr + wi * wi) {
                                rebases++;
                                eps = (eps + ExtendedDouble.toDouble(xErrM[m], (long) xErrE[m] - e)
                                        + 0x1p-52 * (Math.abs(ur) + Math.abs(ui)) + 0x1p-1070) * GROW;
                                wr = ur;
                                wi = ui;
                                m = 0;
                            }
                        }
                    } else {
                        rebase = r2 < dr * dr + di * di;
                    }
                }
                if (rebase) {
                    rebases++;
                    m = 0;
                    if (!scaled) {
                        wr = xr;
                        wi = xi;
                        eps = errz;
                    } else {
                        double big = Math.max(Math.abs(xr), Math.abs(xi));
                        if (big != 0.0) {
                            e = ExtendedDouble.exponentOf(big);
                        }
                        wr = Math.scalb(xr, -e);
                        wi = Math.scalb(xi, -e);
                        eps = Math.scalb(errz, -e) * GROW + 0x1p-1072;
                        s = ExtendedDouble.toDouble(1.0, e);
                        sUp = Math.max(s, 0x1p-1022);
                        dcwr = ExtendedDouble.toDouble(dcr.mantissa(), (long) dcr.exponent() - e);
                        dcwi = ExtendedDouble.toDouble(dci.mantissa(), (long) dci.exponent() - e);
                        ecw = ExtendedDouble.toDouble(ec.mantissa(), (long) ec.exponent() - e) * GROW + 0x1p-1072;
                    }
                }
                if (m != before) {
                    // Rebased: the same z, now all in d; recompute what the step below reads.
                    dr = wr * s;
                    di = wi * s;
                    mag = Math.sqrt(dr * dr + di * di);
                    aws = Math.abs(dr) + Math.abs(di);
                }
                // A bilinear jump from m, the longest whose radius holds |d| + eps and that ends by maxIter.
                if (bla != null && m > 0) {
                    double aw = Math.abs(wr) + Math.abs(wi) + eps;
                    int best = -1;
                    int bestLength = 0;
                    int ea = 0;
                    double am = 0.0;
                    if (scaled) {
                        ea = aw == 0.0 ? Integer.MIN_VALUE / 2 : e + ExtendedDouble.exponentOf(aw);
                        am = aw == 0.0 ? 0.0 : Math.scalb(aw, -ExtendedDouble.exponentOf(aw));
                    }
                    for (int j = 1, d = bla.depth[m]; j <= d; j++) {
                        int idx = bla.levelStart[j] + ((m - 1) >> j);
                        int len = 1 << j;
                        if (n + len > n0) {
                            break;
                        }
                        boolean inside;
                        if (!scaled) {
                            inside = aw < bla.rDouble[idx];
                        } else {
                            double rr = bla.rm[idx];
                            int rx = bla.re[idx];
                            inside = rr > 0 && (ea < rx || (ea == rx && am < rr));
                        }
                        if (inside) {
                            best = idx;
                            bestLength = len;
                        } else {
                            break;
                        }
                    }
                    if (best >= 0 && !scaled) {
                        // The same jump with the entry's plain-double values (E = 0 throughout).
                        int i = best;
                        double ar = bla.dAr[i];
                        double ai = bla.dAi[i];
                        double br = bla.dBr[i];
                        double bi = bla.dBi[i];
                        double nwr = (ar * wr - ai * wi) + (br * dcwr - bi * dcwi);
                        double nwi = (ar * wi + ai * wr) + (br * dcwi + bi * dcwr);
                        double absA = bla.dAbsA[i];
                        double absB = bla.dAbsB[i];
                        double tauA = bla.tauA[i];
                        double tauB = bla.tauB[i];
                        double wl1 = Math.abs(wr) + Math.abs(wi);
                        double dl1 = Math.abs(dcwr) + Math.abs(dcwi);
                        double cw = dl1 + ecw;
                        double t = aw + bla.dQ[i] * cw;
                        double rem = bla.dP[i] * t * t;
                        double lin = absA * aw + absB * cw;
                        if (rem <= ACCEPT * lin && Double.isFinite(nwr + nwi) && Double.isFinite(lin)) {
                            double err = absA * (1 + tauA) * eps + tauA * absA * wl1 + absB * (1 + tauB) * ecw
                                    + tauB * absB * dl1 + rem
                                    + 4 * U * ((Math.abs(ar) + Math.abs(ai)) * wl1 + (Math.abs(br) + Math.abs(bi)) * dl1)
                                    + U * (Math.abs(nwr) + Math.abs(nwi)) + 0x1p-1060;
                            jumps++;
                            skipped += bestLength;
                            m += bestLength;
                            n += bestLength;
                            wr = nwr;
                            wi = nwi;
                            eps = err * GROW;
                            continue;
                        }
                    } else if (best >= 0) {
                        int i = best;
                        int ae = bla.ae[i];
                        double bsc = ExtendedDouble.toDouble(1.0, (long) bla.be[i] - ae);
                        double bpr = bla.br[i] * bsc;
                        double bpi = bla.bi[i] * bsc;
                        double ar = bla.ar[i];
                        double ai = bla.ai[i];
                        double nwr = (ar * wr - ai * wi) + (bpr * dcwr - bpi * dcwi);
                        double nwi = (ar * wi + ai * wr) + (bpr * dcwi + bpi * dcwr);
                        double absA = bla.absA[i];
                        double absB = bla.absB[i] * bsc;
                        double tauA = bla.tauA[i];
                        double tauB = bla.tauB[i];
                        double wl1 = Math.abs(wr) + Math.abs(wi);
                        double dl1 = Math.abs(dcwr) + Math.abs(dcwi);
                        double cw = dl1 + ecw;
                        double q = ExtendedDouble.toDouble(bla.qm[i], bla.qe[i]);
                        double p = ExtendedDouble.toDouble(bla.pm[i], (long) bla.pe[i] + e - ae);
                        double t = aw + q * cw;
                        double rem = p * t * t;
                        double lin = absA * aw + absB * cw;
                        if (rem <= ACCEPT * lin && Double.isFinite(nwr + nwi) && Double.isFinite(lin)) {
                            double err = absA * (1 + tauA) * eps + tauA * absA * wl1 + absB * (1 + tauB) * ecw
                                    + tauB * absB * dl1 + rem
                                    + 4 * U * ((Math.abs(ar) + Math.abs(ai)) * wl1
                                            + (Math.abs(bpr) + Math.abs(bpi)) * dl1)
                                    + U * (Math.abs(nwr) + Math.abs(nwi)) + 0x1p-1070 * dl1 + 0x1p-1060;
                            err *= GROW;
                            jumps++;
                            skipped += bestLength;
                            m += bestLength;
                            n += bestLength;
                            // The result is in units of 2^(E + ae): move that into E, then renormalise.
                            wr = nwr;
                            wi = nwi;
                            eps = err;
                            e += ae;
                            double wl = Math.abs(wr) + Math.abs(wi);
                            if (wl != 0.0) {
                                int k = ExtendedDouble.exponentOf(wl);
                                e += k;
                                wr = Math.scalb(wr, -k);
                                wi = Math.scalb(wi, -k);
                                eps = Math.scalb(eps, -k) * GROW + 0x1p-1072;
                            }
                            s = ExtendedDouble.toDouble(1.0, e);
                            sUp = Math.max(s, 0x1p-1022);
                            dcwr = ExtendedDouble.toDouble(dcr.mantissa(), (long) dcr.exponent() - e);
                            dcwi = ExtendedDouble.toDouble(dci.mantissa(), (long) dci.exponent() - e);
                            ecw = ExtendedDouble.toDouble(ec.mantissa(), (long) ec.exponent() - e) * GROW + 0x1p-1072;
                            continue;
                        }
                    }
                }
                boolean moved = false;
                if (scaled && tinyStep(m, wr, wi, e)) {
                    // Z_m and d both below double's range: the step in extended units (see tinyStep).
                    if (tiny == null) {
                        ExtendedDouble big = dcr.abs().max(dci.abs());
                        cExp = big.isZero() ? Integer.MIN_VALUE / 2 : big.exponent();
                        tiny = new double[3];
                    }
                    e = tinyStep(m, e, cExp, dcr, dci, ec, xRe, xIm, xExp, xErrM, xErrE, wr, wi, eps, tiny);
                    wr = tiny[0];
                    wi = tiny[1];
                    eps = tiny[2];
                    counters.tinySteps++;
                    moved = true;
                } else {
                    // One step: d' = (2 Z_m + d) d + dc, in units of 2^E.
                    double tr = 2 * zr[m] + dr;
                    double ti = 2 * zi[m] + di;
                    double nwr = (tr * wr - ti * wi) + dcwr;
                    double nwi = (tr * wi + ti * wr) + dcwi;
                    double zmag = mag * (1 + 0x1p-51) + 0x1p-52 * aws + 0x1p-1072;
                    double wl1 = Math.abs(wr) + Math.abs(wi);
                    double rho = 4 * U * (Math.abs(tr) + Math.abs(ti) + aws) * wl1
                            + U * (Math.abs(nwr) + Math.abs(nwi)) + 0x1p-1060;
                    eps = (2 * zmag * eps + eps * eps * sUp + 2 * fz[m] * (wl1 + eps) + ecw + rho) * GROW;
                    wr = nwr;
                    wi = nwi;
                }
                m++;
                n++;
                steps++;
                if (scaled) {
                    double wl = Math.abs(wr) + Math.abs(wi);
                    // Renormalised when w leaves [2^-64, 2^64], and always after a step that moved the unit.
                    if (moved || ((wl > 0x1p64 || wl < 0x1p-64) && wl != 0.0)) {
                        if (wl != 0.0) {
                            int k = ExtendedDouble.exponentOf(wl);
                            e += k;
                            wr = Math.scalb(wr, -k);
                            wi = Math.scalb(wi, -k);
                            eps = Math.scalb(eps, -k) * GROW + 0x1p-1072;
                        }
                        s = ExtendedDouble.toDouble(1.0, e);
                        sUp = Math.max(s, 0x1p-1022);
                        dcwr = ExtendedDouble.toDouble(dcr.mantissa(), (long) dcr.exponent() - e);
                        dcwi = ExtendedDouble.toDouble(dci.mantissa(), (long) dci.exponent() - e);
                        ecw = ExtendedDouble.toDouble(ec.mantissa(), (long) ec.exponent() - e) * GROW + 0x1p-1072;
                    }
                }
            }
        } finally {
            if (trusted) {
                counters.unproven++;
            }
            counters.rebases += rebases;
            counters.blaJumps += jumps;
            counters.blaSkipped += skipped;
            counters.steps += steps;
        }
    }

    /**
     * Whether the step from {@code Z_m} cannot be taken in absolute doubles: both {@code |Z_m|} and {@code |d|} are
     * below {@code 2^-960}, so {@code 2 Z_m + d} would underflow and the step would lose the delta (a reference passing
     * that close to 0, as deep views' references do near their period steps, with a pixel's delta as small). The
     * bound stays sound there either way; only it grows past any use (the fast mode's counts went wrong at 1e1086).
     */
    private boolean tinyStep(int m, double wr, double wi, int e) {
        // The reference first: on almost every step it is far above 2^-960, and the delta's exponent is not needed.
        if (xExp[m] >= -960 && (xRe[m] != 0.0 || xIm[m] != 0.0)) {
            return false;
        }
        double wl = Math.abs(wr) + Math.abs(wi);
        return wl == 0.0 || e + ExtendedDouble.exponentOf(wl) < -960;
    }

    /**
     * The step {@code d' = (2 Z_m + d) d + dc} where {@link #tinyStep(int, double, double, int)} holds, in extended
     * units, as {@link DoubleDoublePerturbation}'s in doubles: with {@code 2^g} the larger of {@code |Z_m|}'s and
     * {@code |d|}'s exponents, {@code T = (2 Z_m + d) 2^-g} (each part at most about 4) and {@code d'} in units of
     * {@code 2^u}, {@code u = max(E + g, dc's exponent)}: {@code w' = T q w + dc 2^-u} with {@code q = 2^(E+g-u) <= 1}.
     * The bound is the step's ({@code eps' = 2|z| eps + eps^2 + 2 f_m (|d| + eps) + e_c + rho}, absolute) in the new
     * units: {@code 2 (|z| 2^-g) eps q + eps^2 2^(2E-u) + 2 (f_m 2^-g)(|w| + eps) q + e_c 2^-u + rho}, with
     * {@code rho} the roundings ({@code 2^-53} of each operation's result, {@code T}'s included) plus
     * {@code 2^-1068 (1 + |w|)} for any part that underflows.
     *
     * @param m the reference index
     * @param e the delta's exponent {@code E}
     * @param cExp {@code dc}'s exponent (the larger part's), or {@code Integer.MIN_VALUE / 2} for {@code dc = 0}
     * @param dcr {@code dc}'s real part, rounded
     * @param dci its imaginary part
     * @param ec the bound on their rounding
     * @param xRe the reference's extended mantissas, real parts (and {@code xIm}, {@code xExp}: the rest of
     *     {@code Z_m}; {@code xErrM}, {@code xErrE}: its error bound)
     * @param wr the delta in units of {@code 2^E}, real part (and {@code wi})
     * @param eps the delta's error bound in those units
     * @param out where {@code w'} (re, im) and {@code eps'} go, in units of {@code 2^u}
     * @return {@code u}
     */
    static int tinyStep(int m, int e, int cExp, ExtendedDouble dcr, ExtendedDouble dci, ExtendedDouble ec,
            double[] xRe, double[] xIm, int[] xExp, double[] xErrM, int[] xErrE, double wr, double wi, double eps,
            double[] out) {
        double wl1 = Math.abs(wr) + Math.abs(wi);
        int we = wl1 == 0.0 ? Integer.MIN_VALUE / 2 : e + ExtendedDouble.exponentOf(wl1);
        boolean zeroZ = xRe[m] == 0.0 && xIm[m] == 0.0;
        int ze = zeroZ ? Integer.MIN_VALUE / 2 : xExp[m];
        int g = Math.max(we, ze);
        if (g == Integer.MIN_VALUE / 2) {
            g = Math.max(cExp - e, -4000);    // d = 0 and Z_m = 0: d' = dc
        }
        double fz = zeroZ ? 0.0 : ExtendedDouble.toDouble(2.0, (long) ze - g);
        double fd = ExtendedDouble.toDouble(1.0, (long) e - g);
        double dgr = wr * fd;
        double dgi = wi * fd;
        double tr = xRe[m] * fz + dgr;
        double ti = xIm[m] * fz + dgi;
        double zU = ((Math.abs(xRe[m]) + Math.abs(xIm[m])) * fz / 2 + wl1 * fd) * (1 + 0x1p-50) + 0x1p-1068;
        double tU = Math.abs(tr) + Math.abs(ti) + Math.abs(dgr) + Math.abs(dgi);
        int u = (int) Math.max((long) e + g, cExp);
        double q = ExtendedDouble.toDouble(1.0, (long) e + g - u);
        tr *= q;
        ti *= q;
        double cr = ExtendedDouble.toDouble(dcr.mantissa(), (long) dcr.exponent() - u);
        double ci = ExtendedDouble.toDouble(dci.mantissa(), (long) dci.exponent() - u);
        double nwr = (tr * wr - ti * wi) + cr;
        double nwi = (tr * wi + ti * wr) + ci;
        double fg = ExtendedDouble.toDouble(xErrM[m], (long) xErrE[m] - g);
        double ecu = ExtendedDouble.toDouble(ec.mantissa(), (long) ec.exponent() - u);
        double rho = 4 * U * tU * q * wl1 + U * (Math.abs(nwr) + Math.abs(nwi)) + 0x1p-1068 * (1 + wl1);
        out[0] = nwr;
        out[1] = nwi;
        out[2] = (2 * zU * eps * q + eps * ExtendedDouble.toDouble(eps, 2L * e - u)
                + 2 * fg * (wl1 * (1 + 0x1p-50) + eps) * q + ecu + rho) * GROW;
        return u;
    }
}
