package dev.squall.kernels.deep;

import java.math.BigInteger;

/**
 * The orbit {@code Z_0 = 0, Z_{n+1} = Z_n^2 + C} of one reference point {@code C}, computed in fixed point (the
 * arithmetic of {@link DeepOracle}: exact squares, one floor per component and step) and stored rounded, with a
 * rigorous bound on how far each stored value is from the exact orbit of {@code C}.
 *
 * <p>The reference point is the fixed-point number itself, {@code C = (Cr, Ci) * 2^-p}, so its orbit starts exact;
 * each step's floors add less than {@code 2^-p} per component, and an error {@code e} already there grows to at most
 * {@code 2 |Z| e + e^2}. The bound {@code E_{n+1} = 2 |Z_n| E_n + E_n^2 + 2^(1-p)} (Euclidean norms, rounded up) is
 * kept alongside, and the rounding to 53 bits added to it. Two roundings are stored for each {@code n}: an
 * {@link ExtendedDouble}-style one (a shared exponent; never underflows) and a plain double (which underflows for
 * values below about {@code 1e-308}), each with its own bound.
 *
 * <p>The orbit ends at {@link #length()} {@code L}: the first {@code n} with {@code |Z_n|^2 > 4} (compared exactly in
 * fixed point), the first {@code n} whose error bound exceeds {@link #USEFUL}, or {@code maxIter}. {@code Z_0 .. Z_L}
 * are stored.
 */
public final class ReferenceOrbit {
    private final BigInteger cr;
    private final BigInteger ci;
    private final int bits;
    private final int length;
    private final boolean escaped;
    /** Column names, in order: natural doubles, their low parts, shared-exponent mantissas and errors. */
    private static final int RE = 0;
    private static final int IM = 1;
    private static final int RE_LO = 2;
    private static final int IM_LO = 3;
    private static final int X_RE = 4;
    private static final int X_IM = 5;
    private static final int X_RE_LO = 6;
    private static final int X_IM_LO = 7;
    private static final int ERR_D = 8;
    private static final int ERR_DD = 9;
    private static final int ERR_X = 10;
    private static final int ERR_XX = 11;
    private static final int DOUBLE_COLUMNS = 12;
    private static final int X_EXP = 0;
    private static final int ERR_X_EXP = 1;
    private static final int ERR_XX_EXP = 2;
    private static final int INT_COLUMNS = 3;
    /**
     * The orbit ends early at the first {@code Z_n} whose own error bound exceeds this, {@code 2^-64}: pixels rebase
     * onto its start there (as at an escape), so every reference value a pixel steps from is at least this accurate
     * (the last, only compared with and rebased from, is the first past it).
     */
    public static final ExtendedDouble USEFUL = new ExtendedDouble(1.0, -64);
    /** The bound from which the orbit is taken as lost: its error is at least this. */
    private static final ExtendedDouble LOST = new ExtendedDouble(1.0, 16);
    private final double[][] d;
    private final int[][] k;
    private final long nanos;

    private ReferenceOrbit(BigInteger cr, BigInteger ci, int bits, int maxIter) {
        long start = System.nanoTime();
        this.cr = cr;
        this.ci = ci;
        this.bits = bits;
        int cap = 1 + maxIter;
        int size = Math.min(cap, 1024);
        double[][] dc = new double[DOUBLE_COLUMNS][size];
        int[][] kc = new int[INT_COLUMNS][size];
        BigInteger four = BigInteger.ONE.shiftLeft(2 * bits + 2);
        ExtendedDouble floorError = new ExtendedDouble(1.0, 1 - bits);
        ExtendedDouble u1 = new ExtendedDouble(1.0, -52);
        ExtendedDouble u2 = new ExtendedDouble(1.0, -104);
        double[] pr = new double[3];
        double[] pi = new double[3];
        BigInteger x = BigInteger.ZERO;
        BigInteger y = BigInteger.ZERO;
        ExtendedDouble e = ExtendedDouble.ZERO;
        int n = 0;
        boolean out = false;
        while (true) {
            if (n == size) {
                size = (int) Math.min(cap, 2L * size);
                for (int c = 0; c < DOUBLE_COLUMNS; c++) {
                    dc[c] = java.util.Arrays.copyOf(dc[c], size);
                }
                for (int c = 0; c < INT_COLUMNS; c++) {
                    kc[c] = java.util.Arrays.copyOf(kc[c], size);
                }
            }
            // Z_n to 106 bits, (hi + lo) 2^e per part; then a shared exponent and plain doubles.
            toDoubleDouble(x, bits, pr);
            toDoubleDouble(y, bits, pi);
            int kr = pr[0] == 0.0 ? Integer.MIN_VALUE : ExtendedDouble.exponentOf(pr[0]) + (int) pr[2];
            int ki = pi[0] == 0.0 ? Integer.MIN_VALUE : ExtendedDouble.exponentOf(pi[0]) + (int) pi[2];
            int shared = Math.max(kr, ki) == Integer.MIN_VALUE ? 0 : Math.max(kr, ki);
            dc[X_RE][n] = ExtendedDouble.toDouble(pr[0], (long) pr[2] - shared);
            dc[X_IM][n] = ExtendedDouble.toDouble(pi[0], (long) pi[2] - shared);
            dc[X_RE_LO][n] = ExtendedDouble.toDouble(pr[1], (long) pr[2] - shared);
            dc[X_IM_LO][n] = ExtendedDouble.toDouble(pi[1], (long) pi[2] - shared);
            kc[X_EXP][n] = shared;
            dc[RE][n] = ExtendedDouble.toDouble(pr[0], (long) pr[2]);
            dc[IM][n] = ExtendedDouble.toDouble(pi[0], (long) pi[2]);
            dc[RE_LO][n] = ExtendedDouble.toDouble(pr[1], (long) pr[2]);
            dc[IM_LO][n] = ExtendedDouble.toDouble(pi[1], (long) pi[2]);
            // |Z_n| from above; the rounded hi parts are within 2^-52 of the fixed-point ones, hi + lo within 2^-104.
            ExtendedDouble a = ExtendedDouble.of(pr[0], (long) pr[2]);
            ExtendedDouble b = ExtendedDouble.of(pi[0], (long) pi[2]);
            ExtendedDouble mag = magnitude(a, b);
            ExtendedDouble errX = e.add(mag.multiply(u1)).up();
            ExtendedDouble errXX = e.add(mag.multiply(u2)).up();
            dc[ERR_X][n] = errX.mantissa();
            kc[ERR_X_EXP][n] = errX.exponent();
            dc[ERR_XX][n] = errXX.mantissa();
            kc[ERR_XX_EXP][n] = errXX.exponent();
            // The natural doubles: the same, plus at most half the smallest subnormal per part where they underflow.
            dc[ERR_D][n] = Math.nextUp(errX.up().toDouble()) + 2 * Double.MIN_VALUE;
            dc[ERR_DD][n] = Math.nextUp(errXX.up().toDouble()) + 4 * Double.MIN_VALUE;

            BigInteger xx = x.multiply(x);
            BigInteger yy = y.multiply(y);
            BigInteger norm = xx.add(yy);
            if (norm.compareTo(four) > 0) {
                out = true;
                break;
            }
            if (n == maxIter || e.compareTo(USEFUL) > 0) {
                break;
            }
            BigInteger s = x.add(y);
            BigInteger ss = s.multiply(s);
            BigInteger re = xx.subtract(yy);
            BigInteger im = ss.subtract(norm);
            // A floor that drops only zero bits is exact (orbits of dyadic points such as i stay exact).
            boolean exact = (re.signum() == 0 || re.getLowestSetBit() >= bits)
                    && (im.signum() == 0 || im.getLowestSetBit() >= bits);
            x = re.shiftRight(bits).add(cr);
            y = im.shiftRight(bits).add(ci);
            // E_{n+1} <= 2 |Z_n| E_n + E_n^2 + 2^(1-p), |Z_n| <= |rounded| (1 + 2^-52) + E_n.
            // Past 2^16 the bound says nothing any more (every pixel using it is uncertain): held there, not squared.
            if (e.compareTo(LOST) < 0) {
                ExtendedDouble z = mag.up().add(e);
                e = z.multiply(e).multiply(2.0).add(e.multiply(e)).add(exact ? ExtendedDouble.ZERO : floorError).up();
            } else {
                e = LOST;
            }
            n++;
        }
        this.length = n;
        this.escaped = out;
        this.d = new double[DOUBLE_COLUMNS][];
        this.k = new int[INT_COLUMNS][];
        for (int c = 0; c < DOUBLE_COLUMNS; c++) {
            d[c] = java.util.Arrays.copyOf(dc[c], n + 1);
        }
        for (int c = 0; c < INT_COLUMNS; c++) {
            k[c] = java.util.Arrays.copyOf(kc[c], n + 1);
        }
        this.nanos = System.nanoTime() - start;
    }

    /**
     * {@code v 2^-bits} as {@code (hi + lo) 2^e} into {@code out = {hi, lo, e}}: hi is the top 124 bits of {@code v}
     * rounded to a double, lo the rest rounded, so {@code |hi + lo - v 2^-bits| <= 2^-105 |v 2^-bits|}.
     */
    static void toDoubleDouble(BigInteger v, int bits, double[] out) {
        if (v.signum() == 0) {
            out[0] = 0;
            out[1] = 0;
            out[2] = 0;
            return;
        }
        BigInteger a = v.abs();
        int shift = Math.max(0, a.bitLength() - 124);
        BigInteger top = a.shiftRight(shift);
        double hi = top.doubleValue();
        double lo = top.subtract(new java.math.BigDecimal(hi).toBigInteger()).doubleValue();
        double sign = v.signum();
        out[0] = sign * hi;
        out[1] = sign * lo;
        out[2] = shift - bits;
    }

    /** {@code sqrt(a^2 + b^2)}, rounded up enough for the few roundings it took. */
    static ExtendedDouble magnitude(ExtendedDouble a, ExtendedDouble b) {
        return a.multiply(a).add(b.multiply(b)).sqrt().up();
    }

    /**
     * The orbit of the fixed-point point {@code (cr, ci) * 2^-bits}.
     *
     * @param cr the reference point's real part, scaled by {@code 2^bits}
     * @param ci its imaginary part, scaled by {@code 2^bits}
     * @param bits the fractional bits the orbit is computed with
     * @param maxIter the most steps
     * @return the orbit, up to its escape or {@code maxIter}
     */
    public static ReferenceOrbit compute(BigInteger cr, BigInteger ci, int bits, int maxIter) {
        return new ReferenceOrbit(cr, ci, bits, maxIter);
    }

    /**
     * The orbit of the view's centre rounded down to {@code bits} fractional bits.
     *
     * @param params the render
     * @param bits the fractional bits; {@link DeepParams#precisionBits()} or more
     * @return the centre's orbit
     */
    public static ReferenceOrbit ofCenter(DeepParams params, int bits) {
        ExactCoordinates c = new ExactCoordinates(params);
        return compute(c.centerRe(bits), c.centerIm(bits), bits, params.maxIter());
    }

    /** {@return the reference point's real part in fixed point} */
    public BigInteger cr() {
        return cr;
    }

    /** {@return the reference point's imaginary part in fixed point} */
    public BigInteger ci() {
        return ci;
    }

    /** {@return the fractional bits of the fixed point} */
    public int bits() {
        return bits;
    }

    /**
     * {@return {@code L}: the index of the last stored value: the escape step, the step where the orbit's error bound
     * passed {@link #USEFUL}, or {@code maxIter}}
     */
    public int length() {
        return length;
    }

    /** {@return whether the reference escaped at {@link #length()} (otherwise it ran {@code maxIter} steps)} */
    public boolean escaped() {
        return escaped;
    }

    /** {@return how long the orbit took to compute, in nanoseconds} */
    public long nanos() {
        return nanos;
    }

    /**
     * {@return the real part of {@code Z_n} as a double (0 or subnormal when below double's range)}
     *
     * @param n from 0 to {@link #length()}
     */
    public double re(int n) {
        return d[RE][n];
    }

    /**
     * {@return the imaginary part of {@code Z_n} as a double}
     *
     * @param n from 0 to {@link #length()}
     */
    public double im(int n) {
        return d[IM][n];
    }

    /**
     * {@return a bound on {@code |double Z_n - exact Z_n|} (Euclidean), the exact orbit being that of the fixed-point
     * reference point}
     *
     * @param n from 0 to {@link #length()}
     */
    public double doubleError(int n) {
        return d[ERR_D][n];
    }

    /**
     * {@return the real part's mantissa of {@code Z_n} with the shared exponent {@link #extExponent(int)}}
     *
     * @param n from 0 to {@link #length()}
     */
    public double extRe(int n) {
        return d[X_RE][n];
    }

    /**
     * {@return the imaginary part's mantissa of {@code Z_n} with the shared exponent {@link #extExponent(int)}}
     *
     * @param n from 0 to {@link #length()}
     */
    public double extIm(int n) {
        return d[X_IM][n];
    }

    /**
     * {@return the shared exponent of {@code Z_n}'s extended form: the larger part's mantissa is in {@code [1, 2)}}
     *
     * @param n from 0 to {@link #length()}
     */
    public int extExponent(int n) {
        return k[X_EXP][n];
    }

    /**
     * {@return a bound on {@code |extended Z_n - exact Z_n|} (Euclidean), as an extended double}
     *
     * @param n from 0 to {@link #length()}
     */
    public ExtendedDouble extError(int n) {
        return new ExtendedDouble(d[ERR_X][n], k[ERR_X_EXP][n]);
    }

    /**
     * {@return a bound on {@code |extended double-double Z_n - exact Z_n|} (Euclidean), as an extended double}
     *
     * @param n from 0 to {@link #length()}
     */
    public ExtendedDouble extDoubleDoubleError(int n) {
        return new ExtendedDouble(d[ERR_XX][n], k[ERR_XX_EXP][n]);
    }

    /** Package access for the per-pixel loops: the columns themselves, never changed. */
    double[] reArray() {
        return d[RE];
    }

    double[] imArray() {
        return d[IM];
    }

    double[] reLoArray() {
        return d[RE_LO];
    }

    double[] imLoArray() {
        return d[IM_LO];
    }

    double[] errArray() {
        return d[ERR_D];
    }

    double[] errDoubleDoubleArray() {
        return d[ERR_DD];
    }

    double[] extReArray() {
        return d[X_RE];
    }

    double[] extImArray() {
        return d[X_IM];
    }

    double[] extReLoArray() {
        return d[X_RE_LO];
    }

    double[] extImLoArray() {
        return d[X_IM_LO];
    }

    int[] extExpArray() {
        return k[X_EXP];
    }

    double[] extErrMantissaArray() {
        return d[ERR_X];
    }

    int[] extErrExpArray() {
        return k[ERR_X_EXP];
    }

    double[] extDoubleDoubleErrMantissaArray() {
        return d[ERR_XX];
    }

    int[] extDoubleDoubleErrExpArray() {
        return k[ERR_XX_EXP];
    }
}
