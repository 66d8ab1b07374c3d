package dev.squall.api;

import java.util.List;

/**
 * The outcome of comparing a render with its kernel's Java reference, every pixel, bit for bit.
 *
 * @param pixels the pixels compared
 * @param mismatches how many differ
 * @param first the first few that differ, in row-major order, as {@code (x, y): device D, reference R}
 */
public record Verification(long pixels, long mismatches, List<String> first) {
    /** Copies the list. */
    public Verification {
        first = List.copyOf(first);
    }

    /** {@return whether every pixel equals the reference's} */
    public boolean identical() {
        return mismatches == 0;
    }
}
