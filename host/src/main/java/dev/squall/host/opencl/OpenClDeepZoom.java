package dev.squall.host.opencl;

import dev.squall.host.BandStats;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.render.DeepZoomRun;
import dev.squall.host.render.DeepZoomTally;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Pixels;
import dev.squall.kernels.deep.DeepKernel;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.deep.DeepRender;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Deep zoom on an OpenCL device. When the run is prepared the host computes the reference orbit and the bilinear
 * table (as on the CPU) and uploads them once, with the pixel offsets ({@link DeepKernel#inputs}); each band's
 * first tier then runs on the device ({@code deep.cl}), in launches of at most {@link #LAUNCH_PIXELS} pixels, and
 * the pixels it could not prove are finished on the host ({@link DeepRender.Prepared#settle}): every count exact.
 */
final class OpenClDeepZoom implements DeepZoomRun {
    /**
     * Pixels per launch: enough to fill a large GPU (an H200 holds about 270 000 threads at once), few enough that
     * one launch of a deep view stays short next to display watchdogs.
     */
    static final int LAUNCH_PIXELS = 1 << 18;

    private final int launchPixels;
    private final OpenClBackend backend;
    private final DeepRender.Prepared prepared;
    /** The per-render data's scalars; its arrays are on the device ({@link #buffers}), not kept on the heap. */
    private final DeepKernel.Inputs shape;
    private final OpenClKernel kernel;
    private final DeepZoomTally tally;
    private final List<OpenClBuffer> buffers = new ArrayList<>();
    private final int threads = Runtime.getRuntime().availableProcessors();

    OpenClDeepZoom(OpenClBackend backend, DeepParams params) {
        this(backend, params, DeepRender.Arithmetic.AUTO, LAUNCH_PIXELS);
    }

    /** For tests: another arithmetic than the render's own choice, launches of another size. */
    OpenClDeepZoom(OpenClBackend backend, DeepParams params, DeepRender.Arithmetic arithmetic, int launchPixels) {
        this.backend = backend;
        this.launchPixels = launchPixels;
        OpenClDevice device = backend.device();
        if (!device.fp64()) {
            throw new KernelRefusedException("device " + backend.id() + " does not run the deep zoom kernel: it has"
                    + " no fp64 support");
        }
        this.prepared = DeepRender.prepare(params, true, arithmetic);
        DeepKernel.Inputs inputs = DeepKernel.inputs(prepared);
        if (inputs.largestArrayBytes() > backend.maxImageBytes()) {
            throw new KernelRefusedException(String.format(java.util.Locale.ROOT, "device %s does not run this deep"
                    + " zoom: its reference data needs a %.1f MiB buffer, above the device's %.1f MiB",
                    backend.id(), inputs.largestArrayBytes() / 1048576.0, backend.maxImageBytes() / 1048576.0));
        }
        this.kernel = backend.deepKernel(inputs.extended());
        this.tally = new DeepZoomTally(params.fast());
        try {
            upload(inputs.orbit());
            upload(inputs.orbitExp());
            upload(inputs.table());
            upload(inputs.tableExp());
            upload(inputs.levels());
            upload(inputs.depth());
            upload(inputs.dcMant());
            upload(inputs.dcExp());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.shape = inputs.withoutArrays();
    }

    private OpenClBuffer upload(double[] values) {
        OpenClBuffer b = backend.context().allocateReadOnly((long) values.length * Double.BYTES);
        buffers.add(b);
        backend.context().write(b, values);
        return b;
    }

    private OpenClBuffer upload(byte[] values) {
        OpenClBuffer b = backend.context().allocateReadOnly(values.length);
        buffers.add(b);
        backend.context().write(b, values);
        return b;
    }

    private OpenClBuffer upload(int[] values) {
        OpenClBuffer b = backend.context().allocateReadOnly((long) values.length * Integer.BYTES);
        buffers.add(b);
        backend.context().write(b, values);
        return b;
    }

    @Override
    public BandStats run(Band band, MemorySegment destination) {
        long t0 = System.nanoTime();
        long[] transfer = new long[1];
        DeepRender.Unsettled first = firstTier(band.firstRow(), band.rows(), transfer);
        DeepRender.Result result = prepared.settle(band.firstRow(), band.rows(), first.counts(), first.work(),
                first.nanos(), threads);
        int[] counts = result.counts();
        for (int i = 0; i < counts.length; i++) {
            destination.setAtIndex(Pixels.U32, i, counts[i]);
        }
        DeepRender.Stats s = result.stats();
        tally.add(s);
        return new BandStats(s.steps() + s.blaSkippedIterations(), 0, System.nanoTime() - t0 - transfer[0],
                transfer[0]);
    }

    /**
     * The device's first tier for rows {@code [firstRow, firstRow + rows)}: each count exact or
     * {@link DeepKernel#UNCERTAIN}, as {@link DeepRender.Prepared#firstTier} computes them.
     *
     * @param transfer where the time spent reading results back is added (its {@code [0]})
     */
    DeepRender.Unsettled firstTier(int firstRow, int rows, long[] transfer) {
        int width = shape.width();
        int chunk = Math.max(1, Math.min(rows, launchPixels / width));
        int[] counts = new int[rows * width];
        DeepRender.FirstTier work = DeepRender.FirstTier.NONE;
        long t0 = System.nanoTime();
        long reading = 0;
        try (OpenClBuffer out = backend.context().allocate((long) chunk * width * Integer.BYTES);
             OpenClBuffer perPixel = backend.context().allocate((long) chunk * width * DeepKernel.WORK_INTS
                     * Integer.BYTES)) {
            int[] workInts = new int[chunk * width * DeepKernel.WORK_INTS];
            int[] chunkCounts = new int[chunk * width];
            for (int r = 0; r < rows; r += chunk) {
                int launchRows = Math.min(chunk, rows - r);
                // Every argument at every launch: the kernel is the backend's, shared by the runs it prepares.
                for (int a = 0; a < buffers.size(); a++) {
                    kernel.arg(a, buffers.get(a));
                }
                int k = buffers.size();
                kernel.arg(k, out).arg(k + 1, perPixel).argUint(k + 2, width).argUint(k + 3, shape.height())
                        .argUint(k + 4, firstRow + r).argUint(k + 5, launchRows).argUint(k + 6, shape.maxIter())
                        .argUint(k + 7, shape.last()).argUint(k + 8, shape.tableLevels())
                        .argUint(k + 9, shape.tableLevels() > 0 ? 1 : 0).argUint(k + 10, shape.trusting() ? 1 : 0)
                        .argUint(k + 11, shape.halfStepExp());
                if (backend.device().type() == OpenClDevice.Type.CPU) {
                    kernel.run2d(width, launchRows);
                } else {
                    long[] group = OpenClBackend.GPU_GROUP;
                    kernel.run2d(roundUp(width, group[0]), roundUp(launchRows, group[1]), group);
                }
                long t = System.nanoTime();
                int n = launchRows * width;
                backend.context().read(out, chunkCounts, n);
                System.arraycopy(chunkCounts, 0, counts, r * width, n);
                backend.context().read(perPixel, workInts, n * DeepKernel.WORK_INTS);
                reading += System.nanoTime() - t;
                work = work.plus(sum(workInts, n));
            }
        }
        transfer[0] += reading;
        return new DeepRender.Unsettled(counts, work, System.nanoTime() - t0 - reading);
    }

    /** {@return whether the deltas keep their own exponent (the program variant)} */
    boolean extended() {
        return shape.extended();
    }

    /** {@return the render, prepared on the host} */
    DeepRender.Prepared prepared() {
        return prepared;
    }

    private static DeepRender.FirstTier sum(int[] w, int pixels) {
        long rebases = 0;
        long jumps = 0;
        long skipped = 0;
        long steps = 0;
        long unproven = 0;
        for (int i = 0; i < pixels; i++) {
            int b = DeepKernel.WORK_INTS * i;
            rebases += w[b];
            jumps += w[b + 1];
            skipped += w[b + 2];
            steps += w[b + 3];
            unproven += w[b + 4];
        }
        return new DeepRender.FirstTier(rebases, jumps, skipped, steps, unproven);
    }

    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    @Override
    public DeepRender.Stats stats() {
        return tally.total();
    }

    @Override
    public String report() {
        return tally.report("pixels on " + backend.id());
    }

    @Override
    public void close() {
        buffers.forEach(OpenClBuffer::close);
        buffers.clear();
    }
}
