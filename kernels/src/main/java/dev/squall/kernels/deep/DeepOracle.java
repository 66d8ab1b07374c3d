package dev.squall.kernels.deep;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ground truth of shared/reference/deep-zoom.md by arbitrary precision: for each pixel, iterate in fixed point at
 * the first precision {@code p} ({@link DeepParams#precisionBits()}), then at {@code 2p}, doubling until two
 * consecutive precisions give the same count, which is the pixel's count.
 *
 * <p>Fixed point: a real number {@code x} is the BigInteger {@code X} with {@code x ~ X * 2^-p}. The pixel's
 * {@code c} is {@code floor(c * 2^p)} of the exact rational (within {@code 2^-p} below it per axis). One step computes
 * {@code X^2}, {@code Y^2} and {@code (X + Y)^2} exactly, then
 * {@code X' = floor((X^2 - Y^2) / 2^p) + Cr} and {@code Y' = floor(((X + Y)^2 - X^2 - Y^2) / 2^p) + Ci}: one floor per
 * component and step, so each step adds less than {@code 2^-p} of error per component. The bailout compares the
 * exact square of the fixed-point {@code z}, {@code X^2 + Y^2 <= 4 * 2^(2p)}, before each step, with the same
 * squares the step then uses.
 *
 * <p>This is the verifier and the test oracle, and it is what {@link DeepRender} falls back on for every pixel whose
 * count it cannot prove. Its cost is about three squarings of {@code p}-bit integers per iteration and precision.
 */
public final class DeepOracle {
    private final DeepParams params;
    private final ExactCoordinates coordinates;
    private final int firstBits;
    private final AtomicInteger mostBits = new AtomicInteger();

    /**
     * The oracle of one render.
     *
     * @param params the render
     */
    public DeepOracle(DeepParams params) {
        this.params = params;
        this.coordinates = new ExactCoordinates(params);
        this.firstBits = params.precisionBits();
    }

    /** {@return the render} */
    public DeepParams params() {
        return params;
    }

    /** {@return the first precision, in fractional bits} */
    public int firstBits() {
        return firstBits;
    }

    /** {@return the highest precision any pixel so far needed before two precisions agreed, in fractional bits} */
    public int mostBitsUsed() {
        return mostBits.get();
    }

    /**
     * The count of one pixel: deep-zoom.md's doubling, from {@link #firstBits()}.
     *
     * @param px the column, from 0
     * @param py the row, from 0 (the top)
     * @return the count, from 0 to {@code maxIter}
     */
    public int count(int px, int py) {
        int bits = firstBits;
        int previous = iterate(coordinates.re(px, bits), coordinates.im(py, bits), bits, params.maxIter());
        while (true) {
            int next = 2 * bits;
            int current = iterate(coordinates.re(px, next), coordinates.im(py, next), next, params.maxIter());
            if (current == previous) {
                mostBits.accumulateAndGet(next, Math::max);
                return current;
            }
            previous = current;
            bits = next;
        }
    }

    /**
     * Rows {@code [firstRow, firstRow + rows)}, row-major.
     *
     * @param firstRow the first row, from 0 (the top)
     * @param rows how many rows
     * @param threads how many threads compute them, at least 1
     * @return {@code rows * width} counts
     */
    public int[] render(int firstRow, int rows, int threads) {
        int w = params.width();
        int[] counts = new int[rows * w];
        AtomicInteger next = new AtomicInteger();
        DeepRender.runAll(() -> {
            for (int i = next.getAndIncrement(); i < counts.length; i = next.getAndIncrement()) {
                counts[i] = count(i % w, firstRow + i / w);
            }
        }, threads);
        return counts;
    }

    /**
     * The escape count of {@code c = (cr, ci) * 2^-bits} in {@code bits}-bit fixed point, as the class describes.
     *
     * @param cr the real part of {@code c}, scaled by {@code 2^bits}
     * @param ci the imaginary part of {@code c}, scaled by {@code 2^bits}
     * @param bits the fractional bits
     * @param maxIter the most steps
     * @return the steps run, from 0 to {@code maxIter}
     */
    public static int iterate(BigInteger cr, BigInteger ci, int bits, int maxIter) {
        BigInteger four = BigInteger.ONE.shiftLeft(2 * bits + 2);
        BigInteger x = BigInteger.ZERO;
        BigInteger y = BigInteger.ZERO;
        int n = 0;
        while (n < maxIter) {
            BigInteger xx = x.multiply(x);
            BigInteger yy = y.multiply(y);
            BigInteger norm = xx.add(yy);
            if (norm.compareTo(four) > 0) {
                break;
            }
            BigInteger s = x.add(y);
            BigInteger ss = s.multiply(s);
            x = xx.subtract(yy).shiftRight(bits).add(cr);
            y = ss.subtract(norm).shiftRight(bits).add(ci);
            n++;
        }
        return n;
    }
}
