package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.KernelSource;
import dev.squall.kernels.Precision;

/** The OpenCL side of the Mandelbrot kernel: its source, entry point and the defines that pick a precision. */
public final class MandelbrotKernel {
    /** {@code mandelbrot.cl}: both entry points for every formula, built with {@link #buildOptions}'s defines. */
    public static final KernelSource SOURCE = KernelSource.load(MandelbrotKernel.class, "mandelbrot.cl");
    /** One pixel per work-item (GPUs). */
    public static final String SCALAR = "mandelbrot";
    /** {@link #lanes} pixels per work-item in OpenCL vector types (CPU devices). */
    public static final String SIMD = "mandelbrot_simd";

    /**
     * The step from which backends look for cycles (the exact shortcut of the host's schedules): the states at
     * steps 256, 512, 1024, ... are saved and each later state compared with the last saved one. Most orbits outside
     * the set escape before step 256, so views without interior pay little for the shortcut, and an orbit inside
     * the set runs about 2 x (256 + its period) steps before it is caught. 256 rather than 64 since the CPU backend's
     * unchecked steps run two vectors at a time (BENCHMARKS.md). The same on every backend, so that they all
     * execute the same iterations.
     */
    public static final int CYCLE_CHECK_FROM = 256;

    /**
     * How often the cycle shortcut compares: after steps whose number is a multiple of this (a power of two), from
     * {@link #CYCLE_CHECK_FROM} on. A cycle of period {@code p} is still caught, once the saved state lies in it, at
     * the latest {@code lcm(p, 4)} steps later; the compare, a fourth as often, then costs next to nothing on views
     * where it finds nothing (BENCHMARKS.md). Counts never depend on it; every backend uses it, so that all execute
     * the same iterations.
     */
    public static final int CYCLE_CHECK_EVERY = 4;

    /** Lanes of one OpenCL vector in the SIMD variant: 16, OpenCL's widest type. */
    private static final int VECTOR_LANES = 16;

    private MandelbrotKernel() {
    }

    /**
     * Build options for {@code precision}. Deliberately no {@code -cl-mad-enable}, {@code -cl-fast-relaxed-math}
     * or {@code -cl-unsafe-math-optimizations}: each allows results that differ from the reference.
     *
     * @param precision the precision the program computes in
     * @return the options of the Mandelbrot set's program, as {@link #buildOptions(Precision, Formula)} gives them
     */
    public static String buildOptions(Precision precision) {
        return buildOptions(precision, Formula.MANDELBROT);
    }

    /**
     * Build options for {@code formula} in {@code precision}: one program per formula (and multibrot power), so that
     * each has its own loop with no branch on the formula; julia's constant is a kernel argument, not built in.
     *
     * @param precision the precision the program computes in
     * @param formula the map its loop iterates
     * @return the {@code -D} defines for the OpenCL compiler, separated by spaces
     */
    public static String buildOptions(Precision precision, Formula formula) {
        return "-D SQUALL_REAL=" + precision.openClType() + " -D SQUALL_LANES=" + VECTOR_LANES
                + " -D SQUALL_VECS=" + lanes(precision) / VECTOR_LANES
                + " -D SQUALL_CHECK_FROM=" + CYCLE_CHECK_FROM + " -D SQUALL_CHECK_EVERY=" + CYCLE_CHECK_EVERY
                + " -D SQUALL_FORMULA=" + formula.code()
                + (formula instanceof Formula.Multibrot m ? " -D SQUALL_POWER=" + m.power() : "")
                + (precision == Precision.F64 ? " -D SQUALL_FP64=1" : "");
    }

    /**
     * What tells two programs apart: the precision and the options of the formula's loop (not julia's constant).
     *
     * @param precision the program's precision
     * @param formula the program's formula
     * @return a key equal for two pairs exactly when one built program serves both
     */
    public static String programKey(Precision precision, Formula formula) {
        return buildOptions(precision, formula);
    }

    /**
     * Pixels per work-item of the SIMD variant: 16 doubles (double16, two 512-bit vectors) or 32 floats (two float16,
     * each with its own variables). Two vectors' chains of dependent multiplies and adds overlap: 10-20 % faster on
     * PoCL than one (double8, float16; BENCHMARKS.md).
     *
     * @param precision the precision of the render
     * @return 16 for f64, 32 for f32
     */
    public static int lanes(Precision precision) {
        return precision == Precision.F64 ? VECTOR_LANES : 2 * VECTOR_LANES;
    }
}
