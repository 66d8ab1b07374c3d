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
    private record PieceVerdict(long mismatches, List<Mismatch> first, long compared) {
        PieceVerdict(long mismatches, List<Mismatch> first) {
            this(mismatches, first, 0);
        }
    }

    /**
     * Compares the tiles of a streamed result as they come, in image order ({@link #check}); the same verdict as
     * {@link #check(Kernel, MemorySegment, int)} on the whole result.
     */
    public static final class Tiles {
        /** Pixels a sampled verification draws at random, beyond the first tile. */
        public static final int SAMPLE = 1024;

        private final Kernel kernel;
        private final int keep;
        private long mismatches;
        private long compared;
        private final List<Mismatch> first = new ArrayList<>();
        /** The sampled pixels' indices, sorted, or null when every pixel is compared. */
        private final long[] sample;
        /** With a sample: the first rows, compared whole (as many pixels as the limit, at least one row). */
        private final int wholeRows;

        /**
         * A verifier of {@code kernel}'s tiles.
         *
         * @param kernel what the tiles are of
         * @param keep how many mismatches to keep
         */
        public Tiles(Kernel kernel, int keep) {
            this.kernel = kernel;
            this.keep = keep;
            long total = (long) kernel.width() * kernel.height();
            this.sample = total <= kernel.verifyEveryPixelUpTo() ? null
                    : new java.util.Random(total * 31 + kernel.width()).longs(SAMPLE, 0, total).sorted().distinct()
                            .toArray();
            this.wholeRows = (int) Math.min(kernel.height(),
                    Math.max(1, Math.min(kernel.verifyEveryPixelUpTo(), total) / kernel.width()));
        }

        /**
         * Compares the rows of {@code tile}, whose pixels are {@code pixels}: every one, or for a sampled kernel
         * every one of the first rows (up to the kernel's limit of pixels) and the sample's others.
         */
        public void check(Band tile, MemorySegment pixels) {
            PieceVerdict verdict;
            if (sample == null) {
                verdict = compare(kernel, pixels, tile.firstRow(), tile.rows(), keep);
                compared += tile.pixels(kernel.width());
            } else {
                int whole = Math.max(0, Math.min(tile.rows(), wholeRows - tile.firstRow()));
                PieceVerdict head = whole == 0 ? new PieceVerdict(0, List.of())
                        : compare(kernel, pixels, tile.firstRow(), whole, keep);
                PieceVerdict rest = compareSample(tile, pixels, whole);
                List<Mismatch> both = new ArrayList<>(head.first());
                both.addAll(rest.first());
                verdict = new PieceVerdict(head.mismatches() + rest.mismatches(), both);
                compared += (long) whole * kernel.width() + rest.compared();
            }
            mismatches += verdict.mismatches();
            for (Mismatch m : verdict.first()) {
                if (first.size() < keep) {
                    first.add(m);
                }
            }
        }

        public Verdict verdict() {
            return new Verdict(compared, mismatches, List.copyOf(first), (long) kernel.width() * kernel.height());
        }

        /**
         * The sample's pixels within {@code tile} past its first {@code skipRows} rows, each by
         * {@link Kernel#referencePixel}, in parallel.
         */
        private PieceVerdict compareSample(Band tile, MemorySegment pixels, int skipRows) {
            int width = kernel.width();
            long from = tile.firstPixel(width);
            long start = from + (long) skipRows * width;
            long to = from + tile.pixels(width);
            long[] mine = java.util.Arrays.stream(sample).filter(i -> i >= start && i < to).toArray();
            List<Mismatch> found = java.util.Arrays.stream(mine).parallel().mapToObj(i -> {
                long device = kernel.layout().read(pixels, i - from);
                long expected = kernel.referencePixel((int) (i % width), (int) (i / width));
                return device == expected ? null : new Mismatch((int) (i % width), (int) (i / width), device,
                        expected, kernel.layout());
            }).filter(java.util.Objects::nonNull).toList();
            return new PieceVerdict(found.size(), found.stream().limit(keep).toList(), mine.length);
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
