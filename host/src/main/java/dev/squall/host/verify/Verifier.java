package dev.squall.host.verify;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Kernel;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Recomputes a result with its kernel's Java reference ({@link Kernel#reference}) and compares every pixel bit for
 * bit, for every kernel: pieces of rows in parallel on every core, the first mismatches kept in row-major order.
 */
public final class Verifier {
    private Verifier() {
    }

    /** What one piece of rows contributed: its number of mismatches and at most {@code keep} of them, in order. */
    private record PieceVerdict(long mismatches, List<Mismatch> first) {
    }

    /**
     * Compares the tiles of a streamed result as they come, in image order ({@link #check}); the same verdict as
     * {@link #check(Kernel, MemorySegment, int)} on the whole result.
     */
    public static final class Tiles {
        private final Kernel kernel;
        private final int keep;
        private long mismatches;
        private final List<Mismatch> first = new ArrayList<>();

        /**
         * A verifier of {@code kernel}'s tiles.
         *
         * @param kernel what the tiles are of
         * @param keep how many mismatches to keep
         */
        public Tiles(Kernel kernel, int keep) {
            this.kernel = kernel;
            this.keep = keep;
        }

        /** Compares the rows of {@code tile}, whose pixels are {@code pixels}. */
        public void check(Band tile, MemorySegment pixels) {
            PieceVerdict verdict = compare(kernel, pixels, tile.firstRow(), tile.rows(), keep);
            mismatches += verdict.mismatches();
            for (Mismatch m : verdict.first()) {
                if (first.size() < keep) {
                    first.add(m);
                }
            }
        }

        public Verdict verdict() {
            return new Verdict((long) kernel.width() * kernel.height(), mismatches, List.copyOf(first));
        }
    }

    /** Compares every pixel of a render's counts. */
    public static Verdict mandelbrot(CountsBuffer counts, MandelbrotParams params, int keep) {
        return check(params, counts.segment(), keep);
    }

    /**
     * Compares every pixel of {@code result}, the whole output of {@code kernel}; keeps the first {@code keep}
     * mismatches in row-major order.
     */
    public static Verdict check(Kernel kernel, MemorySegment result, int keep) {
        PieceVerdict verdict = compare(kernel, result, 0, kernel.height(), keep);
        return new Verdict((long) kernel.width() * kernel.height(), verdict.mismatches(), verdict.first());
    }

    /**
     * Rows {@code firstRow .. firstRow + rows - 1}, whose pixels {@code pixels} holds from its start, in pieces in
     * parallel: a row each for kernels without a halo, else pieces deep enough that the halo each piece's
     * reference recomputes stays a small part.
     */
    private static PieceVerdict compare(Kernel kernel, MemorySegment pixels, int firstRow, int rows, int keep) {
        int width = kernel.width();
        int bytes = kernel.layout().bytesPerPixel();
        int depth = kernel.halo() == 0 ? 1 : Math.max(32, 8 * kernel.halo());
        int pieces = (rows + depth - 1) / depth;
        List<PieceVerdict> verdicts = IntStream.range(0, pieces).parallel().mapToObj(k -> {
            int from = k * depth;
            int n = Math.min(depth, rows - from);
            List<Mismatch> found = new ArrayList<>();
            long bad = 0;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment reference = arena.allocate((long) n * width * bytes, Integer.BYTES);
                kernel.reference(firstRow + from, n, reference);
                for (long p = 0, total = (long) n * width; p < total; p++) {
                    long device = kernel.layout().read(pixels, (long) from * width + p);
                    long expected = kernel.layout().read(reference, p);
                    if (device != expected && bad++ < keep) {
                        found.add(new Mismatch((int) (p % width), firstRow + from + (int) (p / width), device,
                                expected, kernel.layout()));
                    }
                }
            }
            return new PieceVerdict(bad, found);
        }).toList();
        long mismatches = verdicts.stream().mapToLong(PieceVerdict::mismatches).sum();
        List<Mismatch> first = verdicts.stream().flatMap(v -> v.first().stream()).limit(keep).toList();
        return new PieceVerdict(mismatches, first);
    }
}
