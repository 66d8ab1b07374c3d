package dev.squall.host.verify;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import java.lang.foreign.MemorySegment;
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

    /**
     * Compares the tiles of a streamed render as they come, in image order ({@link #check}); the same verdict as
     * {@link #mandelbrot} on the whole image.
     */
    public static final class Tiles {
        private final MandelbrotParams params;
        private final int keep;
        private long mismatches;
        private final List<Mismatch> first = new ArrayList<>();

        public Tiles(MandelbrotParams params, int keep) {
            this.params = params;
            this.keep = keep;
        }

        /** Compares the rows of {@code tile}, whose counts are {@code counts} (u32 little-endian). */
        public void check(Band tile, MemorySegment counts) {
            int width = params.width();
            List<RowVerdict> rows = IntStream.range(0, tile.rows()).parallel().mapToObj(r -> {
                int py = tile.firstRow() + r;
                List<Mismatch> found = new ArrayList<>();
                long bad = 0;
                long base = (long) r * width;
                for (int px = 0; px < width; px++) {
                    long device = Integer.toUnsignedLong(counts.getAtIndex(CountsBuffer.COUNT, base + px));
                    long reference = Integer.toUnsignedLong(MandelbrotReference.pixel(params, px, py));
                    if (device != reference && bad++ < keep) {
                        found.add(new Mismatch(px, py, device, reference));
                    }
                }
                return new RowVerdict(bad, found);
            }).toList();
            for (RowVerdict row : rows) {
                mismatches += row.mismatches();
                for (Mismatch m : row.first()) {
                    if (first.size() < keep) {
                        first.add(m);
                    }
                }
            }
        }

        public Verdict verdict() {
            return new Verdict(params.pixels(), mismatches, List.copyOf(first));
        }
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
