package dev.squall.host.cpu;

import dev.squall.host.BandStats;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The escape-time formulas on the CPU: each row on the widest vectors the CPU has ({@link VectorMandelbrot} for the
 * Mandelbrot set, {@link VectorFormulas} for the others, {@link VectorTwoLanes} for doubles where vectors hold two),
 * pieces of rows ({@link #PIECE} pixels) handed out one at a time to the backend's threads. Nothing to build: the
 * JIT compiles the loops during the first rows, and until the vector loops are compiled, f64 rows mostly take the
 * scalar loop ({@link ColdStart}).
 */
final class CpuEscapeTime implements KernelRun {
    /**
     * Pixels in one piece of a row, the unit the threads take: a band ends when its slowest piece does, so pieces
     * shorter than a row leave less idle time at each band's end (whole 1920-pixel rows cost about 3 ms a render
     * on 2 cores at the no-interior view, BENCHMARKS.md).
     */
    static final int PIECE = 512;

    private final ForkJoinPool pool;
    private final MandelbrotGrid grid;
    private final Schedule schedule;
    /** The row's x coordinates, piece by piece: {@code [from, from + PIECE)} for each piece. */
    private final double[][] xs;
    private final float[][] xsF32;

    CpuEscapeTime(CpuBackend backend, MandelbrotParams params, Schedule schedule) {
        this.pool = backend.pool();
        this.grid = MandelbrotGrid.of(params);
        this.schedule = schedule;
        int width = params.width();
        int pieces = (width + PIECE - 1) / PIECE;
        boolean f64 = params.precision() == Precision.F64;
        this.xs = new double[f64 ? pieces : 0][];
        this.xsF32 = new float[f64 ? 0 : pieces][];
        for (int k = 0; k < pieces; k++) {
            int from = k * PIECE;
            int to = Math.min(width, from + PIECE);
            if (f64) {
                xs[k] = Arrays.copyOfRange(grid.xs(), from, to);
            } else {
                xsF32[k] = Arrays.copyOfRange(grid.xsF32(), from, to);
            }
        }
    }

    @Override
    public BandStats run(Band band, MemorySegment destination) {
        int width = grid.params().width();
        int maxIter = grid.params().maxIter();
        boolean f64 = grid.params().precision() == Precision.F64;
        Formula formula = grid.params().formula();
        float[] ysF32 = f64 ? null : grid.ysF32(band.firstRow(), band.rows());
        int pieces = f64 ? xs.length : xsF32.length;
        int items = band.rows() * pieces;
        boolean cycles = schedule.cycleShortcut();
        ColdStart cold = ColdStart.JVM;
        LongAdder executed = new LongAdder();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        // Dynamic scheduling, a piece of a row at a time: every thread takes the next piece when it is done with
        // its own, so the slow pieces near the set cannot leave a core idle for long at the end.
        List<ForkJoinTask<?>> workers = new ArrayList<>();
        for (int t = 0; t < pool.getParallelism(); t++) {
            workers.add(pool.submit(() -> {
                long ran = 0;
                for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                    int r = i / pieces;
                    int k = i % pieces;
                    long at = (long) r * width + (long) k * PIECE;
                    if (!f64) {
                        ran += formula instanceof Formula.Mandelbrot
                                ? VectorMandelbrot.rowF32(xsF32[k], ysF32[r], maxIter, cycles, destination, at)
                                : VectorFormulas.rowF32(formula, xsF32[k], ysF32[r], maxIter, cycles, destination,
                                        at);
                        continue;
                    }
                    double y = grid.y(band.firstRow() + r);
                    if (cold.vectorsFast()) {
                        ran += vectorRowF64(formula, xs[k], y, maxIter, cycles, destination, at);
                        continue;
                    }
                    // Cold: the scalar loop, and now and then a piece on the vector loop as a sample.
                    boolean vector = cold.vectors(System.nanoTime());
                    long t0 = System.nanoTime();
                    long did = vector ? vectorRowF64(formula, xs[k], y, maxIter, cycles, destination, at)
                            : ScalarRows.rowF64(formula, xs[k], y, maxIter, cycles, destination, at);
                    cold.record(vector, did, System.nanoTime() - t0);
                    ran += did;
                }
                executed.add(ran);
            }));
        }
        workers.forEach(ForkJoinTask::join);
        return new BandStats(executed.sum(), 0, System.nanoTime() - start, 0);
    }

    /** One f64 row (or piece) on the vector loop this CPU takes: two-lane, the Mandelbrot set's, or the others'. */
    private static long vectorRowF64(Formula formula, double[] xs, double y, int maxIter, boolean cycles,
            MemorySegment destination, long at) {
        if (VectorTwoLanes.needed()) {
            return VectorTwoLanes.rowF64(formula, xs, y, maxIter, cycles, destination, at);
        }
        return formula instanceof Formula.Mandelbrot
                ? VectorMandelbrot.rowF64(xs, y, maxIter, cycles, destination, at)
                : VectorFormulas.rowF64(formula, xs, y, maxIter, cycles, destination, at);
    }
}
