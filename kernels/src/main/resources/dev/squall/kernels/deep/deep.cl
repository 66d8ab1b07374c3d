// Deep zoom's first tier on an OpenCL device: the perturbed loop of Perturbation.java, operation for operation, so
// that every count it returns is exact and every pixel it cannot prove is marked UNCERTAIN (-1) for the host's
// higher tiers. Perturbation.java says why an accepted count is exact; this file only repeats its arithmetic. What
// that relies on here: double operations rounded to nearest with no contraction into fused multiply-adds (the
// pragma), sqrt and ldexp correctly rounded (OpenCL's rule for double), ilogb exact.
//
// Built with -DEXTENDED=0 (deltas in plain doubles) or -DEXTENDED=1 (a double mantissa with its own exponent), and
// the loop's constants GROW, GIVE_UP and ACCEPT (DeepKernel.buildOptions).
// The host packs the data (DeepKernel.java):
//   orbit     per reference index: zr, zi, zerr; EXTENDED adds the extended form xRe, xIm, xErrM (stride ORBIT)
//   orbitExp  EXTENDED only, per index: xExp, xErrE
//   table     per entry, 11 doubles: r, A re, A im, |A|, B re, B im, |B|, P, Q, tauA, tauB (EXTENDED: mantissas)
//   tableExp  EXTENDED only, per entry: exponents of A, B, r, P, Q
//   levels    per level j from 1: its first entry, its entry count
//   depth     per reference index m: how many levels, from 1 up, have an entry starting at m (BlaTable.depth)
//   dcMant    dc's real part per column, its imaginary part per row, its error bound per |kx| + |ky|
//   dcExp     their exponents
//   work      per pixel: rebases, jumps, steps skipped by jumps, single steps, 1 if the count is unproven (fast)
#pragma OPENCL FP_CONTRACT OFF
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

// GROW, GIVE_UP and ACCEPT come from the build options, from Perturbation.java's constants.
#define UNCERTAIN (-1)
#define U 0x1p-53
#define INT_MIN_HALF (-1073741824)

#if EXTENDED
#define ORBIT 6
#else
#define ORBIT 3
#endif
#define ENTRY 11

// ExtendedDouble.exponentOf: floor(log2 |m|), subnormals included (the callers never pass 0).
static int exponent_of(double m) {
    if (m == 0.0) {
        return -1223;
    }
    if (!isfinite(m)) {
        return 1024;
    }
    return ilogb(m);
}

// ExtendedDouble.toDouble: m 2^e, the exponent clamped as there.
static double to_double(double m, long e) {
    int s = (int) max(-4000L, min(4000L, e));
    return ldexp(m, s);
}

// What depends on the delta's unit 2^e: s = 2^e (and at least 2^-1022 for the bound), dc and its error bound in
// units of 2^e.
typedef struct {
    double s;
    double sUp;
    double dcwr;
    double dcwi;
    double ecw;
} Units;

static Units units(int e, double dcrM, int dcrE, double dciM, int dciE, double ecM, int ecE) {
    Units u;
    u.s = to_double(1.0, e);
    u.sUp = fmax(u.s, 0x1p-1022);
    u.dcwr = to_double(dcrM, (long) dcrE - e);
    u.dcwi = to_double(dciM, (long) dciE - e);
    u.ecw = to_double(ecM, (long) ecE - e) * GROW + 0x1p-1072;
    return u;
}

#if EXTENDED
// Moves the delta's magnitude wl = |w|_1 (not 0) into its exponent: w and its bound in units of the new 2^e.
static void normalise(double wl, int *e, double *wr, double *wi, double *eps) {
    int k = exponent_of(wl);
    *e += k;
    *wr = ldexp(*wr, -k);
    *wi = ldexp(*wi, -k);
    *eps = ldexp(*eps, -k) * GROW + 0x1p-1072;
}
#endif

__kernel void deep_first_tier(__global const double *orbit, __global const int *orbitExp,
        __global const double *table, __global const int *tableExp, __global const int *levels,
        __global const uchar *depth, __global const double *dcMant, __global const int *dcExp, __global int *counts, __global int *work,
        int width, int height, int firstRow, int rows, int maxIter, int last, int nLevels, int useTable,
        int trusting, int halfStepExp) {
    int px = get_global_id(0);
    int row = get_global_id(1);
    if (px >= width || row >= rows) {
        return;
    }
    int py = firstRow + row;
    int kx = 2 * px - width;
    int ky = height - 2 * py;
    int k = abs(kx) + abs(ky);
    double dcrM = dcMant[px];
    int dcrE = dcExp[px];
    double dciM = dcMant[width + py];
    int dciE = dcExp[width + py];
    double ecM = dcMant[width + height + k];
    int ecE = dcExp[width + height + k];
    const int n0 = maxIter;
    int e = 0;
#if EXTENDED
    if (dcrM == 0.0 && dciM == 0.0) {
        e = halfStepExp;
    } else if (dcrM == 0.0) {
        e = dciE;
    } else if (dciM == 0.0) {
        e = dcrE;
    } else {
        e = max(dcrE, dciE);
    }
#endif
    // In plain doubles e stays 0: s = 2^0 = 1, and dc in its own units.
    Units u = units(e, dcrM, dcrE, dciM, dciE, ecM, ecE);
    double wr = 0.0;
    double wi = 0.0;
    double eps = 0.0;
    int m = 0;
    int n = 0;
    int rebases = 0;
    int jumps = 0;
    int skipped = 0;
    int steps = 0;
    int trusted = 0;
    int result;
    while (1) {
        double zr0 = orbit[ORBIT * m];
        double zi0 = orbit[ORBIT * m + 1];
        double fzm = orbit[ORBIT * m + 2];
        double dr = wr * u.s;
        double di = wi * u.s;
        double xr = zr0 + dr;
        double xi = zi0 + di;
        double r2 = xr * xr + xi * xi;
        int before = m;
        if (n == n0) {
            result = n0;
            break;
        }
        double aws = fabs(dr) + fabs(di);
        const double errz = (eps * u.sUp + fzm + 0x1p-52 * (fabs(xr) + fabs(xi) + aws) + 0x1p-1072) * GROW;
        double mag = sqrt(r2);
        if (!(errz < GIVE_UP)) {
            if (!trusting) {
                result = UNCERTAIN;
                break;
            }
            trusted = 1;
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
                result = UNCERTAIN;
                break;
            }
            trusted = 1;
            if (mag > 2) {
                result = n;
                break;
            }
        }
        int rebase = m == last;
        if (!rebase && m > 0) {
#if EXTENDED
            double wl = fabs(wr) + fabs(wi);
            int ed = wl == 0.0 ? INT_MIN_HALF : e + exponent_of(wl);
            if (ed < -900) {
                int xe = orbitExp[2 * m];
                if (xe < ed + 4) {
                    double ur = ldexp(orbit[ORBIT * m + 3], xe - e) + wr;
                    double ui = ldexp(orbit[ORBIT * m + 4], xe - e) + wi;
                    if (ur * ur + ui * ui < wr * wr + wi * wi) {
                        rebases++;
                        eps = (eps + to_double(orbit[ORBIT * m + 5], (long) orbitExp[2 * m + 1] - e)
                                + 0x1p-52 * (fabs(ur) + fabs(ui)) + 0x1p-1070) * GROW;
                        wr = ur;
                        wi = ui;
                        m = 0;
                    }
                }
            } else {
                rebase = r2 < dr * dr + di * di;
            }
#else
            rebase = r2 < dr * dr + di * di;
#endif
        }
        if (rebase) {
            rebases++;
            m = 0;
#if EXTENDED
            double big = fmax(fabs(xr), fabs(xi));
            if (big != 0.0) {
                e = exponent_of(big);
            }
            wr = ldexp(xr, -e);
            wi = ldexp(xi, -e);
            eps = ldexp(errz, -e) * GROW + 0x1p-1072;
            u = units(e, dcrM, dcrE, dciM, dciE, ecM, ecE);
#else
            wr = xr;
            wi = xi;
            eps = errz;
#endif
        }
        if (m != before) {
            dr = wr * u.s;
            di = wi * u.s;
            mag = sqrt(dr * dr + di * di);
            aws = fabs(dr) + fabs(di);
        }
        if (useTable && m > 0) {
            double aw = fabs(wr) + fabs(wi) + eps;
            int best = -1;
            int bestLength = 0;
#if EXTENDED
            int ea = aw == 0.0 ? INT_MIN_HALF : e + exponent_of(aw);
            double am = aw == 0.0 ? 0.0 : ldexp(aw, -exponent_of(aw));
#endif
            // The entries from m: levels 1 to depth[m], as BlaTable.index finds them.
            for (int j = 1, d = depth[m]; j <= d; j++) {
                int idx = levels[2 * (j - 1)] + ((m - 1) >> j);
                int len = 1 << j;
                if (n + len > n0) {
                    break;
                }
#if EXTENDED
                double rr = table[ENTRY * idx];
                int rx = tableExp[5 * idx + 2];
                int inside = rr > 0 && (ea < rx || (ea == rx && am < rr));
#else
                int inside = aw < table[ENTRY * idx];
#endif
                if (inside) {
                    best = idx;
                    bestLength = len;
                } else {
                    break;
                }
            }
            if (best >= 0) {
                __global const double *t = table + ENTRY * best;
#if EXTENDED
                int ae = tableExp[5 * best];
                double bsc = to_double(1.0, (long) tableExp[5 * best + 1] - ae);
                double bpr = t[4] * bsc;
                double bpi = t[5] * bsc;
                double absB = t[6] * bsc;
                double q = to_double(t[8], tableExp[5 * best + 4]);
                double p = to_double(t[7], (long) tableExp[5 * best + 3] + e - ae);
#else
                double bpr = t[4];
                double bpi = t[5];
                double absB = t[6];
                double p = t[7];
                double q = t[8];
#endif
                double ar = t[1];
                double ai = t[2];
                double nwr = (ar * wr - ai * wi) + (bpr * u.dcwr - bpi * u.dcwi);
                double nwi = (ar * wi + ai * wr) + (bpr * u.dcwi + bpi * u.dcwr);
                double absA = t[3];
                double tauA = t[9];
                double tauB = t[10];
                double wl1 = fabs(wr) + fabs(wi);
                double dl1 = fabs(u.dcwr) + fabs(u.dcwi);
                double cw = dl1 + u.ecw;
                double tt = aw + q * cw;
                double rem = p * tt * tt;
                double lin = absA * aw + absB * cw;
                if (rem <= ACCEPT * lin && isfinite(nwr + nwi) && isfinite(lin)) {
#if EXTENDED
                    double err = absA * (1 + tauA) * eps + tauA * absA * wl1 + absB * (1 + tauB) * u.ecw
                            + tauB * absB * dl1 + rem
                            + 4 * U * ((fabs(ar) + fabs(ai)) * wl1 + (fabs(bpr) + fabs(bpi)) * dl1)
                            + U * (fabs(nwr) + fabs(nwi)) + 0x1p-1070 * dl1 + 0x1p-1060;
                    err *= GROW;
                    jumps++;
                    skipped += bestLength;
                    m += bestLength;
                    n += bestLength;
                    wr = nwr;
                    wi = nwi;
                    eps = err;
                    e += ae;
                    double wl = fabs(wr) + fabs(wi);
                    if (wl != 0.0) {
                        normalise(wl, &e, &wr, &wi, &eps);
                    }
                    u = units(e, dcrM, dcrE, dciM, dciE, ecM, ecE);
#else
                    double err = absA * (1 + tauA) * eps + tauA * absA * wl1 + absB * (1 + tauB) * u.ecw
                            + tauB * absB * dl1 + rem
                            + 4 * U * ((fabs(ar) + fabs(ai)) * wl1 + (fabs(bpr) + fabs(bpi)) * dl1)
                            + U * (fabs(nwr) + fabs(nwi)) + 0x1p-1060;
                    jumps++;
                    skipped += bestLength;
                    m += bestLength;
                    n += bestLength;
                    wr = nwr;
                    wi = nwi;
                    eps = err * GROW;
#endif
                    continue;
                }
            }
        }
#if EXTENDED
        // Z_m and d both below double's range: the step in extended units (Perturbation.tinyStep).
        double twl = fabs(wr) + fabs(wi);
        int twe = twl == 0.0 ? INT_MIN_HALF : e + exponent_of(twl);
        double txr = orbit[ORBIT * m + 3];
        double txi = orbit[ORBIT * m + 4];
        int zeroZ = txr == 0.0 && txi == 0.0;
        int tze = zeroZ ? INT_MIN_HALF : orbitExp[2 * m];
        if (max(twe, tze) < -960) {
            int cExp = dcrM == 0.0 ? (dciM == 0.0 ? INT_MIN_HALF : dciE) : (dciM == 0.0 ? dcrE : max(dcrE, dciE));
            int g = max(twe, tze);
            if (g == INT_MIN_HALF) {
                g = max(cExp - e, -4000);
            }
            double fz = zeroZ ? 0.0 : to_double(2.0, (long) tze - g);
            double fd = to_double(1.0, (long) e - g);
            double dgr = wr * fd;
            double dgi = wi * fd;
            double tr = txr * fz + dgr;
            double ti = txi * fz + dgi;
            double zU = ((fabs(txr) + fabs(txi)) * fz / 2 + twl * fd) * (1 + 0x1p-50) + 0x1p-1068;
            double tU = fabs(tr) + fabs(ti) + fabs(dgr) + fabs(dgi);
            int un = (int) max((long) e + g, (long) cExp);
            double q = to_double(1.0, (long) e + g - un);
            tr *= q;
            ti *= q;
            double cr = to_double(dcrM, (long) dcrE - un);
            double ci = to_double(dciM, (long) dciE - un);
            double nwr = (tr * wr - ti * wi) + cr;
            double nwi = (tr * wi + ti * wr) + ci;
            double fg = to_double(orbit[ORBIT * m + 5], (long) orbitExp[2 * m + 1] - g);
            double ecu = to_double(ecM, (long) ecE - un);
            double rho = 4 * U * tU * q * twl + U * (fabs(nwr) + fabs(nwi)) + 0x1p-1068 * (1 + twl);
            eps = (2 * zU * eps * q + eps * to_double(eps, 2L * e - un)
                    + 2 * fg * (twl * (1 + 0x1p-50) + eps) * q + ecu + rho) * GROW;
            wr = nwr;
            wi = nwi;
            e = un;
            m++;
            n++;
            steps++;
            double wl = fabs(wr) + fabs(wi);
            if (wl != 0.0) {
                normalise(wl, &e, &wr, &wi, &eps);
            }
            u = units(e, dcrM, dcrE, dciM, dciE, ecM, ecE);
            continue;
        }
#endif
        // One step: d' = (2 Z_m + d) d + dc, in units of 2^E.
        double tr = 2 * zr0 + dr;
        double ti = 2 * zi0 + di;
        if (m != before) {
            tr = 2 * orbit[ORBIT * m] + dr;
            ti = 2 * orbit[ORBIT * m + 1] + di;
            fzm = orbit[ORBIT * m + 2];
        }
        double nwr = (tr * wr - ti * wi) + u.dcwr;
        double nwi = (tr * wi + ti * wr) + u.dcwi;
        double zmag = mag * (1 + 0x1p-51) + 0x1p-52 * aws + 0x1p-1072;
        double wl1 = fabs(wr) + fabs(wi);
        double rho = 4 * U * (fabs(tr) + fabs(ti) + aws) * wl1 + U * (fabs(nwr) + fabs(nwi)) + 0x1p-1060;
        eps = (2 * zmag * eps + eps * eps * u.sUp + 2 * fzm * (wl1 + eps) + u.ecw + rho) * GROW;
        wr = nwr;
        wi = nwi;
        m++;
        n++;
        steps++;
#if EXTENDED
        double wl = fabs(wr) + fabs(wi);
        if ((wl > 0x1p64 || wl < 0x1p-64) && wl != 0.0) {
            normalise(wl, &e, &wr, &wi, &eps);
            u = units(e, dcrM, dcrE, dciM, dciE, ecM, ecE);
        }
#endif
    }
    int i = row * width + px;
    counts[i] = result;
    __global int *w = work + 5 * i;
    w[0] = rebases;
    w[1] = jumps;
    w[2] = skipped;
    w[3] = steps;
    w[4] = trusted;
}
