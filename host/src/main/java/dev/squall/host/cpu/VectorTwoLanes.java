package dev.squall.host.cpu;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.kernels.mandelbrot.Formula;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The f64 rows of every formula where a vector holds two doubles (128-bit vectors: NEON, SSE-only x86,
 * {@code -XX:MaxVectorSize=16}), with no {@code VectorMask} at all. On two-lane doubles C2 does not intrinsify masks
 * (compares, masked adds, blends, {@code anyTrue}): each costs 17-29 ns instead of 1-2, and the mask-based loops ran
 * 40 times slower than at 256 bits (the seed view at 0.045 Giter/s; BENCHMARKS.md). Here a lane's state is a long
 * of all ones (live) or zero, made from sign bits: {@code 4 - (x*x + y*y)} is negative exactly when the lane
 * escapes (the state of a live lane is finite, so no NaN or infinity reaches the test before the lane has escaped);
 * a count goes up by subtracting the live lanes' -1. The cycle shortcut's checked steps (from step 256) run lane by
 * lane in scalar code. Same steps, same order, same shortcut: the counts and the iterations executed are those of
 * the other loops.
 */
final class VectorTwoLanes {
    private static final VectorSpecies<Double> F64 = VectorMandelbrot.F64;
    private static final VectorSpecies<Long> LANES = LongVector.SPECIES_PREFERRED.withShape(F64.vectorShape());
    private static final int CHECK_FROM = VectorMandelbrot.CHECK_FROM;

    private VectorTwoLanes() {
    }

    /** Whether this JVM's preferred f64 vectors are the two-lane kind that needs this loop. */
    static boolean needed() {
        return F64.length() == 2 && LANES.length() == 2;
    }

    /** -1 in the lanes where {@code v} is negative (sign bit set), else 0. */
    private static LongVector negative(DoubleVector v) {
        return ((LongVector) v.viewAsIntegralLanes()).lanewise(VectorOperators.ASHR, 63);
    }

    /** One row of {@code formula} in f64 into {@code out} from {@code outIndex}; returns the iterations executed. */
    static long rowF64(Formula formula, double[] xs, double y0Scalar, int maxIter, boolean cycles,
            MemorySegment out, long outIndex) {
        int width = xs.length;
        boolean julia = formula instanceof Formula.Julia;
        int power = formula instanceof Formula.Multibrot m ? m.power() : 2;
        int code = formula.code();
        DoubleVector y0 = DoubleVector.broadcast(F64, y0Scalar);
        DoubleVector ay = julia ? DoubleVector.broadcast(F64, ((Formula.Julia) formula).ci()) : y0;
        DoubleVector cr = julia ? DoubleVector.broadcast(F64, ((Formula.Julia) formula).cr()) : null;
        DoubleVector zero = DoubleVector.zero(F64);
        DoubleVector four = DoubleVector.broadcast(F64, 4.0);
        LongVector none = LongVector.zero(LANES);
        int plain = cycles ? Math.min(maxIter, CHECK_FROM - 1) : maxIter;
        double[] quad = new double[4];
        long[] counts = new long[4];
        long[] repeats = new long[4];
        long executed = 0;
        // Two vectors (four pixels) a step: one vector's chain of dependent multiplies and adds leaves the core idle
        // most of each step; two independent chains overlap (the other loops do the same with wider vectors).
        for (int px = 0; px < width; px += 4) {
            int valid = Math.min(4, width - px);
            for (int k = 0; k < 4; k++) {
                quad[k] = xs[px + Math.min(k, valid - 1)];
            }
            DoubleVector x0a = DoubleVector.fromArray(F64, quad, 0);
            DoubleVector x0b = DoubleVector.fromArray(F64, quad, 2);
            DoubleVector axa = julia ? cr : x0a;
            DoubleVector axb = julia ? cr : x0b;
            DoubleVector xa = julia ? x0a : zero;
            DoubleVector xb = julia ? x0b : zero;
            DoubleVector ya = julia ? y0 : zero;
            DoubleVector yb = julia ? y0 : zero;
            LongVector na = none;
            LongVector nb = none;
            // Lanes past the row's end repeat its last pixel: they run, but are neither stored nor counted.
            LongVector activeA = LongVector.broadcast(LANES, -1L);
            LongVector activeB = activeA;
            int i = 0;
            // The plain steps (all of them without the shortcut), then the checked ones: two loops, not one with
            // an if, since C2 boxes the vectors merged after a branch taken both ways (see VectorFormulas).
            for (; i < plain; i++) {
                DoubleVector xxa = xa.mul(xa);
                DoubleVector yya = ya.mul(ya);
                DoubleVector xxb = xb.mul(xb);
                DoubleVector yyb = yb.mul(yb);
                activeA = activeA.and(negative(four.sub(xxa.add(yya))).not());
                activeB = activeB.and(negative(four.sub(xxb.add(yyb))).not());
                if (activeA.or(activeB).reduceLanes(VectorOperators.OR) == 0) {
                    break;
                }
                DoubleVector nxa;
                DoubleVector nya;
                DoubleVector nxb;
                DoubleVector nyb;
                switch (code) {
                    case 0, 1 -> { // mandelbrot, julia
                        nxa = xxa.sub(yya).add(axa);
                        nxb = xxb.sub(yyb).add(axb);
                        nya = xa.mul(2.0).mul(ya).add(ay);
                        nyb = xb.mul(2.0).mul(yb).add(ay);
                    }
                    case 2 -> { // burning ship
                        nxa = xxa.sub(yya).add(axa);
                        nxb = xxb.sub(yyb).add(axb);
                        nya = xa.abs().mul(2.0).mul(ya.abs()).add(ay);
                        nyb = xb.abs().mul(2.0).mul(yb.abs()).add(ay);
                    }
                    case 3 -> { // tricorn
                        nxa = xxa.sub(yya).add(axa);
                        nxb = xxb.sub(yyb).add(axb);
                        nya = xa.mul(-2.0).mul(ya).add(ay);
                        nyb = xb.mul(-2.0).mul(yb).add(ay);
                    }
                    default -> { // multibrot
                        DoubleVector pra = xa;
                        DoubleVector pia = ya;
                        DoubleVector prb = xb;
                        DoubleVector pib = yb;
                        for (int k = 1; k < power; k++) {
                            DoubleVector ra = pra.mul(xa).sub(pia.mul(ya));
                            DoubleVector rb = prb.mul(xb).sub(pib.mul(yb));
                            pia = pra.mul(ya).add(pia.mul(xa));
                            pib = prb.mul(yb).add(pib.mul(xb));
                            pra = ra;
                            prb = rb;
                        }
                        nxa = pra.add(axa);
                        nxb = prb.add(axb);
                        nya = pia.add(ay);
                        nyb = pib.add(ay);
                    }
                }
                xa = nxa;
                ya = nya;
                xb = nxb;
                yb = nyb;
                na = na.sub(activeA);
                nb = nb.sub(activeB);
            }
            na.intoArray(counts, 0);
            nb.intoArray(counts, 2);
            java.util.Arrays.fill(repeats, 0);
            if (i == plain && plain < maxIter) {
                // The checked steps, lane by lane in scalar code: in vectors they ran 15 times slower than the
                // plain ones here (C2 kept some of their two-lane vectors boxed), and the lanes still live after
                // the plain steps are few (mostly the set's interior, which the check then stops soon).
                long[] live = new long[4];
                activeA.intoArray(live, 0);
                activeB.intoArray(live, 2);
                double[] sx = new double[4];
                double[] sy = new double[4];
                xa.intoArray(sx, 0);
                xb.intoArray(sx, 2);
                ya.intoArray(sy, 0);
                yb.intoArray(sy, 2);
                for (int lane = 0; lane < valid; lane++) {
                    if (live[lane] != 0) {
                        double cx = julia ? ((Formula.Julia) formula).cr() : quad[lane];
                        double cy = julia ? ((Formula.Julia) formula).ci() : y0Scalar;
                        double startX = julia ? quad[lane] : 0.0;
                        double startY = julia ? y0Scalar : 0.0;
                        long finished = ScalarRows.orbit(code, power, sx[lane], sy[lane], startX, startY, cx, cy,
                                plain, plain, maxIter);
                        counts[lane] = finished < 0 ? -finished : finished;
                        repeats[lane] = finished < 0 ? -1 : 0;
                    }
                }
            }
            for (int lane = 0; lane < valid; lane++) {
                executed += counts[lane];
                out.setAtIndex(CountsBuffer.COUNT, outIndex + px + lane,
                        repeats[lane] != 0 ? maxIter : (int) counts[lane]);
            }
        }
        return executed;
    }
}
