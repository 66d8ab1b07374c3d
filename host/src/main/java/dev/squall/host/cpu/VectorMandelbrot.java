package dev.squall.host.cpu;

import dev.squall.kernels.mandelbrot.MandelbrotKernel;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Mandelbrot loop on the Java Vector API: one row at a time, as many pixels per step as the CPU's widest
 * vector holds (8 doubles or 16 floats with AVX-512), two vectors at a time so that their chains of dependent
 * multiplies and adds overlap (one vector's steps each wait for the previous one); f32 above max-iter 2^20 one
 * vector at a time. Each lane does exactly the reference's operations in the same order: {@code x*x}, {@code y*y},
 * their sum against 4, {@code (x*x - y*y) + x0}, {@code (2*x)*y + y0}; none is fused. In f64, {@code 2*x} is
 * taken as {@code x + x} (the same double: an add leaves the multiplier ports to the three products), and the plain
 * steps ask whether any lane is still live every fourth step only (a lane stops counting at its own step
 * regardless), as the native peer does: 2-4 % on AVX2 together. The same two changes made the f32 pairs slower at
 * the no-interior view on 2 cores there (BENCHMARKS.md), so those keep the seed's form. A lane stops counting when it
 * escapes; a pair of vectors steps on until every lane of both has (a vector with no live lane left goes on beside
 * the other, its steps counted nowhere: on AVX2 that ran the seed view 1.1-1.3x faster than leaving the other to a
 * loop of its own; BENCHMARKS.md).
 *
 * <p><b>Exact cycle shortcut (Brent).</b> From step {@link #CHECK_FROM} on, after every fourth step
 * ({@link MandelbrotKernel#CYCLE_CHECK_EVERY}), the new state is compared with the one saved at the last power of two
 * (the start state, 0, before the first save). Equal bits mean the orbit has
 * entered a cycle of states that all passed the escape test, and the map is
 * deterministic, so it never escapes: the count is {@code maxIter}, as the full loop would have found. Comparing
 * with {@code ==} treats {@code -0.0} and {@code +0.0} as equal: two states that differ only in the sign of a zero
 * coordinate have orbits of identical magnitudes (zeros' signs only reach other zeros' signs), so the counts agree.
 * NaN never compares equal, and a lane holding one has escaped anyway.
 */
final class VectorMandelbrot {
    static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;
    /** See {@link MandelbrotKernel#CYCLE_CHECK_FROM}: the same on every backend. */
    static final int CHECK_FROM = MandelbrotKernel.CYCLE_CHECK_FROM;
    /** See {@link MandelbrotKernel#CYCLE_CHECK_EVERY}: compared after step {@code k} (from 0) when {@code (k & EVERY) == EVERY}. */
    static final int EVERY = MandelbrotKernel.CYCLE_CHECK_EVERY - 1;

    /** Counts of the f32 lanes: as many ints as floats. */
    private static final VectorSpecies<Integer> F32_COUNTS = VectorSpecies.of(int.class, F32.vectorShape());
    /** Counts of the f64 lanes once converted: as many ints as doubles, in half the bits. */
    private static final VectorSpecies<Integer> F64_COUNTS = IntVector.SPECIES_PREFERRED.withShape(
            jdk.incubator.vector.VectorShape.forBitSize(F64.vectorBitSize() / 2));
    /** The f32 counts widened to long, half of them at a time, for summing without overflow. */
    private static final VectorSpecies<Long> F32_EXECUTED = VectorSpecies.of(long.class, F32.vectorShape());

    /**
     * The largest max-iter for float counters: 2^20, so that a count (at most 2^20) and the sum of a vector's 16
     * counts (at most 2^24) are integers a float holds exactly.
     */
    private static final int FLOAT_COUNTS_LIMIT = 1 << 20;

    /**
     * Added to a lane's count when the shortcut catches it, in place of a mask of caught lanes per vector: two
     * values fewer held through the checked steps (AVX2 has 16 vector registers). Above any count (max-iter is an
     * int), and count + it exact in a double.
     */
    private static final double CYCLED_F64 = 0x1p40;
    /** As {@link #CYCLED_F64} for the float counts: above {@link #FLOAT_COUNTS_LIMIT}, and count + it below 2^22. */
    private static final float CYCLED_F32 = 0x1p21f;

    private VectorMandelbrot() {
    }

    /**
     * Counts of one row into {@code out} from index {@code outIndex}; returns the iterations actually executed
     * (those the cycle shortcut skipped are counted in the result but not here).
     */
    static long rowF64(double[] xs, double y0Scalar, int maxIter, boolean cycles, MemorySegment out, long outIndex) {
        int width = xs.length;
        int lanes = F64.length();
        long executed = 0;
        DoubleVector y0 = DoubleVector.broadcast(F64, y0Scalar);
        DoubleVector zero = DoubleVector.zero(F64);
        int plain = cycles ? Math.min(maxIter, CHECK_FROM - 1) : maxIter;
        // Two vectors at a time through the plain steps: their chains of dependent operations interleave, which one
        // vector's cannot (each step waits for the previous one's multiplies and adds).
        for (int px = 0; px < width; px += 2 * lanes) {
            VectorMask<Double> inA = F64.indexInRange(px, width);
            VectorMask<Double> inB = F64.indexInRange(px + lanes, width);
            DoubleVector x0a = DoubleVector.fromArray(F64, xs, px, inA);
            DoubleVector x0b = DoubleVector.fromArray(F64, xs, px + lanes, inB);
            DoubleVector xa = zero;
            DoubleVector ya = zero;
            DoubleVector xb = zero;
            DoubleVector yb = zero;
            DoubleVector na = zero;
            DoubleVector nb = zero;
            VectorMask<Double> activeA = inA;
            VectorMask<Double> activeB = inB;
            int i = 0;
            for (; i < plain; i++) {
                DoubleVector xxa = xa.mul(xa);
                DoubleVector yya = ya.mul(ya);
                DoubleVector xxb = xb.mul(xb);
                DoubleVector yyb = yb.mul(yb);
                activeA = activeA.and(xxa.add(yya).compare(VectorOperators.LE, 4.0));
                activeB = activeB.and(xxb.add(yyb).compare(VectorOperators.LE, 4.0));
                if ((i & 3) == 0 && !activeA.or(activeB).anyTrue()) {
                    break;
                }
                DoubleVector ta = xxa.sub(yya).add(x0a);
                DoubleVector tb = xxb.sub(yyb).add(x0b);
                ya = xa.add(xa).mul(ya).add(y0);
                yb = xb.add(xb).mul(yb).add(y0);
                xa = ta;
                xb = tb;
                na = na.add(1.0, activeA);
                nb = nb.add(1.0, activeB);
            }
            if (i == plain) {
                // Both vectors through the checked steps until neither has a live lane.
                DoubleVector savedXa = zero;
                DoubleVector savedYa = zero;
                DoubleVector savedXb = zero;
                DoubleVector savedYb = zero;
                int k = i;
                int saveAt = CHECK_FROM;
                for (; k < maxIter; k++) {
                    DoubleVector xxa = xa.mul(xa);
                    DoubleVector yya = ya.mul(ya);
                    DoubleVector xxb = xb.mul(xb);
                    DoubleVector yyb = yb.mul(yb);
                    activeA = activeA.and(xxa.add(yya).compare(VectorOperators.LE, 4.0));
                    activeB = activeB.and(xxb.add(yyb).compare(VectorOperators.LE, 4.0));
                    if (!activeA.or(activeB).anyTrue()) {
                        break;
                    }
                    DoubleVector ta = xxa.sub(yya).add(x0a);
                    DoubleVector tb = xxb.sub(yyb).add(x0b);
                    ya = xa.add(xa).mul(ya).add(y0);
                    yb = xb.add(xb).mul(yb).add(y0);
                    xa = ta;
                    xb = tb;
                    na = na.add(1.0, activeA);
                    nb = nb.add(1.0, activeB);
                    if ((k & EVERY) == EVERY) {
                        // x alone first: where no lane's x repeats, no state does (the usual case away from the
                        // set), and the rest of the compare is skipped.
                        VectorMask<Double> sameA = xa.compare(VectorOperators.EQ, savedXa);
                        VectorMask<Double> sameB = xb.compare(VectorOperators.EQ, savedXb);
                        if (sameA.or(sameB).anyTrue()) {
                            VectorMask<Double> repeatA = sameA.and(ya.compare(VectorOperators.EQ, savedYa))
                                    .and(activeA);
                            VectorMask<Double> repeatB = sameB.and(yb.compare(VectorOperators.EQ, savedYb))
                                    .and(activeB);
                            na = na.add(CYCLED_F64, repeatA);
                            nb = nb.add(CYCLED_F64, repeatB);
                            activeA = activeA.andNot(repeatA);
                            activeB = activeB.andNot(repeatB);
                        }
                        // saveAt is a power of two from CHECK_FROM (a multiple of 4) on: only ever here.
                        if (k + 1 == saveAt) {
                            savedXa = xa;
                            savedYa = ya;
                            savedXb = xb;
                            savedYb = yb;
                            saveAt <<= 1;
                        }
                    }
                }
            }
            // A lane caught in a cycle carries CYCLED_F64 on top of the steps it executed.
            VectorMask<Double> cycledA = na.compare(VectorOperators.GE, CYCLED_F64);
            VectorMask<Double> cycledB = nb.compare(VectorOperators.GE, CYCLED_F64);
            na = na.sub(CYCLED_F64, cycledA);
            nb = nb.sub(CYCLED_F64, cycledB);
            executed += (long) na.reduceLanes(VectorOperators.ADD) + (long) nb.reduceLanes(VectorOperators.ADD);
            ((IntVector) na.blend((double) maxIter, cycledA).convertShape(VectorOperators.D2I, F64_COUNTS, 0))
                    .intoMemorySegment(out, (outIndex + px) * Integer.BYTES, ByteOrder.LITTLE_ENDIAN,
                            inA.cast(F64_COUNTS));
            if (px + lanes < width) {
                ((IntVector) nb.blend((double) maxIter, cycledB).convertShape(VectorOperators.D2I, F64_COUNTS, 0))
                        .intoMemorySegment(out, (outIndex + px + lanes) * Integer.BYTES, ByteOrder.LITTLE_ENDIAN,
                                inB.cast(F64_COUNTS));
            }
        }
        return executed;
    }

    /**
     * {@link #rowF64} in single precision for {@code maxIter} up to {@link #FLOAT_COUNTS_LIMIT}, with counts in
     * float lanes, exact there; the code is then rowF64's. (With int counters, or with more code after the loops,
     * the two-vector form ran 10-50 % slower and varied from one JVM to the next: larger limits take
     * {@link #rowF32}'s one vector at a time.)
     */
    private static long rowF32Pairs(float[] xs, float y0Scalar, int maxIter, boolean cycles, MemorySegment out, long outIndex) {
        int width = xs.length;
        int lanes = F32.length();
        long executed = 0;
        FloatVector y0 = FloatVector.broadcast(F32, y0Scalar);
        FloatVector zero = FloatVector.zero(F32);
        int plain = cycles ? Math.min(maxIter, CHECK_FROM - 1) : maxIter;
        // Two vectors at a time through the plain steps: their chains of dependent operations interleave, which one
        // vector's cannot (each step waits for the previous one's multiplies and adds).
        for (int px = 0; px < width; px += 2 * lanes) {
            VectorMask<Float> inA = F32.indexInRange(px, width);
            VectorMask<Float> inB = F32.indexInRange(px + lanes, width);
            FloatVector x0a = FloatVector.fromArray(F32, xs, px, inA);
            FloatVector x0b = FloatVector.fromArray(F32, xs, px + lanes, inB);
            FloatVector xa = zero;
            FloatVector ya = zero;
            FloatVector xb = zero;
            FloatVector yb = zero;
            FloatVector na = zero;
            FloatVector nb = zero;
            VectorMask<Float> activeA = inA;
            VectorMask<Float> activeB = inB;
            int i = 0;
            for (; i < plain; i++) {
                FloatVector xxa = xa.mul(xa);
                FloatVector yya = ya.mul(ya);
                FloatVector xxb = xb.mul(xb);
                FloatVector yyb = yb.mul(yb);
                activeA = activeA.and(xxa.add(yya).compare(VectorOperators.LE, 4.0f));
                activeB = activeB.and(xxb.add(yyb).compare(VectorOperators.LE, 4.0f));
                if (!activeA.or(activeB).anyTrue()) {
                    break;
                }
                FloatVector ta = xxa.sub(yya).add(x0a);
                FloatVector tb = xxb.sub(yyb).add(x0b);
                ya = xa.mul(2.0f).mul(ya).add(y0);
                yb = xb.mul(2.0f).mul(yb).add(y0);
                xa = ta;
                xb = tb;
                na = na.add(1.0f, activeA);
                nb = nb.add(1.0f, activeB);
            }
            if (i == plain) {
                // Both vectors through the checked steps until neither has a live lane.
                FloatVector savedXa = zero;
                FloatVector savedYa = zero;
                FloatVector savedXb = zero;
                FloatVector savedYb = zero;
                int k = i;
                int saveAt = CHECK_FROM;
                for (; k < maxIter; k++) {
                    FloatVector xxa = xa.mul(xa);
                    FloatVector yya = ya.mul(ya);
                    FloatVector xxb = xb.mul(xb);
                    FloatVector yyb = yb.mul(yb);
                    activeA = activeA.and(xxa.add(yya).compare(VectorOperators.LE, 4.0f));
                    activeB = activeB.and(xxb.add(yyb).compare(VectorOperators.LE, 4.0f));
                    if (!activeA.or(activeB).anyTrue()) {
                        break;
                    }
                    FloatVector ta = xxa.sub(yya).add(x0a);
                    FloatVector tb = xxb.sub(yyb).add(x0b);
                    ya = xa.mul(2.0f).mul(ya).add(y0);
                    yb = xb.mul(2.0f).mul(yb).add(y0);
                    xa = ta;
                    xb = tb;
                    na = na.add(1.0f, activeA);
                    nb = nb.add(1.0f, activeB);
                    if ((k & EVERY) == EVERY) {
                        // x alone first: where no lane's x repeats, no state does (the usual case away from the
                        // set), and the rest of the compare is skipped.
                        VectorMask<Float> sameA = xa.compare(VectorOperators.EQ, savedXa);
                        VectorMask<Float> sameB = xb.compare(VectorOperators.EQ, savedXb);
                        if (sameA.or(sameB).anyTrue()) {
                            VectorMask<Float> repeatA = sameA.and(ya.compare(VectorOperators.EQ, savedYa))
                                    .and(activeA);
                            VectorMask<Float> repeatB = sameB.and(yb.compare(VectorOperators.EQ, savedYb))
                                    .and(activeB);
                            na = na.add(CYCLED_F32, repeatA);
                            nb = nb.add(CYCLED_F32, repeatB);
                            activeA = activeA.andNot(repeatA);
                            activeB = activeB.andNot(repeatB);
                        }
                        // saveAt is a power of two from CHECK_FROM (a multiple of 4) on: only ever here.
                        if (k + 1 == saveAt) {
                            savedXa = xa;
                            savedYa = ya;
                            savedXb = xb;
                            savedYb = yb;
                            saveAt <<= 1;
                        }
                    }
                }
            }
            // A lane caught in a cycle carries CYCLED_F32 on top of the steps it executed (below 2^22: exact).
            VectorMask<Float> cycledA = na.compare(VectorOperators.GE, CYCLED_F32);
            VectorMask<Float> cycledB = nb.compare(VectorOperators.GE, CYCLED_F32);
            na = na.sub(CYCLED_F32, cycledA);
            nb = nb.sub(CYCLED_F32, cycledB);
            // Exact: 16 counts of at most 2^20 and every partial sum stay within float's 2^24.
            executed += (long) na.reduceLanes(VectorOperators.ADD) + (long) nb.reduceLanes(VectorOperators.ADD);
            ((IntVector) na.blend((float) maxIter, cycledA).convertShape(VectorOperators.F2I, F32_COUNTS, 0))
                    .intoMemorySegment(out, (outIndex + px) * Integer.BYTES, ByteOrder.LITTLE_ENDIAN,
                            inA.cast(F32_COUNTS));
            if (px + lanes < width) {
                ((IntVector) nb.blend((float) maxIter, cycledB).convertShape(VectorOperators.F2I, F32_COUNTS, 0))
                        .intoMemorySegment(out, (outIndex + px + lanes) * Integer.BYTES, ByteOrder.LITTLE_ENDIAN,
                                inB.cast(F32_COUNTS));
            }
        }
        return executed;
    }

    /**
     * {@link #rowF64} in single precision: for {@code maxIter} above {@link #FLOAT_COUNTS_LIMIT} one vector at a
     * time, with counts in int lanes; up to it, {@link #rowF32Pairs}.
     */
    static long rowF32(float[] xs, float y0Scalar, int maxIter, boolean cycles, MemorySegment out, long outIndex) {
        if (maxIter <= FLOAT_COUNTS_LIMIT) {
            return rowF32Pairs(xs, y0Scalar, maxIter, cycles, out, outIndex);
        }
        int width = xs.length;
        long executed = 0;
        FloatVector y0 = FloatVector.broadcast(F32, y0Scalar);
        FloatVector zero = FloatVector.zero(F32);
        IntVector one = IntVector.broadcast(F32_COUNTS, 1);
        for (int px = 0; px < width; px += F32.length()) {
            VectorMask<Float> inRange = F32.indexInRange(px, width);
            FloatVector x0 = FloatVector.fromArray(F32, xs, px, inRange);
            FloatVector x = zero;
            FloatVector y = zero;
            FloatVector savedX = zero;
            FloatVector savedY = zero;
            IntVector n = IntVector.zero(F32_COUNTS);
            VectorMask<Float> active = inRange;
            VectorMask<Float> cycled = F32.maskAll(false);
            int plain = cycles ? Math.min(maxIter, CHECK_FROM - 1) : maxIter;
            int i = 0;
            for (; i < plain; i++) {
                FloatVector xx = x.mul(x);
                FloatVector yy = y.mul(y);
                active = active.and(xx.add(yy).compare(VectorOperators.LE, 4.0f));
                if (!active.anyTrue()) {
                    break;
                }
                FloatVector t = xx.sub(yy).add(x0);
                y = x.mul(2.0f).mul(y).add(y0);
                x = t;
                n = n.add(one, active.cast(F32_COUNTS));
            }
            for (int saveAt = CHECK_FROM; i == plain && i < maxIter; i++, plain++) {
                FloatVector xx = x.mul(x);
                FloatVector yy = y.mul(y);
                active = active.and(xx.add(yy).compare(VectorOperators.LE, 4.0f));
                if (!active.anyTrue()) {
                    break;
                }
                FloatVector t = xx.sub(yy).add(x0);
                y = x.mul(2.0f).mul(y).add(y0);
                x = t;
                n = n.add(one, active.cast(F32_COUNTS));
                // No branch of its own: lanes that repeat leave `active`; the next step's test ends the loop.
                if ((i & EVERY) == EVERY) {
                    VectorMask<Float> repeat = x.compare(VectorOperators.EQ, savedX)
                            .and(y.compare(VectorOperators.EQ, savedY)).and(active);
                    cycled = cycled.or(repeat);
                    active = active.andNot(repeat);
                }
                if (i + 1 == saveAt) {
                    savedX = x;
                    savedY = y;
                    saveAt <<= 1;
                }
            }
            executed += sumCounts(n);
            n.blend(maxIter, cycled.cast(F32_COUNTS)).intoMemorySegment(out, (outIndex + px) * Integer.BYTES,
                    ByteOrder.LITTLE_ENDIAN, inRange.cast(F32_COUNTS));
        }
        return executed;
    }

    /** The sum of 16 int counts in long lanes, half at a time: 16 counts of up to 2^31 overflow an int. */
    private static long sumCounts(IntVector n) {
        return n.convertShape(VectorOperators.I2L, F32_EXECUTED, 0).reduceLanesToLong(VectorOperators.ADD)
                + n.convertShape(VectorOperators.I2L, F32_EXECUTED, 1).reduceLanesToLong(VectorOperators.ADD);
    }
}
