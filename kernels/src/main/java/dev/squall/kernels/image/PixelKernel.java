package dev.squall.kernels.image;

import dev.squall.kernels.KernelSource;

/** The OpenCL side of the point operations: one kernel that runs a whole chain per pixel. */
public final class PixelKernel {
    public static final KernelSource SOURCE = KernelSource.load(PixelKernel.class, "image_ops.cl");
    public static final String POINT_OPS = "point_ops";

    private PixelKernel() {
    }
}
