package dev.squall.host.opencl;

import dev.squall.host.BandStats;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotKernel;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The escape-time formulas on an OpenCL device: {@code mandelbrot.cl} built for the precision and formula when the
 * run is prepared (once per device, kept by the backend), then each band as one launch with its coordinates
 * uploaded and its counts and executed iterations read back. The scalar kernel goes to GPUs, the SIMD one to CPU
 * devices (see {@link Schedule.OpenClVariant}).
 */
final class OpenClEscapeTime implements KernelRun {
    private static final long[] GPU_GROUP = OpenClBackend.GPU_GROUP;

    private final OpenClBackend backend;
    private final MandelbrotGrid grid;
    private final Schedule schedule;
    private final boolean simd;
    private final OpenClKernel kernel;

    OpenClEscapeTime(OpenClBackend backend, MandelbrotParams params, Schedule schedule) {
        this.backend = backend;
        this.grid = MandelbrotGrid.of(params);
        this.schedule = schedule;
        this.simd = backend.simd(schedule);
        this.kernel = backend.kernel(params.precision(), params.formula(),
                simd ? MandelbrotKernel.SIMD : MandelbrotKernel.SCALAR);
    }

    @Override
    public BandStats run(Band band, MemorySegment destination) {
        Precision precision = grid.params().precision();
        int width = grid.params().width();
        int rows = band.rows();
        int lanes = simd ? MandelbrotKernel.lanes(precision) : 1;
        Formula formula = grid.params().formula();
        long items = simd ? (width + lanes - 1) / lanes : width;
        long executedBytes = items * rows * (simd ? Long.BYTES : Integer.BYTES);
        int paddedWidth = (int) (items * lanes);
        boolean f64 = precision == Precision.F64;
        int real = precision.bytes();
        try (OpenClBuffer xs = backend.context().allocateReadOnly((long) paddedWidth * real);
             OpenClBuffer ys = backend.context().allocateReadOnly((long) rows * real);
             OpenClBuffer counts = backend.context().allocate(band.pixels(width) * Integer.BYTES);
             OpenClBuffer executed = backend.context().allocate(executedBytes);
             Arena arena = Arena.ofConfined()) {
            long t0 = System.nanoTime();
            if (f64) {
                backend.context().write(xs, padded(grid.xs(), paddedWidth));
                backend.context().write(ys, grid.ys(band.firstRow(), rows));
            } else {
                backend.context().write(xs, padded(grid.xsF32(), paddedWidth));
                backend.context().write(ys, grid.ysF32(band.firstRow(), rows));
            }
            long t1 = System.nanoTime();
            kernel.arg(0, xs).arg(1, ys).arg(2, counts).arg(3, executed).argUint(4, width).argUint(5, rows)
                    .argUint(6, grid.params().maxIter()).argUint(7, schedule.cycleShortcut() ? 1 : 0);
            double cr = formula instanceof Formula.Julia j ? j.cr() : 0;
            double ci = formula instanceof Formula.Julia j ? j.ci() : 0;
            if (f64) {
                kernel.argDouble(8, cr).argDouble(9, ci);
            } else {
                kernel.argFloat(8, (float) cr).argFloat(9, (float) ci);
            }
            if (backend.device().type() == OpenClDevice.Type.CPU || simd) {
                kernel.run2d(items, rows);
            } else {
                kernel.run2d(roundUp(items, GPU_GROUP[0]), roundUp(rows, GPU_GROUP[1]), GPU_GROUP);
            }
            long t2 = System.nanoTime();
            backend.context().read(counts, destination);
            MemorySegment ran = arena.allocate(executedBytes, Long.BYTES);
            backend.context().read(executed, ran);
            long t3 = System.nanoTime();
            return new BandStats(sum(ran, simd), t1 - t0, t2 - t1, t3 - t2);
        }
    }

    private static long sum(MemorySegment ran, boolean longs) {
        long sum = 0;
        if (longs) {
            for (long i = 0, n = ran.byteSize() / Long.BYTES; i < n; i++) {
                sum += ran.getAtIndex(ValueLayout.JAVA_LONG, i);
            }
        } else {
            for (long i = 0, n = ran.byteSize() / Integer.BYTES; i < n; i++) {
                sum += Integer.toUnsignedLong(ran.getAtIndex(ValueLayout.JAVA_INT, i));
            }
        }
        return sum;
    }

    /** {@code values} lengthened to {@code length} with copies of the last (the SIMD kernel loads whole vectors). */
    private static double[] padded(double[] values, int length) {
        double[] p = Arrays.copyOf(values, length);
        Arrays.fill(p, values.length, length, values[values.length - 1]);
        return p;
    }

    private static float[] padded(float[] values, int length) {
        float[] p = Arrays.copyOf(values, length);
        Arrays.fill(p, values.length, length, values[values.length - 1]);
        return p;
    }

    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

}
