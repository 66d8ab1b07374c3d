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
 * rows handed out one at a time to the backend's threads. Nothing to build: the JIT compiles the loops during the
 * first rows, and until the vector loops are compiled, f64 rows mostly take the scalar loop ({@link ColdStart}).
 */
final class CpuEscapeTime implements KernelRun {
    private final ForkJoinPool pool;
    private final MandelbrotGrid grid;
    private final Schedule schedule;

    CpuEscapeTime(CpuBackend backend, MandelbrotParams params, Schedule schedule) {
        this.pool = backend.pool();
        this.grid = MandelbrotGrid.of(params);
        this.schedule = schedule;
    }

    @Override
    public BandStats run(Band band, MemorySegment destination) {
        int width = grid.params().width();
        int maxIter = grid.params().maxIter();
        boolean f64 = grid.params().precision() == Precision.F64;
        Formula formula = grid.params().formula();
        double[] xs = f64 ? grid.xs() : null;
        float[] xsF32 = f64 ? null : grid.xsF32();
        float[] ysF32 = f64 ? null : grid.ysF32(band.firstRow(), band.rows());
        ColdStart cold = ColdStart.JVM;
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
                    boolean cycles = schedule.cycleShortcut();
                    if (!f64) {
                        ran += formula instanceof Formula.Mandelbrot
                                ? VectorMandelbrot.rowF32(xsF32, ysF32[r], maxIter, cycles, destination, at)
                                : VectorFormulas.rowF32(formula, xsF32, ysF32[r], maxIter, cycles, destination, at);
                        continue;
                    }
                    double y = grid.y(band.firstRow() + r);
                    if (cold.vectorsFast()) {
                        ran += vectorRowF64(formula, xs, y, maxIter, cycles, destination, at);
                        continue;
                    }
                    // Cold: the scalar loop, and now and then a sample of the vector loop (the row's first
                    // pixels: a whole row there, still boxed, could hold up the end of a short render).
                    int sample = cold.vectors(System.nanoTime()) ? Math.min(width, ColdStart.SAMPLE_PIXELS) : 0;
                    if (sample > 0) {
                        long t0 = System.nanoTime();
                        long did = vectorRowF64(formula, Arrays.copyOf(xs, sample), y, maxIter, cycles, destination,
                                at);
                        cold.record(true, did, System.nanoTime() - t0);
                        ran += did;
                    }
                    if (sample < width) {
                        long t0 = System.nanoTime();
                        long did = ScalarRows.rowF64(formula, sample == 0 ? xs : Arrays.copyOfRange(xs, sample, width),
                                y, maxIter, cycles, destination, at + sample);
                        cold.record(false, did, System.nanoTime() - t0);
                        ran += did;
                    }
                }
                executed.add(ran);
            }));
        }
        workers.forEach(ForkJoinTask::join);
        return new BandStats(executed.sum(), 0, System.nanoTime() - start, 0);
    }

    /** One f64 row on the vector loop this CPU takes: two-lane, the Mandelbrot set's, or the other formulas'. */
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
