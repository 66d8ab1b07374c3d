package dev.squall.kernels.peak;

import dev.squall.kernels.KernelSource;
import java.util.List;

/**
 * The kernels that measure a device's own limits (peak.cl): copies of every float vector width for global memory
 * bandwidth, an empty kernel for launch latency, and dependent multiply-add chains for compute peaks. Building with
 * {@value #FP64_OPTION} adds the double-precision chain, {@value #FP16_OPTION} the half-precision one.
 */
public final class PeakKernels {
    /** Adds the double-precision chain, for devices with cl_khr_fp64. */
    public static final String FP64_OPTION = "-DSQUALL_FP64";
    /** Adds the half-precision chain, for devices with cl_khr_fp16. */
    public static final String FP16_OPTION = "-DSQUALL_FP16";
    /** The copy kernels, {@code copy_float} to {@code copy_float16}, with their element width in floats. */
    public static final List<Integer> COPY_WIDTHS = List.of(1, 2, 4, 8, 16);
    /** Operations a work-item of a {@code mad_*} kernel does: 2 x 16 lanes x 2 chains x 8 steps x 64 loops. */
    public static final long OPS_PER_ITEM = 2L * 16 * 2 * 8 * 64;

    /**
     * Floating-point operations of one Mandelbrot iteration as the kernels and the reference do it, the escape
     * comparison not counted: x*x, y*y, their sum, x*x - y*y + x0 (2), 2*x*y + y0 (3).
     */
    public static final int MANDELBROT_FLOPS_PER_ITERATION = 8;

    private PeakKernels() {
    }

    /** {@return {@code peak.cl}, read from the classpath again at each call} */
    public static KernelSource source() {
        return KernelSource.load(PeakKernels.class, "peak.cl");
    }

    /**
     * The copy kernel of one vector width.
     *
     * @param width floats per element, one of {@link #COPY_WIDTHS}
     * @return {@code copy_float} for 1, else {@code copy_floatN} with N the width
     */
    public static String copyKernel(int width) {
        return width == 1 ? "copy_float" : "copy_float" + width;
    }
}
