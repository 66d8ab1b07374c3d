package dev.squall.kernels.deep;

/**
 * The second tier of {@link DeepRender}: the perturbed iteration of {@link Perturbation} (same rebasing, same kind of
 * proven error bound, no bilinear jumps) with the delta, the reference orbit and the pixel offset each in double-double
 * arithmetic (an unevaluated sum {@code hi + lo} of two doubles, about 106 bits). It settles most pixels that the
 * first tier gives up on: those whose orbit passes so close to 0 that the delta's absolute error, about
 * {@code n 2^-53 |Z|}, is no longer small next to {@code |z|}.
 *
 * <p>The bound's recurrence is {@link Perturbation}'s with the per-operation rounding {@code 2^-98} of the operands'
 * magnitudes (each double-double addition or multiplication errs by at most {@code 7 * 2^-106} relatively; the margin
 * covers their sequence), the reference orbit's double-double bound
 * ({@code ReferenceOrbit}'s exact-orbit error plus {@code 2^-104 |Z|}), and the offset's rounding ({@code 2^-100}).
 * The bailout comparison uses the high parts only; the low parts' {@code 2^-52 |z|} is added to the comparison's
 * error.
 */
final class DoubleDoublePerturbation {
    private static final double U2 = 0x1p-98;
    private static final double GROW = 1 + 0x1p-40;

    private final ReferenceOrbit orbit;
    private final int maxIter;
    private final boolean scaled;
    private final double[] step;
    private final double[] fractions;
    private Perturbation.Probe probe;

    /**
     * The second tier of one render.
     *
     * @param orbit the reference orbit
     * @param maxIter the most steps
     * @param scaled whether the delta keeps its own exponent
     * @param step {@code s / 2} as {@code {hi, lo, e}}
     * @param fractions the reference point's distance below the exact centre in units of {@code 2^-bits},
     *     {@code {reHi, reLo, imHi, imLo}}
     */
    DoubleDoublePerturbation(ReferenceOrbit orbit, int maxIter, boolean scaled, double[] step, double[] fractions) {
        this.orbit = orbit;
        this.maxIter = maxIter;
        this.scaled = scaled;
        this.step = step.clone();
        this.fractions = fractions.clone();
    }

    /**
     * {@return this loop, reporting every check to {@code p}; for tests}
     *
     * @param p the probe, or null for none
     */
    DoubleDoublePerturbation probe(Perturbation.Probe p) {
        this.probe = p;
        return this;
    }

    private static double twoSumLow(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /** {@code (ah + al) + (bh + bl)}: returns hi, writes lo to {@code lo[i]}. */
    static double add(double ah, double al, double bh, double bl, double[] lo, int i) {
        double s = ah + bh;
        double e = twoSumLow(ah, bh, s);
        double t = al + bl;
        double f = twoSumLow(al, bl, t);
        e += t;
        double h = s + e;
        e = e - (h - s);
        e += f;
        double h2 = h + e;
        lo[i] = e - (h2 - h);
        return h2;
    }

    /** {@code (ah + al) (bh + bl)}: returns hi, writes lo to {@code lo[i]}. */
    static double mul(double ah, double al, double bh, double bl, double[] lo, int i) {
        double p = ah * bh;
        double e = Math.fma(ah, bh, -p);
        e += ah * bl + al * bh;
        double h = p + e;
        lo[i] = e - (h - p);
        return h;
    }

    /**
     * The count of the pixel at offset {@code (kx, ky) s / 2} from the exact centre.
     *
     * @param kx {@code 2 px - W}
     * @param ky {@code H - 2 py}
     * @param counters where the work done is added
     * @return the exact count, or {@link Perturbation#UNCERTAIN}
     */
    int count(int kx, int ky, Perturbation.Counters counters) {
        double[] lo = new double[8];
        int p = orbit.bits();
        // dc = (kx s/2 + fracRe 2^-p, ky s/2 + fracIm 2^-p), in double-double, with a common exponent ce.
        int ce = (int) step[2];
        double fsc = ExtendedDouble.toDouble(1.0, (long) -p - ce);
        double cRh = mul(step[0], step[1], kx, 0, lo, 0);
        double cRl = lo[0];
        cRh = add(cRh, cRl, fractions[0] * fsc, fractions[1] * fsc, lo, 0);
        cRl = lo[0];
        double cIh = mul(step[0], step[1], ky, 0, lo, 0);
        double cIl = lo[0];
        cIh = add(cIh, cIl, fractions[2] * fsc, fractions[3] * fsc, lo, 0);
        cIl = lo[0];
        ExtendedDouble ec = ExtendedDouble.of((Math.abs(kx) + Math.abs(ky)) * step[0], ce)
                .add(ExtendedDouble.of(fractions[0] + fractions[2], -p)).multiply(new ExtendedDouble(1.0, -99))
                .add(new ExtendedDouble(1.0, -1060 - p)).up();
        final int n0 = maxIter;
        final int last = orbit.length();
        final double[] zrh = orbit.reArray();
        final double[] zrl = orbit.reLoArray();
        final double[] zih = orbit.imArray();
        final double[] zil = orbit.imLoArray();
        final double[] fz = orbit.errDoubleDoubleArray();
        final double[] xrh = orbit.extReArray();
        final double[] xrl = orbit.extReLoArray();
        final double[] xih = orbit.extImArray();
        final double[] xil = orbit.extImLoArray();
        final int[] xe = orbit.extExpArray();
        final double[] xfm = orbit.extDoubleDoubleErrMantissaArray();
        final int[] xfe = orbit.extDoubleDoubleErrExpArray();
        int e = 0;
        if (scaled) {
            double big = Math.max(Math.abs(cRh), Math.abs(cIh));
            e = ce + (big == 0.0 ? 0 : ExtendedDouble.exponentOf(big));
        }
        double s = 0;
        double sUp = 0;
        double dwrh = 0;
        double dwrl = 0;
        double dwih = 0;
        double dwil = 0;
        double ecw = 0;
        double wrh = 0;
        double wrl = 0;
        double wih = 0;
        double wil = 0;
        double eps = 0;
        int m = 0;
        int n = 0;
        boolean rescale = true;
        // dc's own exponent: the smallest unit a step below double's range may move the delta to.
        final int cExp = ce + ExtendedDouble.exponentOf(Math.max(Math.max(Math.abs(cRh), Math.abs(cIh)), 0x1p-1000));
        final double[] state = new double[5];
        final double[] dcParts = {cRh, cRl, cIh, cIl};
        while (true) {
            if (rescale) {
                rescale = false;
                s = ExtendedDouble.toDouble(1.0, e);
                sUp = Math.max(s, 0x1p-1022);
                double f = ExtendedDouble.toDouble(1.0, (long) ce - e);
                dwrh = cRh * f;
                dwrl = cRl * f;
                dwih = cIh * f;
                dwil = cIl * f;
                ecw = ExtendedDouble.toDouble(ec.mantissa(), (long) ec.exponent() - e) * GROW + 0x1p-1070;
            }
            if (n == n0) {
                return n0;
            }
            double drh = wrh * s;
            double drl = wrl * s;
            double dih = wih * s;
            double dil = wil * s;
            double xh = add(zrh[m], zrl[m], drh, drl, lo, 0);
            double xl = lo[0];
            double yh = add(zih[m], zil[m], dih, dil, lo, 1);
            double yl = lo[1];
            double r2 = xh * xh + yh * yh;
            double aws = Math.abs(drh) + Math.abs(dih);
            double errFull = (eps * sUp + fz[m] + U2 * (Math.abs(xh) + Math.abs(yh) + aws) + 0x1p-1068) * GROW;
            double errz = (errFull + 0x1p-52 * (Math.abs(xh) + Math.abs(yh))) * GROW;
            if (probe != null) {
                probe.check(n, xh, xl, yh, yl, errFull);
            }
            if (!(errz < Perturbation.GIVE_UP)) {
                counters.boundTooLarge++;
                return Perturbation.UNCERTAIN;
            }
            double mag = Math.sqrt(r2);
            if (mag * (1 - 0x1p-50) - errz * (1 + 0x1p-50) > 2 + 0x1p-48) {
                return n;
            }
            if (!(mag * (1 + 0x1p-50) + errz * (1 + 0x1p-50) < 2 - 0x1p-48)) {
                counters.nearBailout++;
                return Perturbation.UNCERTAIN;
            }
            boolean rebased = false;
            if (m == last || (m > 0 && !(scaled && tiny(wrh, wih, e)) && r2 < drh * drh + dih * dih)) {
                rebased = true;
                m = 0;
                if (!scaled) {
                    wrh = xh;
                    wrl = xl;
                    wih = yh;
                    wil = yl;
                    eps = errFull;
                } else {
                    double big = Math.max(Math.abs(xh), Math.abs(yh));
                    if (big != 0.0) {
                        e = ExtendedDouble.exponentOf(big);
                    }
                    wrh = Math.scalb(xh, -e);
                    wrl = Math.scalb(xl, -e);
                    wih = Math.scalb(yh, -e);
                    wil = Math.scalb(yl, -e);
                    eps = Math.scalb(errFull, -e) * GROW + 0x1p-1068;
                    rescale = true;
                }
            } else if (m > 0 && scaled && tiny(wrh, wih, e)) {
                int ed = e + ExtendedDouble.exponentOf(Math.abs(wrh) + Math.abs(wih));
                if (xe[m] < ed + 4) {
                    double f = ExtendedDouble.toDouble(1.0, (long) xe[m] - e);
                    double urh = add(xrh[m] * f, xrl[m] * f, wrh, wrl, lo, 0);
                    double url = lo[0];
                    double uih = add(xih[m] * f, xil[m] * f, wih, wil, lo, 1);
                    double uil = lo[1];
                    if (urh * urh + uih * uih < wrh * wrh + wih * wih) {
                        rebased = true;
                        eps = (eps + ExtendedDouble.toDouble(xfm[m], (long) xfe[m] - e)
                                + U2 * (Math.abs(urh) + Math.abs(uih)) + 0x1p-1060) * GROW;
                        wrh = urh;
                        wrl = url;
                        wih = uih;
                        wil = uil;
                        m = 0;
                    }
                }
            }
            if (rebased) {
                counters.rebases++;
                if (rescale) {
                    continue;
                }
                drh = wrh * s;
                drl = wrl * s;
                dih = wih * s;
                dil = wil * s;
                mag = Math.sqrt(drh * drh + dih * dih);
                aws = Math.abs(drh) + Math.abs(dih);
            }
            if (scaled && tinyStep(m, wrh, wih, e, xrh, xih, xe)) {
                e = tinyStep(m, e, ce, cExp, dcParts, ec, xrh, xrl, xih, xil, xe, xfm, xfe, lo, state, wrh, wrl, wih,
                        wil, eps);
                eps = state[4];
                rescale = true;
            } else {
                // d' = (2 Z_m + d) d + dc, in units of 2^E.
                double trh = add(2 * zrh[m], 2 * zrl[m], drh, drl, lo, 0);
                double trl = lo[0];
                double tih = add(2 * zih[m], 2 * zil[m], dih, dil, lo, 1);
                double til = lo[1];
                mulAdd(trh, trl, tih, til, wrh, wrl, wih, wil, dwrh, dwrl, dwih, dwil, lo, state);
                double zmag = mag * (1 + 0x1p-50) + 0x1p-52 * aws + 0x1p-1068;
                double wl1 = Math.abs(wrh) + Math.abs(wih);
                double rho = 4 * U2 * (Math.abs(trh) + Math.abs(tih) + aws) * wl1
                        + U2 * (Math.abs(state[0]) + Math.abs(state[2])) + 0x1p-1060;
                eps = (2 * zmag * eps + eps * eps * sUp + 2 * fz[m] * (wl1 * (1 + 0x1p-50) + eps) + ecw + rho) * GROW;
            }
            wrh = state[0];
            wrl = state[1];
            wih = state[2];
            wil = state[3];
            m++;
            n++;
            counters.steps++;
            if (scaled) {
                double wl = Math.abs(wrh) + Math.abs(wih);
                if ((wl > 0x1p64 || wl < 0x1p-64) && wl != 0.0) {
                    int k = ExtendedDouble.exponentOf(wl);
                    e += k;
                    wrh = Math.scalb(wrh, -k);
                    wrl = Math.scalb(wrl, -k);
                    wih = Math.scalb(wih, -k);
                    wil = Math.scalb(wil, -k);
                    eps = Math.scalb(eps, -k) * GROW + 0x1p-1068;
                    rescale = true;
                }
            }
        }
    }

    /**
     * Whether the step from {@code Z_m} cannot be taken in absolute doubles: both {@code |Z_m|} and {@code |d|} are
     * below {@code 2^-960}, so {@code 2 Z_m + d} would underflow (a reference passing that close to 0, as deep
     * views' references do near their period steps, with a pixel's delta as small).
     */
    private static boolean tinyStep(int m, double wr, double wi, int e, double[] xrh, double[] xih, int[] xe) {
        double wl = Math.abs(wr) + Math.abs(wi);
        int we = wl == 0.0 ? Integer.MIN_VALUE / 2 : e + ExtendedDouble.exponentOf(wl);
        int ze = xrh[m] == 0.0 && xih[m] == 0.0 ? Integer.MIN_VALUE / 2 : xe[m];
        return Math.max(we, ze) < -960;
    }

    /**
     * The step {@code d' = (2 Z_m + d) d + dc} where {@link #tinyStep} holds, in extended units: with {@code 2^g}
     * the larger of {@code |Z_m|}'s and {@code |d|}'s exponents, {@code T = (2 Z_m + d) 2^-g} is computed in
     * double-double, and {@code d'} goes to units of {@code 2^U}, {@code U = max(E + g, dc's exponent)}, so that
     * neither {@code T w} nor {@code dc} leaves double's range: {@code w' = T w 2^(E+g-U) + dc 2^-U}. The bound is
     * the usual recurrence ({@code eps' = 2|z| eps + eps^2 + 2 f_m (|d| + eps) + e_c + rho}, absolute) written in
     * the new units: {@code 2 (|z| 2^-g) eps q + eps^2 2^(2E-U) + 2 (f_m 2^-g)(|w| + eps) q + e_c 2^-U + rho}
     * with {@code q = 2^(E+g-U) <= 1}, {@code rho} the double-double roundings ({@code 2^-98} of the operands) plus
     * {@code 2^-1068 (1 + |w|)} for any part that underflows while scaled. Writes {@code w'} and {@code eps'} (in
     * units of {@code 2^U}) to {@code out[0..4]}; returns {@code U}.
     */
    static int tinyStep(int m, int e, int ce, int cExp, double[] c, ExtendedDouble ec, double[] xrh,
            double[] xrl, double[] xih, double[] xil, int[] xe, double[] xfm, int[] xfe, double[] lo, double[] out,
            double wrh, double wrl, double wih, double wil, double eps) {
        double wl1 = Math.abs(wrh) + Math.abs(wih);
        int we = wl1 == 0.0 ? Integer.MIN_VALUE / 2 : e + ExtendedDouble.exponentOf(wl1);
        boolean zeroZ = xrh[m] == 0.0 && xih[m] == 0.0;
        int ze = zeroZ ? Integer.MIN_VALUE / 2 : xe[m];
        int g = Math.max(we, ze);
        if (g == Integer.MIN_VALUE / 2) {
            g = cExp - e;    // d = 0 and Z_m = 0: d' = dc
        }
        // T = (2 Z_m + d) 2^-g, each part at most about 4.
        double fz = zeroZ ? 0.0 : ExtendedDouble.toDouble(2.0, (long) ze - g);
        double fd = ExtendedDouble.toDouble(1.0, (long) e - g);
        double trh = add(xrh[m] * fz, xrl[m] * fz, wrh * fd, wrl * fd, lo, 0);
        double trl = lo[0];
        double tih = add(xih[m] * fz, xil[m] * fz, wih * fd, wil * fd, lo, 1);
        double til = lo[1];
        double zU = ((Math.abs(xrh[m]) + Math.abs(xih[m])) * fz / 2 + wl1 * fd) * (1 + 0x1p-50) + 0x1p-1068;
        double tU = Math.abs(trh) + Math.abs(tih);
        // The new unit 2^u: T w's (2^(e+g)) or dc's, whichever is larger.
        int u = (int) Math.max((long) e + g, cExp);
        double q = ExtendedDouble.toDouble(1.0, (long) e + g - u);
        trh *= q;
        trl *= q;
        tih *= q;
        til *= q;
        double fc = ExtendedDouble.toDouble(1.0, (long) ce - u);
        mulAdd(trh, trl, tih, til, wrh, wrl, wih, wil, c[0] * fc, c[1] * fc, c[2] * fc, c[3] * fc, lo, out);
        double nrh = out[0];
        double nih = out[2];
        double fg = ExtendedDouble.toDouble(xfm[m], (long) xfe[m] - g);
        double ecu = ExtendedDouble.toDouble(ec.mantissa(), (long) ec.exponent() - u);
        double rho = 4 * U2 * tU * q * wl1 + U2 * (Math.abs(nrh) + Math.abs(nih)) + 0x1p-1068 * (1 + wl1);
        double epsNew = (2 * zU * eps * q + eps * ExtendedDouble.toDouble(eps, 2L * e - u)
                + 2 * fg * (wl1 * (1 + 0x1p-50) + eps) * q + ecu + rho) * GROW;
        out[4] = epsNew;
        return u;
    }

    /** {@code t w + c}, complex, each part double-double: writes re hi, re lo, im hi, im lo to {@code out[0..3]}. */
    private static void mulAdd(double trh, double trl, double tih, double til, double wrh, double wrl, double wih,
            double wil, double crh, double crl, double cih, double cil, double[] lo, double[] out) {
        double ah = mul(trh, trl, wrh, wrl, lo, 2);
        double al = lo[2];
        double bh = mul(tih, til, wih, wil, lo, 3);
        double bl = lo[3];
        double chh = mul(trh, trl, wih, wil, lo, 4);
        double cl = lo[4];
        double dh = mul(tih, til, wrh, wrl, lo, 5);
        double dl = lo[5];
        double nrh = add(ah, al, -bh, -bl, lo, 6);
        double nrl = lo[6];
        nrh = add(nrh, nrl, crh, crl, lo, 6);
        out[1] = lo[6];
        out[0] = nrh;
        double nih = add(chh, cl, dh, dl, lo, 7);
        double nil = lo[7];
        nih = add(nih, nil, cih, cil, lo, 7);
        out[3] = lo[7];
        out[2] = nih;
    }

    /** Whether {@code |d| = |w| 2^e} is below {@code 2^-900}, where the natural-units comparison loses accuracy. */
    private static boolean tiny(double wr, double wi, int e) {
        double wl = Math.abs(wr) + Math.abs(wi);
        return wl == 0.0 || e + ExtendedDouble.exponentOf(wl) < -900;
    }
}
