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
 * vector holds (8 doubles or 16 floats with AVX-512). Each lane does exactly the reference's operations in the same
 * order: {@code x*x}, {@code y*y}, their sum against 4, {@code (x*x - y*y) + x0}, {@code (2*x)*y + y0}; none is
 * fused. A lane stops counting when it escapes; the vector stops when every lane has.
 *
 * <p><b>Exact cycle shortcut (Brent).</b> From step {@link #CHECK_FROM} on, each new state is compared with the
 * one saved at the last power of two (the start state, 0, before the first save). Equal bits mean the orbit has entered a cycle of states that all passed the escape test, and the map is
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

    /** Counts of the f32 lanes: as many ints as floats. */
    private static final VectorSpecies<Integer> F32_COUNTS = VectorSpecies.of(int.class, F32.vectorShape());
    /** Counts of the f64 lanes once converted: as many ints as doubles, in half the bits. */
    private static final VectorSpecies<Integer> F64_COUNTS = IntVector.SPECIES_PREFERRED.withShape(
            jdk.incubator.vector.VectorShape.forBitSize(F64.vectorBitSize() / 2));
    /** The f32 counts widened to long, half of them at a time, for summing without overflow. */
    private static final VectorSpecies<Long> F32_EXECUTED = VectorSpecies.of(long.class, F32.vectorShape());

    private VectorMandelbrot() {
    }

    /**
     * Counts of one row into {@code out} from index {@code outIndex}; returns the iterations actually executed
     * (those the cycle shortcut skipped are counted in the result but not here).
     */
    static long rowF64(double[] xs, double y0Scalar, int maxIter, boolean cycles, MemorySegment out, long outIndex) {
        int width = xs.length;
        long executed = 0;
        DoubleVector y0 = DoubleVector.broadcast(F64, y0Scalar);
        DoubleVector zero = DoubleVector.zero(F64);
        for (int px = 0; px < width; px += F64.length()) {
            VectorMask<Double> inRange = F64.indexInRange(px, width);
            DoubleVector x0 = DoubleVector.fromArray(F64, xs, px, inRange);
            DoubleVector x = zero;
            DoubleVector y = zero;
            DoubleVector savedX = zero;
            DoubleVector savedY = zero;
            DoubleVector n = zero;
            VectorMask<Double> active = inRange;
            VectorMask<Double> cycled = F64.maskAll(false);
            // Two loops rather than one with a step-dependent test: C2 keeps the Vector API loop in registers only
            // without such a branch (one loop with "if (i + 1 >= CHECK_FROM)" ran 4x slower on the no-interior view).
            // Phase 1, steps 1 .. CHECK_FROM - 1: the plain loop (all of it without the shortcut).
            int plain = cycles ? Math.min(maxIter, CHECK_FROM - 1) : maxIter;
            int i = 0;
            for (; i < plain; i++) {
                DoubleVector xx = x.mul(x);
                DoubleVector yy = y.mul(y);
                active = active.and(xx.add(yy).compare(VectorOperators.LE, 4.0));
                if (!active.anyTrue()) {
                    break;
                }
                DoubleVector t = xx.sub(yy).add(x0);
                y = x.mul(2.0).mul(y).add(y0);
                x = t;
                n = n.add(1.0, active);
            }
            // Phase 2, only if phase 1 ran to its end (i == plain; plain follows i so the test stays true): the same
            // steps, each new state compared with the saved one (the start state, then the states at steps
            // CHECK_FROM, 2 * CHECK_FROM, 4 * CHECK_FROM, ...).
            for (int saveAt = CHECK_FROM; i == plain && i < maxIter; i++, plain++) {
                DoubleVector xx = x.mul(x);
                DoubleVector yy = y.mul(y);
                active = active.and(xx.add(yy).compare(VectorOperators.LE, 4.0));
                if (!active.anyTrue()) {
                    break;
                }
                DoubleVector t = xx.sub(yy).add(x0);
                y = x.mul(2.0).mul(y).add(y0);
                x = t;
                n = n.add(1.0, active);
                // No branch of its own: lanes that repeat leave `active`; the next step's test ends the loop.
                VectorMask<Double> repeat = x.compare(VectorOperators.EQ, savedX)
                        .and(y.compare(VectorOperators.EQ, savedY)).and(active);
                cycled = cycled.or(repeat);
                active = active.andNot(repeat);
                if (i + 1 == saveAt) {
                    savedX = x;
                    savedY = y;
                    saveAt <<= 1;
                }
            }
            executed += (long) n.reduceLanes(VectorOperators.ADD);
            ((IntVector) n.blend((double) maxIter, cycled).convertShape(VectorOperators.D2I, F64_COUNTS, 0))
                    .intoMemorySegment(out, (outIndex + px) * Integer.BYTES, ByteOrder.LITTLE_ENDIAN,
                            inRange.cast(F64_COUNTS));
        }
        return executed;
    }

    /** {@link #rowF64} in single precision; counts kept in int lanes (a float counter is exact only to 2^24). */
    static long rowF32(float[] xs, float y0Scalar, int maxIter, boolean cycles, MemorySegment out, long outIndex) {
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
                VectorMask<Float> repeat = x.compare(VectorOperators.EQ, savedX)
                        .and(y.compare(VectorOperators.EQ, savedY)).and(active);
                cycled = cycled.or(repeat);
                active = active.andNot(repeat);
                if (i + 1 == saveAt) {
                    savedX = x;
                    savedY = y;
                    saveAt <<= 1;
                }
            }
            // Summed in long lanes: 16 counts of up to 2^31 overflow an int.
            executed += n.convertShape(VectorOperators.I2L, F32_EXECUTED, 0).reduceLanesToLong(VectorOperators.ADD)
                    + n.convertShape(VectorOperators.I2L, F32_EXECUTED, 1).reduceLanesToLong(VectorOperators.ADD);
            n.blend(maxIter, cycled.cast(F32_COUNTS)).intoMemorySegment(out, (outIndex + px) * Integer.BYTES,
                    ByteOrder.LITTLE_ENDIAN, inRange.cast(F32_COUNTS));
        }
        return executed;
    }
}
