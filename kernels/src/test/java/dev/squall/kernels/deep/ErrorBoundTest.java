package dev.squall.kernels.deep;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The safeguard itself: at every bailout check of every tier, the distance between the computed {@code z} and the
 * exact orbit of the pixel's exact {@code c} is at most the bound the loop carries. The exact orbit is the fixed-point
 * one at twice the render's precision (at least 1100 bits, so every double converts exactly); its own error, below
 * {@code 2^-(bits/2)} here, is allowed for.
 */
class ErrorBoundTest {
    /** A pixel's exact orbit, advanced on demand, and the largest ratio of distance to bound seen. */
    private static final class ExactOrbit implements Perturbation.Probe {
        final BigInteger cr;
        final BigInteger ci;
        final int bits;
        final String where;
        BigInteger x = BigInteger.ZERO;
        BigInteger y = BigInteger.ZERO;
        int n;
        int checks;
        double worst;

        ExactOrbit(DeepParams p, int px, int py, String where) {
            this.bits = Math.max(1100, 2 * (p.precisionBits() + DeepRender.ORBIT_EXTRA_BITS));
            ExactCoordinates c = new ExactCoordinates(p);
            this.cr = c.re(px, bits);
            this.ci = c.im(py, bits);
            this.where = where + " pixel (" + px + ", " + py + ")";
        }

        @Override
        public void check(int at, double reHi, double reLo, double imHi, double imLo, double bound) {
            while (n < at) {
                BigInteger xx = x.multiply(x);
                BigInteger yy = y.multiply(y);
                BigInteger xy = x.multiply(y);
                x = xx.subtract(yy).shiftRight(bits).add(cr);
                y = xy.shiftRight(bits - 1).add(ci);
                n++;
            }
            BigInteger dr = fixed(reHi).add(fixed(reLo)).subtract(x);
            BigInteger di = fixed(imHi).add(fixed(imLo)).subtract(y);
            ExtendedDouble a = ExtendedDouble.ofFixed(dr, bits);
            ExtendedDouble b = ExtendedDouble.ofFixed(di, bits);
            ExtendedDouble distance = a.multiply(a).add(b.multiply(b)).sqrt();
            ExtendedDouble allowed = ExtendedDouble.of(bound).add(new ExtendedDouble(1.0, -bits / 2));
            checks++;
            if (distance.compareTo(allowed) > 0) {
                fail(where + " at n = " + at + ": |computed - exact| = " + distance + " > bound " + bound);
            }
            if (bound > 0 && Double.isFinite(bound)) {
                worst = Math.max(worst, distance.divide(ExtendedDouble.of(bound)).toDouble());
            }
        }

        private BigInteger fixed(double v) {
            if (v == 0.0) {
                return BigInteger.ZERO;
            }
            long raw = Double.doubleToRawLongBits(v);
            int exp = (int) ((raw >>> 52) & 0x7ff);
            long mantissa = raw & ((1L << 52) - 1);
            if (exp == 0) {
                exp = 1;
            } else {
                mantissa |= 1L << 52;
            }
            BigInteger m = BigInteger.valueOf(v < 0 ? -mantissa : mantissa);
            int shift = exp - 1075 + bits;
            if (shift < 0) {
                throw new AssertionError("not exact in " + bits + " bits: " + v);
            }
            return m.shiftLeft(shift);
        }
    }

    private record Pieces(ReferenceOrbit orbit, BlaTable table, ExactCoordinates coordinates, int bits) {
        static Pieces of(DeepParams p, boolean bla) {
            int bits = p.precisionBits() + DeepRender.ORBIT_EXTRA_BITS;
            ReferenceOrbit orbit = ReferenceOrbit.ofCenter(p, bits);
            ExactCoordinates c = new ExactCoordinates(p);
            ExtendedDouble maxDc = c.halfStep().multiply(p.width() + p.height())
                    .add(new ExtendedDouble(1.0, 1 - bits)).multiply(1 + 0x1p-45).up();
            return new Pieces(orbit, bla ? BlaTable.build(orbit, maxDc) : null, c, bits);
        }
    }

    private static void checkEveryTier(DeepParams p, int[][] pixels) {
        for (boolean bla : new boolean[] {true, false}) {
            Pieces k = Pieces.of(p, bla);
            for (boolean scaled : new boolean[] {false, true}) {
                Perturbation first = new Perturbation(k.orbit(), k.table(), p.maxIter(), scaled,
                        k.coordinates().halfStep(), k.coordinates().centerFloorFractions(k.bits()));
                DoubleDoublePerturbation second = new DoubleDoublePerturbation(k.orbit(), p.maxIter(), scaled,
                        k.coordinates().halfStepDoubleDouble(), k.coordinates().centerFloorFractionsDoubleDouble(k.bits()));
                for (int[] px : pixels) {
                    String where = (bla ? "bla" : "no bla") + (scaled ? " extended" : " double");
                    int kx = 2 * px[0] - p.width();
                    int ky = p.height() - 2 * px[1];
                    ExactOrbit one = new ExactOrbit(p, px[0], px[1], "first tier " + where);
                    first.probe(one).count(kx, ky, new Perturbation.Counters());
                    assertTrue(one.checks > 0);
                    if (!bla) {
                        ExactOrbit two = new ExactOrbit(p, px[0], px[1], "second tier " + where);
                        second.probe(two).count(kx, ky, new Perturbation.Counters());
                        assertTrue(two.checks > 0);
                    }
                }
            }
        }
    }

    @Test
    void boundsHoldAtEveryCheckAtZoom5e113IncludingThePixelsTheFirstTierGivesUpOn() {
        // (2, 1), (23, 7) and (16, 22) are pixels whose first-tier bound grows past 1e-3, near the largest here.
        checkEveryTier(DeepCases.E113, new int[][] {{2, 1}, {23, 7}, {16, 22}, {0, 0}, {17, 15}, {31, 30}});
    }

    @Test
    void boundsHoldAtEveryCheckAtZoom1e14WhereTheReferenceEscapesEarly() {
        checkEveryTier(DeepCases.E14, new int[][] {{0, 0}, {9, 20}, {31, 31}, {16, 16}});
    }

    @Test
    void boundsHoldAtEveryCheckBeyondDoubleRange() {
        DeepParams p = new DeepParams(16, 16, 3000, DeepView.parse("3.1e-321", "1", "1e320"));
        checkEveryTier(p, new int[][] {{0, 0}, {3, 11}, {15, 8}});
    }
}
