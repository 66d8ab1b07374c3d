package dev.squall.host.tornado;

import dev.squall.api.DeviceInfo;
import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.DeviceException;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.KernelRun;
import dev.squall.kernels.Kernel;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.ImageChain;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.host.Schedule;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.image.PixelOp;
import dev.squall.kernels.image.PixelStep;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.tornado.BrightnessTornado;
import dev.squall.kernels.tornado.MandelbrotTornado;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.TornadoProfilerResult;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * One TornadoVM device. Each distinct launch (precision, API, band shape, max-iter; or brightness factor and size)
 * is one task graph and execution plan, compiled by TornadoVM on its first run and kept for the next ones (the
 * last {@link #PLANS_KEPT}); scalar arguments are part of a TornadoVM task, so a new max-iter is a new plan.
 *
 * <p><b>No silent failures.</b> A launch TornadoVM rejects (an OpenCL error such as a work-group size that does
 * not divide the global size) has been seen to leave all or part of its output unwritten without an exception.
 * So: KernelContext grids are rounded up to whole work-groups no larger than the device allows, and every launch is
 * checked. The counts buffer is zeroed and uploaded before each run, and no pixel can count 0 (the start state
 * (0, 0) never escapes), so a 0 afterwards is a pixel the device never wrote; brightness uploads its output with
 * every alpha byte inverted, and a kernel that ran copies each alpha back. Either failure throws
 * {@link DeviceException} (the band is then redone elsewhere or the command fails): no wrong image is returned.
 */
final class TornadoVmBackend implements Backend {
    /** Counts per band at most: 64 MiB of them, as the OpenCL backend. */
    private static final long MAX_BAND_PIXELS = (64L << 20) / Integer.BYTES;
    private static final int PLANS_KEPT = 4;
    /**
     * The launch style of image operations, which carry no {@link Schedule}: {@code @Parallel}, or KernelContext with
     * {@code -Dsquall.tornado.image-api=kernel-context} (for measuring one against the other, benchmarks/tornado.sh).
     */
    static final Schedule.TornadoApi IMAGE_API = "kernel-context".equals(System.getProperty("squall.tornado.image-api"))
            ? Schedule.TornadoApi.KERNEL_CONTEXT : Schedule.TornadoApi.PARALLEL;
    /**
     * Test hook: with this property set, KernelContext grids are not rounded up to whole work-groups, which is the
     * launch an OpenCL driver rejects (CL_INVALID_WORK_GROUP_SIZE) while TornadoVM returns as if it had run.
     */
    static final String FAULT_UNROUNDED_GRID = "squall.fault.tornado-unrounded-grid";

    private final TornadoDevice device;
    private final String id;
    private final boolean fast;
    private final Map<Object, Launch> launches = new LinkedHashMap<>(8, 0.75f, true);
    private int graphs;

    TornadoVmBackend(TornadoDevice device, String id, boolean fast) {
        this.device = device;
        this.id = id;
        this.fast = fast;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String family() {
        return "tornado";
    }

    @Override
    public DeviceInfo info() {
        return new DeviceInfo(id, String.valueOf(device.getDeviceType()),
                device.getPhysicalDevice().getDeviceMaxComputeUnits(), device.getMaxGlobalMemory(),
                device.getMaxAllocMemory(), true, device.getPhysicalDevice().getDeviceName() + " / TornadoVM "
                        + device.getTornadoVMBackend() + " on " + device.getPlatformName());
    }

    @Override
    public String label() {
        return id + " (" + device.getPhysicalDevice().getDeviceName() + ", TornadoVM " + device.getTornadoVMBackend()
                + ", "
                + (fast ? "fast math: results may differ from the reference" : "exact") + ")";
    }

    @Override
    public long maxBandPixels() {
        return Math.min(MAX_BAND_PIXELS, device.getMaxAllocMemory() / Integer.BYTES);
    }

    /**
     * The Mandelbrot set (both precisions) and a chain of brightness alone; every other formula or operation is
     * refused by name before any work. TornadoVM compiles a task graph on its first run: that cost lands in the
     * first (warm-up) band.
     */
    @Override
    public KernelRun prepare(Kernel kernel, Schedule schedule) {
        switch (kernel) {
            case MandelbrotParams p when p.formula() instanceof Formula.Mandelbrot -> {
                MandelbrotGrid grid = MandelbrotGrid.of(p);
                return (band, destination) -> mandelbrot(grid, band, schedule, destination);
            }
            case ImageChain chain -> {
                if (chain.steps().size() != 1 || !(chain.steps().getFirst() instanceof PixelStep step)
                        || step.op() != PixelOp.BRIGHTNESS) {
                    throw new KernelRefusedException("TornadoVM devices run brightness=F alone (got " + chain.steps()
                            + "); use the cpu device or an OpenCL device for other operations");
                }
                return (band, destination) -> {
                    long t0 = System.nanoTime();
                    int width = chain.width();
                    byte[] in = java.util.Arrays.copyOfRange(chain.rgba(), 4 * band.firstRow() * width,
                            4 * (band.firstRow() + band.rows()) * width);
                    byte[] out = new byte[in.length];
                    brightness(step.arg(), IMAGE_API, in, out);
                    MemorySegment.copy(MemorySegment.ofArray(out), 0, destination, 0, out.length);
                    return new BandStats(0, 0, System.nanoTime() - t0, 0);
                };
            }
            default -> throw KernelRefusedException.onlyMandelbrot(this, kernel);
        }
    }

    private synchronized BandStats mandelbrot(MandelbrotGrid grid, Band band, Schedule schedule,
            MemorySegment destination) {
        MandelbrotParams p = grid.params();
        int checkAfter = MandelbrotTornado.checkAfter(p.maxIter(), schedule.cycleShortcut());
        var key = List.of(p.precision(), schedule.tornadoApi(), p.width(), band.rows(), p.maxIter(), checkAfter);
        MandelbrotLaunch launch = (MandelbrotLaunch) launch(key,
                () -> new MandelbrotLaunch(p, band.rows(), checkAfter, schedule.tornadoApi()));
        return launch.run(grid, band, destination);
    }

    /** Brightness in either launch style (point operations carry no schedule: {@link #IMAGE_API} there). */
    synchronized void brightness(float factor, Schedule.TornadoApi api, byte[] in, byte[] out) {
        int pixels = in.length / 4;
        BrightnessLaunch launch = (BrightnessLaunch) launch(List.of("brightness", api, pixels, factor),
                () -> new BrightnessLaunch(pixels, factor, api));
        launch.run(in, out);
    }

    @Override
    public synchronized void close() {
        launches.values().forEach(Launch::close);
        launches.clear();
    }

    private Launch launch(Object key, java.util.function.Supplier<Launch> create) {
        Launch launch = launches.get(key);
        if (launch == null) {
            launch = create.get();
            launches.put(key, launch);
            if (launches.size() > PLANS_KEPT) {
                var eldest = launches.entrySet().iterator().next();
                eldest.getValue().close();
                launches.remove(eldest.getKey());
            }
        }
        return launch;
    }

    /** One compiled task graph and its buffers. */
    private abstract class Launch {
        final String name = "squall" + (++graphs);
        TornadoExecutionPlan plan;

        TornadoExecutionResult execute() {
            try {
                return plan.execute();
            } catch (RuntimeException e) {
                throw new DeviceException("TornadoVM failed on " + id + ": " + e);
            }
        }

        void close() {
            try {
                plan.close();
            } catch (TornadoExecutionPlanException e) {
                throw new DeviceException("TornadoVM could not free the buffers of " + name + " on " + id + ": "
                        + e.getMessage());
            }
        }

        /** The device's largest work-group for {@code dims} dimensions of equal sides, at most 256 items. */
        int side(int dims) {
            long[] max = device.getPhysicalDevice().getDeviceMaxWorkGroupSize();
            long items = Math.min(256, max.length > 0 && max[0] > 0 ? max[0] : 1);
            int side = 1;
            while (Math.pow(side * 2, dims) <= items) {
                side *= 2;
            }
            return side;
        }
    }

    private final class MandelbrotLaunch extends Launch {
        private final Precision precision;
        private final int width;
        private final int rows;
        private final DoubleArray xs64;
        private final DoubleArray ys64;
        private final FloatArray xs32;
        private final FloatArray ys32;
        private final IntArray counts;
        private final IntArray executed;

        MandelbrotLaunch(MandelbrotParams p, int rows, int checkAfter, Schedule.TornadoApi api) {
            this.precision = p.precision();
            this.width = p.width();
            this.rows = rows;
            int maxIter = p.maxIter();
            counts = new IntArray(width * rows);
            executed = new IntArray(width * rows);
            boolean context = api == Schedule.TornadoApi.KERNEL_CONTEXT;
            TaskGraph graph = new TaskGraph(name);
            if (precision == Precision.F64) {
                xs64 = new DoubleArray(width);
                ys64 = new DoubleArray(rows);
                xs32 = null;
                ys32 = null;
                graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, xs64, ys64, counts);
                if (context) {
                    graph.task("t", MandelbrotTornado::contextF64, new KernelContext(), xs64, ys64, counts, executed,
                            width, rows, maxIter, checkAfter);
                } else {
                    graph.task("t", MandelbrotTornado::parallelF64, xs64, ys64, counts, executed, width, rows,
                            maxIter, checkAfter);
                }
            } else {
                xs64 = null;
                ys64 = null;
                xs32 = new FloatArray(width);
                ys32 = new FloatArray(rows);
                graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, xs32, ys32, counts);
                if (context) {
                    graph.task("t", MandelbrotTornado::contextF32, new KernelContext(), xs32, ys32, counts, executed,
                            width, rows, maxIter, checkAfter);
                } else {
                    graph.task("t", MandelbrotTornado::parallelF32, xs32, ys32, counts, executed, width, rows,
                            maxIter, checkAfter);
                }
            }
            graph.transferToHost(DataTransferMode.EVERY_EXECUTION, counts, executed);
            plan = new TornadoExecutionPlan(graph.snapshot()).withDevice(device).withProfiler(ProfilerMode.SILENT);
            if (context) {
                int side = side(2);
                boolean fault = Boolean.getBoolean(FAULT_UNROUNDED_GRID);
                WorkerGrid grid = fault ? new WorkerGrid2D(width, rows)
                        : new WorkerGrid2D(roundUp(width, side), roundUp(rows, side));
                grid.setLocalWork(side, side, 1);
                plan.withGridScheduler(new GridScheduler(name + ".t", grid));
            }
        }

        BandStats run(MandelbrotGrid grid, Band band, MemorySegment destination) {
            if (precision == Precision.F64) {
                xs64.getSegment().copyFrom(MemorySegment.ofArray(grid.xs()));
                ys64.getSegment().copyFrom(MemorySegment.ofArray(grid.ys(band.firstRow(), rows)));
            } else {
                xs32.getSegment().copyFrom(MemorySegment.ofArray(grid.xsF32()));
                ys32.getSegment().copyFrom(MemorySegment.ofArray(grid.ysF32(band.firstRow(), rows)));
            }
            counts.init(0);
            TornadoExecutionResult result = execute();
            MemorySegment c = counts.getSegment();
            MemorySegment e = executed.getSegment();
            long pixels = (long) width * rows;
            long unwritten = 0;
            long ran = 0;
            for (long i = 0; i < pixels; i++) {
                if (c.getAtIndex(ValueLayout.JAVA_INT, i) == 0) {
                    unwritten++;
                }
                ran += e.getAtIndex(ValueLayout.JAVA_INT, i);
            }
            if (unwritten > 0) {
                throw new DeviceException(String.format("TornadoVM left %d of %d pixels of rows %d-%d unwritten on"
                        + " %s (a launch that failed without an error)", unwritten, pixels, band.firstRow(),
                        band.firstRow() + rows - 1, id));
            }
            // Both are u32 in the machine's order, little-endian on every platform TornadoVM supports.
            MemorySegment.copy(c, 0, destination, 0, pixels * Integer.BYTES);
            TornadoProfilerResult profile = result.getProfilerResult();
            return new BandStats(ran, profile.getDeviceWriteTime(), profile.getDeviceKernelTime(),
                    profile.getDeviceReadTime());
        }
    }

    private final class BrightnessLaunch extends Launch {
        private final int pixels;
        private final ByteArray in;
        private final ByteArray out;

        BrightnessLaunch(int pixels, float factor, Schedule.TornadoApi api) {
            this.pixels = pixels;
            in = new ByteArray(pixels * 4);
            out = new ByteArray(pixels * 4);
            TaskGraph graph = new TaskGraph(name).transferToDevice(DataTransferMode.EVERY_EXECUTION, in, out);
            boolean context = api == Schedule.TornadoApi.KERNEL_CONTEXT;
            if (context) {
                graph.task("t", BrightnessTornado::context, new KernelContext(), in, out, pixels, factor);
            } else {
                graph.task("t", BrightnessTornado::parallel, in, out, pixels, factor);
            }
            graph.transferToHost(DataTransferMode.EVERY_EXECUTION, out);
            plan = new TornadoExecutionPlan(graph.snapshot()).withDevice(device);
            if (context) {
                int side = side(1);
                WorkerGrid grid = new WorkerGrid1D(roundUp(pixels, side));
                grid.setLocalWork(side, 1, 1);
                plan.withGridScheduler(new GridScheduler(name + ".t", grid));
            }
        }

        void run(byte[] source, byte[] target) {
            MemorySegment src = in.getSegment();
            MemorySegment dst = out.getSegment();
            src.copyFrom(MemorySegment.ofArray(source));
            for (long a = 3; a < 4L * pixels; a += 4) {
                dst.set(ValueLayout.JAVA_BYTE, a, (byte) ~source[(int) a]);
            }
            execute();
            MemorySegment.copy(dst, 0, MemorySegment.ofArray(target), 0, 4L * pixels);
            long unwritten = 0;
            for (int a = 3; a < 4 * pixels; a += 4) {
                if (target[a] != source[a]) {
                    unwritten++;
                }
            }
            if (unwritten > 0) {
                throw new DeviceException(String.format("TornadoVM left %d of %d pixels unwritten on %s (a launch"
                        + " that failed without an error)", unwritten, pixels, id));
            }
        }
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
