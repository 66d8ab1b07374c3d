package dev.squall.kernels.deep;

import java.math.BigInteger;

/**
 * A real number beyond double's exponent range: a double mantissa and a separate int exponent,
 * {@code mantissa * 2^exponent}. Normalised: the mantissa is 0 (and the exponent 0) or its magnitude is in
 * {@code [1, 2)}. Each operation rounds once or twice, like the double operations it is made of (a relative error of
 * at most {@code 2^-52} per operation), and never underflows or overflows for exponents within an int.
 *
 * <p>The record is for code that runs once per render (tables, bounds); the static methods over a mantissa and an
 * exponent are for the per-pixel loops, which keep both in primitive locals or arrays and allocate nothing.
 *
 * @param mantissa 0, or a double whose magnitude is in {@code [1, 2)}
 * @param exponent the power of 2 the mantissa is scaled by; 0 when the mantissa is 0
 */
public record ExtendedDouble(double mantissa, int exponent) implements Comparable<ExtendedDouble> {
    /** Zero. */
    public static final ExtendedDouble ZERO = new ExtendedDouble(0.0, 0);
    /** One. */
    public static final ExtendedDouble ONE = new ExtendedDouble(1.0, 0);

    /**
     * Checks normalisation.
     *
     * @throws IllegalArgumentException when the mantissa is not finite, not 0 and outside {@code [1, 2)} in
     *     magnitude, or 0 with an exponent other than 0
     */
    public ExtendedDouble {
        double a = Math.abs(mantissa);
        if (!(a == 0.0 ? exponent == 0 : a >= 1.0 && a < 2.0)) {
            throw new IllegalArgumentException("not a normalised mantissa and exponent: " + mantissa + " * 2^" + exponent);
        }
    }

    /**
     * {@code m * 2^e} normalised; {@code m} may be any finite double, subnormals included.
     *
     * @param m the unnormalised mantissa, finite
     * @param e its exponent
     * @return the same value, normalised
     * @throws IllegalArgumentException when {@code m} is infinite or NaN
     */
    public static ExtendedDouble of(double m, long e) {
        if (!Double.isFinite(m)) {
            throw new IllegalArgumentException("not finite: " + m);
        }
        if (m == 0.0) {
            return ZERO;
        }
        int k = exponentOf(m);
        long ex = e + k;
        if (ex > Integer.MAX_VALUE || ex < Integer.MIN_VALUE) {
            throw new ArithmeticException("exponent out of range: " + ex);
        }
        return new ExtendedDouble(Math.scalb(m, -k), (int) ex);
    }

    /**
     * {@return {@code d} as an extended double, exactly}
     *
     * @param d a finite double
     */
    public static ExtendedDouble of(double d) {
        return of(d, 0);
    }

    /**
     * {@code v * 2^-fractionBits} rounded to a double mantissa: the top 62 bits of {@code v} (truncated) rounded once
     * more to 53, so a relative error below {@code 2^-53 + 2^-61}.
     *
     * @param v a fixed-point value
     * @param fractionBits how many of its bits are after the binary point
     * @return its value
     */
    public static ExtendedDouble ofFixed(BigInteger v, int fractionBits) {
        if (v.signum() == 0) {
            return ZERO;
        }
        BigInteger a = v.abs();
        int shift = Math.max(0, a.bitLength() - 62);
        double top = a.shiftRight(shift).doubleValue();
        return of(v.signum() < 0 ? -top : top, (long) shift - fractionBits);
    }

    /**
     * The exponent of a finite nonzero double as this type normalises it: {@code floor(log2 |m|)}, subnormals
     * included.
     *
     * @param m a finite, nonzero double
     * @return {@code k} with {@code |m| * 2^-k} in {@code [1, 2)}
     */
    public static int exponentOf(double m) {
        int k = Math.getExponent(m);
        if (k < Double.MIN_EXPONENT) {
            return Math.getExponent(m * 0x1p200) - 200;
        }
        return k;
    }

    /**
     * {@code m * 2^e} as a double: 0 or a subnormal below double's range, infinite above it.
     *
     * @param m a mantissa
     * @param e its exponent
     * @return the nearest double, or the saturated value
     */
    public static double toDouble(double m, long e) {
        int s = (int) Math.max(-4000, Math.min(4000, e));
        return Math.scalb(m, s);
    }

    /** {@return this value as a double: 0 or subnormal below double's range, infinite above it} */
    public double toDouble() {
        return toDouble(mantissa, exponent);
    }

    /** {@return {@code true} when this is 0} */
    public boolean isZero() {
        return mantissa == 0.0;
    }

    /** {@return {@code -this}} */
    public ExtendedDouble negate() {
        return mantissa == 0.0 ? this : new ExtendedDouble(-mantissa, exponent);
    }

    /** {@return {@code |this|}} */
    public ExtendedDouble abs() {
        return mantissa < 0 ? new ExtendedDouble(-mantissa, exponent) : this;
    }

    /**
     * {@return {@code this * o}, rounded once}
     *
     * @param o the other factor
     */
    public ExtendedDouble multiply(ExtendedDouble o) {
        if (mantissa == 0.0 || o.mantissa == 0.0) {
            return ZERO;
        }
        return of(mantissa * o.mantissa, (long) exponent + o.exponent);
    }

    /**
     * {@return {@code this * d}, rounded once}
     *
     * @param d a finite double
     */
    public ExtendedDouble multiply(double d) {
        return multiply(of(d));
    }

    /**
     * {@return {@code this / o}, rounded once}
     *
     * @param o the divisor, not 0
     */
    public ExtendedDouble divide(ExtendedDouble o) {
        if (o.mantissa == 0.0) {
            throw new ArithmeticException("division by zero");
        }
        if (mantissa == 0.0) {
            return ZERO;
        }
        return of(mantissa / o.mantissa, (long) exponent - o.exponent);
    }

    /**
     * {@return {@code this + o}, rounded once (the smaller operand aligned by an exact power-of-2 scaling, or dropped
     * when it is below half an ulp of the larger)}
     *
     * @param o the other term
     */
    public ExtendedDouble add(ExtendedDouble o) {
        if (o.mantissa == 0.0) {
            return this;
        }
        if (mantissa == 0.0) {
            return o;
        }
        if (exponent >= o.exponent) {
            return of(mantissa + toDouble(o.mantissa, (long) o.exponent - exponent), exponent);
        }
        return of(toDouble(mantissa, (long) exponent - o.exponent) + o.mantissa, o.exponent);
    }

    /**
     * {@return {@code this - o}, rounded once}
     *
     * @param o the term subtracted
     */
    public ExtendedDouble subtract(ExtendedDouble o) {
        return add(o.negate());
    }

    /** {@return {@code sqrt(this)}, rounded once; this must not be negative} */
    public ExtendedDouble sqrt() {
        if (mantissa < 0) {
            throw new ArithmeticException("square root of a negative number");
        }
        if (mantissa == 0.0) {
            return ZERO;
        }
        if ((exponent & 1) == 0) {
            return of(Math.sqrt(mantissa), exponent / 2);
        }
        return of(Math.sqrt(2 * mantissa), Math.floorDiv(exponent, 2));
    }

    /**
     * {@return this value times {@code 1 + 2^-40}, away from 0: an upper bound for a non-negative value that a chain of
     * up to a few thousand roundings to nearest may have made too small}
     */
    public ExtendedDouble up() {
        return mantissa == 0.0 ? this : of(mantissa * (1 + 0x1p-40), exponent);
    }

    /**
     * {@return the larger of this and {@code o}}
     *
     * @param o the other value
     */
    public ExtendedDouble max(ExtendedDouble o) {
        return compareTo(o) >= 0 ? this : o;
    }

    /**
     * {@return the smaller of this and {@code o}}
     *
     * @param o the other value
     */
    public ExtendedDouble min(ExtendedDouble o) {
        return compareTo(o) <= 0 ? this : o;
    }

    /** {@return {@code log2 |this|}, {@code -Infinity} for 0} */
    public double log2() {
        return mantissa == 0.0 ? Double.NEGATIVE_INFINITY : exponent + Math.log(Math.abs(mantissa)) / Math.log(2);
    }

    @Override
    public int compareTo(ExtendedDouble o) {
        int s = Integer.compare(sign(), o.sign());
        if (s != 0 || mantissa == 0.0) {
            return s;
        }
        int mag = exponent != o.exponent ? Integer.compare(exponent, o.exponent)
                : Double.compare(Math.abs(mantissa), Math.abs(o.mantissa));
        return mantissa > 0 ? mag : -mag;
    }

    private int sign() {
        return mantissa > 0 ? 1 : mantissa < 0 ? -1 : 0;
    }

    @Override
    public String toString() {
        return mantissa + "p" + exponent;
    }
}
