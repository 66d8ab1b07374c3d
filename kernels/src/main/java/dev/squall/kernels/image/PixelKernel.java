package dev.squall.kernels.image;

import dev.squall.kernels.KernelSource;

/** The OpenCL side of the image operations: a kernel for a chain of point operations, and the neighbourhood passes. */
public final class PixelKernel {
    /** {@code image_ops.cl}, which holds every kernel named below; the OpenCL backend builds it without options. */
    public static final KernelSource SOURCE = KernelSource.load(PixelKernel.class, "image_ops.cl");
    /**
     * A whole chain of point operations in one pass, one pixel a work-item: the steps as {@link PixelOp#code()}s
     * with their arguments, and 256 table entries a step for the table-driven ones ({@link PixelReference#tables}).
     */
    public static final String POINT_OPS = "point_ops";
    /** The horizontal Gaussian pass, RGBA8 into 4 floats a pixel: {@link ImageReference#gaussianRow}. */
    public static final String GAUSSIAN_ROWS = "gaussian_rows";
    /** The vertical Gaussian pass, rounded into RGBA8: {@link ImageReference#gaussianColumn}. */
    public static final String GAUSSIAN_COLUMNS = "gaussian_columns";
    /** Sharpen's vertical pass, the unsharp mask over the sigma-1 rows: {@link ImageReference#sharpenColumn}. */
    public static final String SHARPEN_COLUMNS = "sharpen_columns";
    /** The horizontal box sums, RGBA8 into 4 ints a pixel: {@link ImageReference#boxRow}. */
    public static final String BOX_ROWS = "box_rows";
    /** The vertical box sums and the rounded mean: {@link ImageReference#boxColumn}. */
    public static final String BOX_COLUMNS = "box_columns";
    /** The Sobel edge magnitude, one pass: {@link ImageReference#sobelRow}. */
    public static final String SOBEL = "sobel";

    private PixelKernel() {
    }
}
