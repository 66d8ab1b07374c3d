package dev.squall.api;

import java.util.List;

/**
 * The outcome of comparing a render with its kernel's Java reference, every pixel, bit for bit.
 *
 * @param pixels the pixels compared
 * @param mismatches how many differ
 * @param first the first few that differ, in row-major order, as {@code (x, y): device D, reference R}
 * @param imagePixels the image's pixels
 */
public record Verification(long pixels, long mismatches, List<String> first, long imagePixels) {
    /** Copies the list. */
    public Verification {
        first = List.copyOf(first);
    }

    /**
     * Every pixel of the image compared.
     *
     * @param pixels the pixels compared: all of them
     * @param mismatches how many differ
     * @param first the first few that differ
     */
    public Verification(long pixels, long mismatches, List<String> first) {
        this(pixels, mismatches, first, pixels);
    }

    /**
     * {@return whether only some pixels were compared: the first rows and a fixed random sample, for kernels whose
     * reference is far slower than a render (deep zoom's arbitrary precision beyond 64 x 64)}
     */
    public boolean sampled() {
        return pixels < imagePixels;
    }

    /** {@return whether every pixel equals the reference's} */
    public boolean identical() {
        return mismatches == 0;
    }
}
