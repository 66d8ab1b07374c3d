package dev.squall.host.opencl;

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
import dev.squall.kernels.image.PixelKernel;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotKernel;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jocl.CL;

/**
 * Runs kernels on one OpenCL device through JOCL. The context lives as long as the backend; each program is built
 * once per precision and kept; band buffers live for one band. The scalar kernel goes to GPUs, the SIMD one to CPU
 * devices (see {@link Schedule.OpenClVariant}).
 */
public final class OpenClBackend implements Backend {
    /**
     * Largest band buffer by default: 64 MiB (16 M pixels) keeps each launch well under a second on a GPU (display
     * watchdogs) while launch overhead stays negligible; smaller when the device's allocation limit is smaller.
     */
    public static final long DEFAULT_MAX_BAND_BYTES = 64L << 20;


    /** Work-group of the scalar kernel on GPUs: 128 items in a 16 x 8 block, neighbours in both directions. */
    private static final long[] GPU_GROUP = {16, 8};

    private final OpenClDevice device;
    private final OpenClContext context;
    private final long maxBandBytes;
    private final long maxImageBytes;
    private final Map<String, OpenClProgram> programs = new HashMap<>();
    private final Map<String, OpenClKernel> kernels = new HashMap<>();
    private OpenClProgram pixelProgram;

    public OpenClBackend(OpenClDevice device) {
        this(device, DEFAULT_MAX_BAND_BYTES, device.maxAllocBytes());
    }

    /** Smaller buffers than the device allows, to force many bands and pieces in tests. */
    public OpenClBackend(OpenClDevice device, long maxBandBytes) {
        this(device, maxBandBytes, maxBandBytes);
    }

    /**
     * {@code maxBandBytes}: the largest counts buffer of one Mandelbrot band; {@code maxImageBytes}: the largest
     * buffer of an image band (its 16-byte-a-pixel intermediate). Both capped by the device's allocation limit.
     */
    private OpenClBackend(OpenClDevice device, long maxBandBytes, long maxImageBytes) {
        this.device = device;
        this.maxBandBytes = Math.min(maxBandBytes, device.maxAllocBytes());
        this.maxImageBytes = Math.min(maxImageBytes, device.maxAllocBytes());
        this.context = OpenClContext.open(device);
    }

    @Override
    public String id() {
        return device.id();
    }

    @Override
    public String label() {
        return device.label();
    }

    @Override
    public long maxBandPixels() {
        return maxBandBytes / Integer.BYTES;
    }

    @Override
    public void prepare(Precision precision) {
        program(precision, Formula.MANDELBROT);
    }

    @Override
    public void prepare(Precision precision, Formula formula) {
        program(precision, formula);
    }

    @Override
    public Optional<String> refuses(MandelbrotParams params) {
        return Optional.empty();    // every formula, in both precisions (fp64 is the device's own question)
    }

    /** The variant {@code schedule} asks for on this device. */
    public boolean simd(Schedule schedule) {
        return switch (schedule.openClVariant()) {
            case AUTO -> device.type() == OpenClDevice.Type.CPU;
            case SCALAR -> false;
            case SIMD -> true;
        };
    }

    private OpenClProgram program(Precision precision, Formula formula) {
        String key = MandelbrotKernel.programKey(precision, formula);
        OpenClProgram program = programs.get(key);
        if (program == null) {
            if (precision == Precision.F64 && !device.fp64()) {
                throw new UnsupportedOperationException(device.label() + " has no fp64 support");
            }
            program = context.build(MandelbrotKernel.SOURCE, MandelbrotKernel.buildOptions(precision, formula));
            programs.put(key, program);
        }
        return program;
    }

    private OpenClKernel kernel(Precision precision, Formula formula, String name) {
        OpenClProgram program = program(precision, formula);
        return kernels.computeIfAbsent(MandelbrotKernel.programKey(precision, formula) + "/" + name,
                k -> program.kernel(name));
    }

    @Override
    public BandStats mandelbrot(MandelbrotGrid grid, Band band, Schedule schedule, MemorySegment destination) {
        Precision precision = grid.params().precision();
        int width = grid.params().width();
        int rows = band.rows();
        boolean simd = simd(schedule);
        int lanes = simd ? MandelbrotKernel.lanes(precision) : 1;
        Formula formula = grid.params().formula();
        OpenClKernel kernel = kernel(precision, formula, simd ? MandelbrotKernel.SIMD : MandelbrotKernel.SCALAR);
        long items = simd ? (width + lanes - 1) / lanes : width;
        long executedBytes = items * rows * (simd ? Long.BYTES : Integer.BYTES);
        int paddedWidth = (int) (items * lanes);
        boolean f64 = precision == Precision.F64;
        int real = precision.bytes();
        try (OpenClBuffer xs = context.allocateReadOnly((long) paddedWidth * real);
             OpenClBuffer ys = context.allocateReadOnly((long) rows * real);
             OpenClBuffer counts = context.allocate(band.pixels(width) * Integer.BYTES);
             OpenClBuffer executed = context.allocate(executedBytes);
             Arena arena = Arena.ofConfined()) {
            long t0 = System.nanoTime();
            if (f64) {
                context.write(xs, padded(grid.xs(), paddedWidth));
                context.write(ys, grid.ys(band.firstRow(), rows));
            } else {
                context.write(xs, padded(grid.xsF32(), paddedWidth));
                context.write(ys, grid.ysF32(band.firstRow(), rows));
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
            if (device.type() == OpenClDevice.Type.CPU || simd) {
                kernel.run2d(items, rows);
            } else {
                kernel.run2d(roundUp(items, GPU_GROUP[0]), roundUp(rows, GPU_GROUP[1]), GPU_GROUP);
            }
            long t2 = System.nanoTime();
            context.read(counts, destination);
            MemorySegment ran = arena.allocate(executedBytes, Long.BYTES);
            context.read(executed, ran);
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

    /** Work-group of the point-operation kernel: 256 pixels. */
    private static final long PIXEL_GROUP = 256;

    private OpenClKernel pixelKernel(String name) {
        if (pixelProgram == null) {
            pixelProgram = context.build(PixelKernel.SOURCE, "");
        }
        return kernels.computeIfAbsent("image/" + name, k -> pixelProgram.kernel(name));
    }

    @Override
    public void pointOps(List<PixelStep> chain, byte[] in, byte[] out) {
        // Pieces of at most a device allocation (and 64 MiB): one upload and one download each.
        int maxPixels = (int) Math.min(maxBandBytes / 4, Integer.MAX_VALUE / 4);
        int pixels = in.length / 4;
        for (int first = 0; first < pixels; first += maxPixels) {
            int n = Math.min(maxPixels, pixels - first);
            byte[] part = first == 0 && n == pixels ? in : Arrays.copyOfRange(in, 4 * first, 4 * (first + n));
            byte[] result = part == in ? out : new byte[4 * n];
            try (OpenClBuffer src = context.allocateReadOnly(4L * n); OpenClBuffer dst = context.allocate(4L * n)) {
                context.write(src, part);
                points(chain, src, dst, n);
                context.read(dst, result);
            }
            if (result != out) {
                System.arraycopy(result, 0, out, 4 * first, 4 * n);
            }
        }
    }

    /** One pass of fused point operations from {@code src} to {@code dst}, both on the device. */
    private void points(List<PixelStep> chain, OpenClBuffer src, OpenClBuffer dst, int pixels) {
        int steps = Math.max(1, chain.size());
        int[] codes = new int[steps];
        float[] args = new float[steps];
        byte[] tables = new byte[256 * steps];
        int[][] lookup = PixelReference.tables(chain);
        for (int k = 0; k < chain.size(); k++) {
            codes[k] = chain.get(k).op().code();
            args[k] = chain.get(k).arg();
            if (lookup[k] != null) {
                for (int c = 0; c < 256; c++) {
                    tables[256 * k + c] = (byte) lookup[k][c];
                }
            }
        }
        try (OpenClBuffer codeBuffer = context.allocateReadOnly(4L * steps);
             OpenClBuffer argBuffer = context.allocateReadOnly(4L * steps);
             OpenClBuffer tableBuffer = context.allocateReadOnly(tables.length)) {
            context.write(codeBuffer, codes);
            context.write(argBuffer, args);
            context.write(tableBuffer, tables);
            pixelKernel(PixelKernel.POINT_OPS).arg(0, src).arg(1, dst).argUint(2, pixels).arg(3, codeBuffer)
                    .arg(4, argBuffer).argUint(5, chain.size()).arg(6, tableBuffer).run1d(pixels, PIXEL_GROUP);
        }
    }

    /**
     * The whole chain on the device: one upload, every stage between two image buffers (and one intermediate of
     * 16 bytes a pixel for two-pass operations), one download; in bands with halos when that does not fit one
     * allocation. Point-only chains go through {@link #pointOps}, in pieces of any size.
     */
    @Override
    public void image(List<ImageStep> chain, int width, int height, byte[] in, byte[] out) {
        List<ImageStage> stages = ImageStage.plan(chain);
        if (stages.size() == 1 && stages.get(0) instanceof ImageStage.Points p) {
            pointOps(p.steps(), in, out);
            return;
        }
        // Bands of whole rows when the image's intermediate (16 bytes a pixel) does not fit one buffer: each band
        // is computed with `halo` extra rows on each side, as many as all the chain's stages reach together, so the
        // rows it keeps never see the band's artificial edges (each stage spreads their clamping by its radius).
        int halo = stages.stream().mapToInt(s -> s instanceof ImageStage.Neighbourhood n ? n.step().radius() : 0)
                .sum();
        long rowBytes = 16L * width;
        long fitRows = maxImageBytes / rowBytes;
        int bandRows = fitRows >= height ? height : (int) Math.min(Integer.MAX_VALUE, fitRows - 2L * halo);
        if (bandRows < 1) {
            throw new UnsupportedOperationException(width + "x" + height + ": one row and the " + 2 * halo
                    + " rows its operations reach need " + rowBytes * (1 + 2L * halo) + " bytes in one buffer, more "
                    + "than " + device.label() + " allows (" + maxImageBytes + ")");
        }
        for (int first = 0; first < height; first += bandRows) {
            int rows = Math.min(bandRows, height - first);
            int from = Math.max(0, first - halo);
            int to = Math.min(height, first + rows + halo);
            int extent = to - from;
            byte[] band = first == 0 && rows == height ? in : Arrays.copyOfRange(in, 4 * from * width, 4 * to * width);
            byte[] result = band == in ? out : new byte[band.length];
            band(stages, width, extent, band, result);
            if (result != out) {
                System.arraycopy(result, 4 * (first - from) * width, out, 4 * first * width, 4 * rows * width);
            }
        }
    }

    /** Every stage on one image (or band) on the device: one upload, one download. */
    private void band(List<ImageStage> stages, int width, int height, byte[] in, byte[] out) {
        long pixels = (long) width * height;
        try (OpenClBuffer a = context.allocate(pixels * 4);
             OpenClBuffer b = context.allocate(pixels * 4);
             OpenClBuffer mid = context.allocate(pixels * 16)) {
            context.write(a, in);
            OpenClBuffer current = a;
            OpenClBuffer next = b;
            for (ImageStage stage : stages) {
                switch (stage) {
                    case ImageStage.Points p -> points(p.steps(), current, next, (int) pixels);
                    case ImageStage.Neighbourhood n -> neighbourhood(n.step(), width, height, current, mid, next);
                }
                OpenClBuffer t = current;
                current = next;
                next = t;
            }
            context.read(current, out);
        }
    }

    private void neighbourhood(NeighbourhoodStep step, int width, int height, OpenClBuffer src, OpenClBuffer mid,
            OpenClBuffer dst) {
        long gx = roundUp(width, GPU_GROUP[0]);
        long gy = roundUp(height, GPU_GROUP[1]);
        switch (step.op()) {
            case BLUR, SHARPEN -> {
                float[] weights = ImageReference.gaussianWeights(step.op() == NeighbourhoodOp.BLUR ? step.arg() : 1f);
                int radius = weights.length / 2;
                try (OpenClBuffer w = context.allocateReadOnly(4L * weights.length)) {
                    context.write(w, weights);
                    pixelKernel(PixelKernel.GAUSSIAN_ROWS).arg(0, src).arg(1, mid).argUint(2, width)
                            .argUint(3, height).arg(4, w).argUint(5, radius).run2d(gx, gy, GPU_GROUP);
                    if (step.op() == NeighbourhoodOp.BLUR) {
                        pixelKernel(PixelKernel.GAUSSIAN_COLUMNS).arg(0, mid).arg(1, src).arg(2, dst)
                                .argUint(3, width).argUint(4, height).arg(5, w).argUint(6, radius)
                                .run2d(gx, gy, GPU_GROUP);
                    } else {
                        pixelKernel(PixelKernel.SHARPEN_COLUMNS).arg(0, mid).arg(1, src).arg(2, dst)
                                .argUint(3, width).argUint(4, height).arg(5, w).argUint(6, radius)
                                .argFloat(7, step.arg()).run2d(gx, gy, GPU_GROUP);
                    }
                }
            }
            case BOX_BLUR -> {
                pixelKernel(PixelKernel.BOX_ROWS).arg(0, src).arg(1, mid).argUint(2, width).argUint(3, height)
                        .argUint(4, step.radius()).run2d(gx, gy, GPU_GROUP);
                pixelKernel(PixelKernel.BOX_COLUMNS).arg(0, mid).arg(1, src).arg(2, dst).argUint(3, width)
                        .argUint(4, height).argUint(5, step.radius()).run2d(gx, gy, GPU_GROUP);
            }
            case SOBEL -> pixelKernel(PixelKernel.SOBEL).arg(0, src).arg(1, dst).argUint(2, width).argUint(3, height)
                    .run2d(gx, gy, GPU_GROUP);
        }
    }

    @Override
    public void close() {
        kernels.values().forEach(OpenClKernel::close);
        programs.values().forEach(OpenClProgram::close);
        if (pixelProgram != null) {
            pixelProgram.close();
        }
        context.close();
    }
}
