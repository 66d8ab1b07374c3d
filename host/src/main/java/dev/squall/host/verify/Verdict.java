package dev.squall.host.verify;

import java.util.List;

/** The outcome of comparing a result with the Java reference: how many pixels differ and the first of them. */
public record Verdict(long pixels, long mismatches, List<Mismatch> first) {
    public Verdict {
        first = List.copyOf(first);
    }

    public boolean identical() {
        return mismatches == 0;
    }
}
