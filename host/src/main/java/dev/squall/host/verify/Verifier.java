package dev.squall.host.verify;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Recomputes a result with the Java reference, pixel by pixel, and compares bit for bit. */
public final class Verifier {
    private Verifier() {
    }

    /** What one row contributed: its number of mismatches and at most {@code keep} of them, in order. */
    private record RowVerdict(long mismatches, List<Mismatch> first) {
    }

    /** Compares every pixel; keeps the first {@code keep} mismatches in row-major order. Rows run in parallel. */
    public static Verdict mandelbrot(CountsBuffer counts, MandelbrotParams params, int keep) {
        int width = params.width();
        List<RowVerdict> rows = IntStream.range(0, params.height()).parallel().mapToObj(py -> {
            List<Mismatch> first = new ArrayList<>();
            long mismatches = 0;
            long base = (long) py * width;
            for (int px = 0; px < width; px++) {
                long device = counts.get(base + px);
                long reference = Integer.toUnsignedLong(MandelbrotReference.pixel(params, px, py));
                if (device != reference && mismatches++ < keep) {
                    first.add(new Mismatch(px, py, device, reference));
                }
            }
            return new RowVerdict(mismatches, first);
        }).toList();
        long mismatches = rows.stream().mapToLong(RowVerdict::mismatches).sum();
        List<Mismatch> first = rows.stream().flatMap(r -> r.first().stream()).limit(keep).toList();
        return new Verdict(params.pixels(), mismatches, first);
    }
}
