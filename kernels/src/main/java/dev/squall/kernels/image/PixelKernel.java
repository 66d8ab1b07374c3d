package dev.squall.kernels.image;

import dev.squall.kernels.KernelSource;

/** The OpenCL side of the image operations: a kernel for a chain of point operations, and the neighbourhood passes. */
public final class PixelKernel {
    public static final KernelSource SOURCE = KernelSource.load(PixelKernel.class, "image_ops.cl");
    public static final String POINT_OPS = "point_ops";
    public static final String GAUSSIAN_ROWS = "gaussian_rows";
    public static final String GAUSSIAN_COLUMNS = "gaussian_columns";
    public static final String SHARPEN_COLUMNS = "sharpen_columns";
    public static final String BOX_ROWS = "box_rows";
    public static final String BOX_COLUMNS = "box_columns";
    public static final String SOBEL = "sobel";

    private PixelKernel() {
    }
}
