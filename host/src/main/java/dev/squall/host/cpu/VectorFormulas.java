package dev.squall.host.cpu;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.kernels.mandelbrot.Formula;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The escape-time formulas other than the Mandelbrot set ({@link Formula}), a row at a time on the widest vectors
 * the CPU has, one vector of pixels at a time. The Mandelbrot set keeps its own loops ({@link VectorMandelbrot}:
 * two vectors in flight, tuned and measured); these share one loop whose step is the formula's, each operation in
 * the reference's order. The cycle shortcut is the same as everywhere: from step {@link VectorMandelbrot#CHECK_FROM}
 * each state is compared with one saved at steps 256, 512, ... (the start state first), so the iterations executed
 * equal those of the OpenCL kernels.
 * <p>
 * The saved state is replaced by a blend under a mask, not by an assignment in an {@code if}: C2 boxed the vectors
 * merged after such a branch, and the checked steps ran 4.7 times slower than the plain ones (julia -0.8,0.156,
 * 1024x768, max-iter 500: 0.33 Giter/s with the shortcut, 1.53 without; with the blend 1.22; BENCHMARKS.md).
 */
final class VectorFormulas {
    private static final VectorSpecies<Double> F64 = VectorMandelbrot.F64;
    private static final VectorSpecies<Float> F32 = VectorMandelbrot.F32;
    private static final VectorSpecies<Integer> F32_COUNTS = VectorSpecies.of(int.class, F32.vectorShape());
    private static final int CHECK_FROM = VectorMandelbrot.CHECK_FROM;

    private VectorFormulas() {
    }

    /** One row in f64 into {@code out} from {@code outIndex}; returns the iterations executed. */
    static long rowF64(Formula formula, double[] xs, double y0Scalar, int maxIter, boolean cycles, MemorySegment out,
            long outIndex) {
        int width = xs.length;
        int lanes = F64.length();
        boolean julia = formula instanceof Formula.Julia;
        DoubleVector y0 = DoubleVector.broadcast(F64, y0Scalar);
        DoubleVector ay = julia ? DoubleVector.broadcast(F64, ((Formula.Julia) formula).ci()) : y0;
        DoubleVector cr = julia ? DoubleVector.broadcast(F64, ((Formula.Julia) formula).cr()) : null;
        DoubleVector zero = DoubleVector.zero(F64);
        int power = formula instanceof Formula.Multibrot m ? m.power() : 2;
        int code = formula.code();
        int plain = cycles ? Math.min(maxIter, CHECK_FROM - 1) : maxIter;
        double[] counts = new double[lanes];
        long executed = 0;
        for (int px = 0; px < width; px += lanes) {
            VectorMask<Double> in = F64.indexInRange(px, width);
            DoubleVector x0 = DoubleVector.fromArray(F64, xs, px, in);
            DoubleVector ax = julia ? cr : x0;
            DoubleVector x = julia ? x0 : zero;
            DoubleVector y = julia ? y0 : zero;
            DoubleVector savedX = x;
            DoubleVector savedY = y;
            DoubleVector n = zero;
            VectorMask<Double> active = in;
            VectorMask<Double> cycled = F64.maskAll(false);
            int saveAt = CHECK_FROM;
            for (int i = 0; i < maxIter; i++) {
                DoubleVector xx = x.mul(x);
                DoubleVector yy = y.mul(y);
                active = active.and(xx.add(yy).compare(VectorOperators.LE, 4.0));
                if (!active.anyTrue()) {
                    break;
                }
                DoubleVector nx;
                DoubleVector ny;
                switch (code) {
                    case 1 -> { // julia: the Mandelbrot map with the constant for the pixel
                        nx = xx.sub(yy).add(ax);
                        ny = x.mul(2.0).mul(y).add(ay);
                    }
                    case 2 -> { // burning ship: 2 |x| |y|
                        nx = xx.sub(yy).add(ax);
                        ny = x.abs().mul(2.0).mul(y.abs()).add(ay);
                    }
                    case 3 -> { // tricorn: -2 x y
                        nx = xx.sub(yy).add(ax);
                        ny = x.mul(-2.0).mul(y).add(ay);
                    }
                    default -> { // multibrot: z^power by power - 1 complex multiplications by z
                        DoubleVector pr = x;
                        DoubleVector pi = y;
                        for (int k = 1; k < power; k++) {
                            DoubleVector r = pr.mul(x).sub(pi.mul(y));
                            pi = pr.mul(y).add(pi.mul(x));
                            pr = r;
                        }
                        nx = pr.add(ax);
                        ny = pi.add(ay);
                    }
                }
                x = nx;
                y = ny;
                n = n.add(1.0, active);
                if (i >= plain) {
                    if ((i & VectorMandelbrot.EVERY) == VectorMandelbrot.EVERY) {
                        VectorMask<Double> repeat = x.compare(VectorOperators.EQ, savedX)
                                .and(y.compare(VectorOperators.EQ, savedY)).and(active);
                        cycled = cycled.or(repeat);
                        active = active.andNot(repeat);
                    }
                    VectorMask<Double> save = F64.maskAll(i + 1 == saveAt);
                    savedX = savedX.blend(x, save);
                    savedY = savedY.blend(y, save);
                    saveAt = i + 1 == saveAt ? saveAt << 1 : saveAt;
                }
            }
            n.intoArray(counts, 0);
            boolean[] repeats = cycled.toArray();
            for (int lane = 0; lane < lanes && px + lane < width; lane++) {
                executed += (long) counts[lane];
                int count = repeats[lane] ? maxIter : (int) counts[lane];
                out.setAtIndex(CountsBuffer.COUNT, outIndex + px + lane, count);
            }
        }
        return executed;
    }

    /** One row in f32 (coordinates and julia's constant rounded once to float); counts in ints, any max-iter. */
    static long rowF32(Formula formula, float[] xs, float y0Scalar, int maxIter, boolean cycles, MemorySegment out,
            long outIndex) {
        int width = xs.length;
        int lanes = F32.length();
        boolean julia = formula instanceof Formula.Julia;
        FloatVector y0 = FloatVector.broadcast(F32, y0Scalar);
        FloatVector ay = julia ? FloatVector.broadcast(F32, (float) ((Formula.Julia) formula).ci()) : y0;
        FloatVector cr = julia ? FloatVector.broadcast(F32, (float) ((Formula.Julia) formula).cr()) : null;
        FloatVector zero = FloatVector.zero(F32);
        IntVector none = IntVector.zero(F32_COUNTS);
        int power = formula instanceof Formula.Multibrot m ? m.power() : 2;
        int code = formula.code();
        int plain = cycles ? Math.min(maxIter, CHECK_FROM - 1) : maxIter;
        int[] counts = new int[lanes];
        long executed = 0;
        for (int px = 0; px < width; px += lanes) {
            VectorMask<Float> in = F32.indexInRange(px, width);
            FloatVector x0 = FloatVector.fromArray(F32, xs, px, in);
            FloatVector ax = julia ? cr : x0;
            FloatVector x = julia ? x0 : zero;
            FloatVector y = julia ? y0 : zero;
            FloatVector savedX = x;
            FloatVector savedY = y;
            IntVector n = none;
            VectorMask<Float> active = in;
            VectorMask<Float> cycled = F32.maskAll(false);
            int saveAt = CHECK_FROM;
            for (int i = 0; i < maxIter; i++) {
                FloatVector xx = x.mul(x);
                FloatVector yy = y.mul(y);
                active = active.and(xx.add(yy).compare(VectorOperators.LE, 4.0f));
                if (!active.anyTrue()) {
                    break;
                }
                FloatVector nx;
                FloatVector ny;
                switch (code) {
                    case 1 -> {
                        nx = xx.sub(yy).add(ax);
                        ny = x.mul(2.0f).mul(y).add(ay);
                    }
                    case 2 -> {
                        nx = xx.sub(yy).add(ax);
                        ny = x.abs().mul(2.0f).mul(y.abs()).add(ay);
                    }
                    case 3 -> {
                        nx = xx.sub(yy).add(ax);
                        ny = x.mul(-2.0f).mul(y).add(ay);
                    }
                    default -> {
                        FloatVector pr = x;
                        FloatVector pi = y;
                        for (int k = 1; k < power; k++) {
                            FloatVector r = pr.mul(x).sub(pi.mul(y));
                            pi = pr.mul(y).add(pi.mul(x));
                            pr = r;
                        }
                        nx = pr.add(ax);
                        ny = pi.add(ay);
                    }
                }
                x = nx;
                y = ny;
                n = n.add(1, active.cast(F32_COUNTS));
                if (i >= plain) {
                    if ((i & VectorMandelbrot.EVERY) == VectorMandelbrot.EVERY) {
                        VectorMask<Float> repeat = x.compare(VectorOperators.EQ, savedX)
                                .and(y.compare(VectorOperators.EQ, savedY)).and(active);
                        cycled = cycled.or(repeat);
                        active = active.andNot(repeat);
                    }
                    VectorMask<Float> save = F32.maskAll(i + 1 == saveAt);
                    savedX = savedX.blend(x, save);
                    savedY = savedY.blend(y, save);
                    saveAt = i + 1 == saveAt ? saveAt << 1 : saveAt;
                }
            }
            n.intoArray(counts, 0);
            boolean[] repeats = cycled.toArray();
            for (int lane = 0; lane < lanes && px + lane < width; lane++) {
                executed += counts[lane];
                out.setAtIndex(CountsBuffer.COUNT, outIndex + px + lane, repeats[lane] ? maxIter : counts[lane]);
            }
        }
        return executed;
    }
}
