package dev.squall.host.verify;

import java.util.List;

/** The outcome of comparing a result with the Java reference: how many pixels differ and the first of them. */
public record Verdict(long pixels, long mismatches, List<Mismatch> first, long imagePixels) {
    public Verdict {
        first = List.copyOf(first);
    }

    /** Every pixel of the image compared. */
    public Verdict(long pixels, long mismatches, List<Mismatch> first) {
        this(pixels, mismatches, first, pixels);
    }

    /** {@return whether only some pixels were compared (the first tile and a sample)} */
    public boolean sampled() {
        return pixels < imagePixels;
    }

    public boolean identical() {
        return mismatches == 0;
    }
}
