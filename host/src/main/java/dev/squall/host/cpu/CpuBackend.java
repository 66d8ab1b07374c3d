package dev.squall.host.cpu;

import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.Schedule;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Precision;
import dev.squall.host.image.ImageStage;
import dev.squall.kernels.image.ImageReference;
import dev.squall.kernels.image.ImageStep;
import dev.squall.kernels.image.NeighbourhoodOp;
import dev.squall.kernels.image.NeighbourhoodStep;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The CPU backend in pure Java: each row on the widest vectors the CPU has ({@link VectorMandelbrot}), rows handed
 * out one at a time to one thread per core. Always
 * available; the fallback of every other backend.
 */
public final class CpuBackend implements Backend {
    private final ForkJoinPool pool;
    private final boolean vectorTables;

    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public CpuBackend(int threads) {
        this(threads, true);
    }

    /**
     * {@code vectorTables} false: byte tables (chains of per-channel point operations) a byte at a time even where
     * the CPU has the 64-byte permute path, to compare the two (both exact).
     */
    public CpuBackend(int threads, boolean vectorTables) {
        this.pool = new ForkJoinPool(threads);
        this.vectorTables = vectorTables;
    }

    /** Compiles the pixel kernels' vector code ahead of the first image (see {@link ByteTable}); returns at once. */
    public static void warmUpPixelKernels() {
        ByteTable.warmUpInBackground();
    }

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public String label() {
        return "cpu (Java, " + pool.getParallelism() + " threads x " + vectorWidth() + ")";
    }

    public int threads() {
        return pool.getParallelism();
    }

    /** The vector width each thread uses, e.g. {@code 512-bit: 8 x f64, 16 x f32}. */
    public static String vectorWidth() {
        return VectorMandelbrot.F64.vectorBitSize() + "-bit vectors: " + VectorMandelbrot.F64.length() + " x f64, "
                + VectorMandelbrot.F32.length() + " x f32";
    }

    @Override
    public long maxBandPixels() {
        return Long.MAX_VALUE;
    }

    @Override
    public void prepare(Precision precision) {
        // nothing to build: the JIT compiles the loop during the first rows
    }

    @Override
    public Optional<String> refuses(MandelbrotParams params) {
        return Optional.empty();    // every formula, in both precisions
    }

    @Override
    public BandStats mandelbrot(MandelbrotGrid grid, Band band, Schedule schedule, MemorySegment destination) {
        int width = grid.params().width();
        int maxIter = grid.params().maxIter();
        boolean f64 = grid.params().precision() == Precision.F64;
        Formula formula = grid.params().formula();
        double[] xs = f64 ? grid.xs() : null;
        float[] xsF32 = f64 ? null : grid.xsF32();
        float[] ysF32 = f64 ? null : grid.ysF32(band.firstRow(), band.rows());
        LongAdder executed = new LongAdder();
        AtomicInteger nextRow = new AtomicInteger();
        long start = System.nanoTime();
        // Dynamic scheduling, one row at a time: every thread takes the next row when it is done with its own, so
        // the slow rows near the set cannot leave a core idle at the end (a row is ~1 µs to ~1 ms of work).
        List<ForkJoinTask<?>> workers = new ArrayList<>();
        for (int t = 0; t < pool.getParallelism(); t++) {
            workers.add(pool.submit(() -> {
                long ran = 0;
                for (int r = nextRow.getAndIncrement(); r < band.rows(); r = nextRow.getAndIncrement()) {
                    long at = (long) r * width;
                    if (f64 && VectorTwoLanes.needed()) {
                        ran += VectorTwoLanes.rowF64(formula, xs, grid.y(band.firstRow() + r), maxIter,
                                schedule.cycleShortcut(), destination, at);
                    } else if (formula instanceof Formula.Mandelbrot) {
                        ran += f64
                                ? VectorMandelbrot.rowF64(xs, grid.y(band.firstRow() + r), maxIter,
                                        schedule.cycleShortcut(), destination, at)
                                : VectorMandelbrot.rowF32(xsF32, ysF32[r], maxIter, schedule.cycleShortcut(),
                                        destination, at);
                    } else {
                        ran += f64
                                ? VectorFormulas.rowF64(formula, xs, grid.y(band.firstRow() + r), maxIter,
                                        schedule.cycleShortcut(), destination, at)
                                : VectorFormulas.rowF32(formula, xsF32, ysF32[r], maxIter, schedule.cycleShortcut(),
                                        destination, at);
                    }
                }
                executed.add(ran);
            }));
        }
        workers.forEach(ForkJoinTask::join);
        return new BandStats(executed.sum(), 0, System.nanoTime() - start, 0);
    }

    /** Pixels per task of a point chain: 64 Ki pixels (256 KiB), many tasks per core, little overhead each. */
    private static final int PIXEL_CHUNK = 1 << 16;

    @Override
    public void pointOps(List<PixelStep> chain, byte[] in, byte[] out) {
        int pixels = in.length / 4;
        int chunks = (pixels + PIXEL_CHUNK - 1) / PIXEL_CHUNK;
        if (chain.stream().allMatch(step -> step.op().perChannel())) {
            // Each of R, G, B maps through the same function of its own value alone: one 256-entry table, made by
            // the reference itself, does the whole chain (exact by construction), 64 bytes at a time where the CPU
            // can (ByteTable).
            byte[] entries = new byte[256];
            for (int c = 0; c < 256; c++) {
                entries[c] = (byte) (PixelReference.apply(chain, PixelReference.tables(chain), c << 24) >>> 24);
            }
            ByteTable table = new ByteTable(entries, vectorTables);
            pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c ->
                    table.apply(in, out, 4 * c * PIXEL_CHUNK, 4 * Math.min(pixels, (c + 1) * PIXEL_CHUNK)))).join();
            return;
        }
        int[][] tables = PixelReference.tables(chain);
        pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
            int end = Math.min(pixels, (c + 1) * PIXEL_CHUNK);
            for (int p = c * PIXEL_CHUNK; p < end; p++) {
                int i = 4 * p;
                int rgba = PixelReference.apply(chain, tables,
                        (in[i] & 0xFF) << 24 | (in[i + 1] & 0xFF) << 16 | (in[i + 2] & 0xFF) << 8 | (in[i + 3] & 0xFF));
                out[i] = (byte) (rgba >>> 24);
                out[i + 1] = (byte) (rgba >>> 16);
                out[i + 2] = (byte) (rgba >>> 8);
                out[i + 3] = (byte) rgba;
            }
        })).join();
    }

    @Override
    public void image(List<ImageStep> chain, int width, int height, byte[] in, byte[] out) {
        List<ImageStage> stages = ImageStage.plan(chain);
        byte[] current = in;
        for (int s = 0; s < stages.size(); s++) {
            byte[] target = s == stages.size() - 1 ? out : new byte[in.length];
            switch (stages.get(s)) {
                case ImageStage.Points p -> pointOps(p.steps(), current, target);
                case ImageStage.Neighbourhood n -> neighbourhood(n.step(), width, height, current, target);
            }
            current = target;
        }
    }

    /** The reference's row functions, rows in parallel; the second pass starts when the first is complete. */
    private void neighbourhood(NeighbourhoodStep step, int width, int height, byte[] src, byte[] dst) {
        switch (step.op()) {
            case BLUR, SHARPEN -> {
                float[] weights = ImageReference.gaussianWeights(step.op() == NeighbourhoodOp.BLUR ? step.arg() : 1f);
                float[] h = new float[src.length];
                rows(height, y -> ImageReference.gaussianRow(src, h, width, y, weights));
                if (step.op() == NeighbourhoodOp.BLUR) {
                    rows(height, y -> ImageReference.gaussianColumn(h, src, dst, width, height, y, weights));
                } else {
                    rows(height, y -> ImageReference.sharpenColumn(h, src, dst, width, height, y, weights, step.arg()));
                }
            }
            case BOX_BLUR -> {
                int[] h = new int[src.length];
                rows(height, y -> ImageReference.boxRow(src, h, width, y, step.radius()));
                rows(height, y -> ImageReference.boxColumn(h, src, dst, width, height, y, step.radius()));
            }
            case SOBEL -> rows(height, y -> ImageReference.sobelRow(src, dst, width, height, y));
        }
    }

    private void rows(int height, java.util.function.IntConsumer row) {
        pool.submit(() -> IntStream.range(0, height).parallel().forEach(row)).join();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
