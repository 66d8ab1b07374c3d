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
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The escape-time formulas on the CPU: each row on the widest vectors the CPU has ({@link VectorMandelbrot} for the
 * Mandelbrot set, {@link VectorFormulas} for the others, {@link VectorTwoLanes} for doubles where vectors hold two),
 * rows handed out one at a time to the backend's threads. Nothing to build: the JIT compiles the loops during the
 * first rows.
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
}
