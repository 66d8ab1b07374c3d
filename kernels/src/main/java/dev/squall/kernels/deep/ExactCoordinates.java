package dev.squall.kernels.deep;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exact pixel coordinates of a {@link DeepParams}, as rationals: {@code c = (RE + (2 px - W) / (Z H) * 2,
 * IM + (H - 2 py) / (Z H) * 2)}, since {@code (px - W/2) s = (2 px - W) * 2 / (Z H)}. They are turned into fixed
 * point (a BigInteger scaled by {@code 2^p}) by one floor, so the fixed-point coordinate is within {@code 2^-p} below
 * the exact one on each axis.
 */
public final class ExactCoordinates {
    private final DeepParams params;
    /** RE as nRe / dRe, IM as nIm / dIm, Z as nZ / dZ, each denominator a power of 10. */
    private final BigInteger nRe;
    private final BigInteger dRe;
    private final BigInteger nIm;
    private final BigInteger dIm;
    private final BigInteger nZ;
    private final BigInteger dZ;

    /**
     * The coordinates of {@code params}' pixels.
     *
     * @param params the render
     */
    public ExactCoordinates(DeepParams params) {
        this.params = params;
        BigInteger[] re = fraction(params.view().re());
        BigInteger[] im = fraction(params.view().im());
        BigInteger[] z = fraction(params.view().zoom());
        nRe = re[0];
        dRe = re[1];
        nIm = im[0];
        dIm = im[1];
        nZ = z[0];
        dZ = z[1];
    }

    private static BigInteger[] fraction(BigDecimal d) {
        if (d.scale() >= 0) {
            return new BigInteger[] {d.unscaledValue(), BigInteger.TEN.pow(d.scale())};
        }
        return new BigInteger[] {d.unscaledValue().multiply(BigInteger.TEN.pow(-d.scale())), BigInteger.ONE};
    }

    /** {@return the render these are the coordinates of} */
    public DeepParams params() {
        return params;
    }

    /**
     * {@code floor((n / d + k * 2 dZ / (nZ H)) * 2^bits)}, exactly.
     */
    private BigInteger floorFixed(BigInteger n, BigInteger d, long k, int bits) {
        BigInteger h = BigInteger.valueOf(params.height());
        BigInteger den = d.multiply(nZ).multiply(h);
        BigInteger num = n.multiply(nZ).multiply(h).add(BigInteger.valueOf(k).multiply(dZ).multiply(d).shiftLeft(1));
        BigInteger[] qr = num.shiftLeft(bits).divideAndRemainder(den);
        BigInteger q = qr[0];
        return qr[1].signum() < 0 ? q.subtract(BigInteger.ONE) : q;
    }

    /**
     * The real coordinate of column {@code px} in fixed point.
     *
     * @param px the column, from 0 to {@code width - 1} (any int is computed exactly)
     * @param bits the fractional bits {@code p}
     * @return {@code floor(c_re * 2^p)}
     */
    public BigInteger re(int px, int bits) {
        return floorFixed(nRe, dRe, 2L * px - params.width(), bits);
    }

    /**
     * The imaginary coordinate of row {@code py} in fixed point; row 0 is the top.
     *
     * @param py the row, from 0 to {@code height - 1}
     * @param bits the fractional bits {@code p}
     * @return {@code floor(c_im * 2^p)}
     */
    public BigInteger im(int py, int bits) {
        return floorFixed(nIm, dIm, (long) params.height() - 2L * py, bits);
    }

    /**
     * The centre's real part in fixed point.
     *
     * @param bits the fractional bits {@code p}
     * @return {@code floor(RE * 2^p)}
     */
    public BigInteger centerRe(int bits) {
        return floorFixed(nRe, dRe, 0, bits);
    }

    /**
     * The centre's imaginary part in fixed point.
     *
     * @param bits the fractional bits {@code p}
     * @return {@code floor(IM * 2^p)}
     */
    public BigInteger centerIm(int bits) {
        return floorFixed(nIm, dIm, 0, bits);
    }

    /**
     * Half the pixel step, {@code 2 / (Z H)}, rounded: the offset of pixel {@code (px, py)} from the centre is
     * {@code (2 px - W, H - 2 py)} times this.
     *
     * @return {@code s / 2} with a relative error below {@code 2^-52}
     */
    public ExtendedDouble halfStep() {
        BigInteger num = dZ.shiftLeft(1);
        BigInteger den = nZ.multiply(BigInteger.valueOf(params.height()));
        return quotient(num, den);
    }

    /**
     * What the floor took off the centre: {@code RE * 2^p - floor(RE * 2^p)} and the same for IM, in {@code [0, 1)},
     * as doubles rounded down. The exact offset of a pixel from the fixed-point centre is its offset from the exact
     * centre plus these times {@code 2^-p}.
     *
     * @param bits the fractional bits {@code p}
     * @return {@code {re, im}} fractions
     */
    public double[] centerFloorFractions(int bits) {
        return new double[] {fractionBelow(nRe, dRe, bits), fractionBelow(nIm, dIm, bits)};
    }

    private static double fractionBelow(BigInteger n, BigInteger d, int bits) {
        BigInteger r = n.shiftLeft(bits).mod(d);
        if (r.signum() == 0) {
            return 0.0;
        }
        return quotient(r, d).toDouble();
    }

    /**
     * {@link #halfStep()} to about 106 bits, as {@code (hi + lo) 2^e}.
     *
     * @return {@code {hi, lo, e}} with a relative error below {@code 2^-104}
     */
    public double[] halfStepDoubleDouble() {
        return quotientDoubleDouble(dZ.shiftLeft(1), nZ.multiply(BigInteger.valueOf(params.height())));
    }

    /**
     * {@link #centerFloorFractions(int)} to about 106 bits.
     *
     * @param bits the fractional bits {@code p}
     * @return {@code {reHi, reLo, imHi, imLo}}, each pair within {@code 2^-104} (relative) of the fraction
     */
    public double[] centerFloorFractionsDoubleDouble(int bits) {
        double[] r = quotientDoubleDouble(nRe.shiftLeft(bits).mod(dRe), dRe);
        double[] i = quotientDoubleDouble(nIm.shiftLeft(bits).mod(dIm), dIm);
        return new double[] {Math.scalb(r[0], (int) r[2]), Math.scalb(r[1], (int) r[2]), Math.scalb(i[0], (int) i[2]),
            Math.scalb(i[1], (int) i[2])};
    }

    private static double[] quotientDoubleDouble(BigInteger num, BigInteger den) {
        double[] out = new double[3];
        if (num.signum() == 0) {
            return out;
        }
        int shift = 128 - (num.abs().bitLength() - den.bitLength());
        BigInteger q = (shift >= 0 ? num.shiftLeft(shift) : num.shiftRight(-shift)).divide(den);
        ReferenceOrbit.toDoubleDouble(q, shift, out);
        return out;
    }

    /** {@code num / den} for positive {@code den}, to 62 bits then rounded to a double mantissa. */
    static ExtendedDouble quotient(BigInteger num, BigInteger den) {
        if (num.signum() == 0) {
            return ExtendedDouble.ZERO;
        }
        int shift = 64 - (num.abs().bitLength() - den.bitLength());
        BigInteger q = (shift >= 0 ? num.shiftLeft(shift) : num.shiftRight(-shift)).divide(den);
        return ExtendedDouble.ofFixed(q, shift);
    }
}
