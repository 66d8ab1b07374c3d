package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.KernelSource;
import dev.squall.kernels.Precision;

/** The OpenCL side of the Mandelbrot kernel: its source, entry point and the defines that pick a precision. */
public final class MandelbrotKernel {
    public static final KernelSource SOURCE = KernelSource.load(MandelbrotKernel.class, "mandelbrot.cl");
    public static final String ENTRY_POINT = "mandelbrot";

    private MandelbrotKernel() {
    }

    /**
     * Build options for {@code precision}. Deliberately no {@code -cl-mad-enable}, {@code -cl-fast-relaxed-math}
     * or {@code -cl-unsafe-math-optimizations}: each allows results that differ from the reference.
     */
    public static String buildOptions(Precision precision) {
        return "-D SQUALL_REAL=" + precision.openClType() + (precision == Precision.F64 ? " -D SQUALL_FP64=1" : "");
    }
}
