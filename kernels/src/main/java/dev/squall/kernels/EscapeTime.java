package dev.squall.kernels;

/**
 * An escape-time kernel: each pixel's count is the number of steps its orbit runs before it escapes, at most
 * {@link #maxIter()} (the count of a pixel that never does). Its output is {@link Kernel.Layout#U32_COUNTS}; what
 * renders do with counts (their sum, a coloured PNG, raw counts) is the same for every such kernel.
 */
public interface EscapeTime extends Kernel {
    /** {@return the most steps an orbit runs, at least 1: the count of a pixel that never escapes} */
    int maxIter();

    /** {@return {@link Kernel.Layout#U32_COUNTS}} */
    @Override
    default Layout layout() {
        return Layout.U32_COUNTS;
    }

    /** {@return {@code width * height}, as a long: it may be more than an int holds} */
    default long pixels() {
        return (long) width() * height();
    }

    /** {@return how the summary line names the view: {@code view -2.5,1,-1,1}, {@code zoom 1e300}} */
    String viewLabel();

    /**
     * Checks what every escape-time record shares, in its compact constructor.
     *
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @param maxIter the most steps an orbit runs
     * @throws InvalidParameterException when one of them is below 1, naming it
     */
    static void checkSize(int width, int height, int maxIter) {
        if (width < 1) {
            throw new InvalidParameterException("width", width, "a positive integer");
        }
        if (height < 1) {
            throw new InvalidParameterException("height", height, "a positive integer");
        }
        if (maxIter < 1) {
            throw new InvalidParameterException("max-iter", maxIter, "at least 1");
        }
    }
}
