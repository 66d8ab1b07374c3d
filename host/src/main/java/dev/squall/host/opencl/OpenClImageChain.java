package dev.squall.host.opencl;

import dev.squall.host.BandStats;
import dev.squall.host.KernelRun;
import dev.squall.host.image.ImageStage;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.image.ImageChain;
import dev.squall.kernels.image.ImageReference;
import dev.squall.kernels.image.NeighbourhoodOp;
import dev.squall.kernels.image.NeighbourhoodStep;
import dev.squall.kernels.image.PixelKernel;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

/**
 * Image chains on an OpenCL device ({@code image_ops.cl}, built once per device): each band read with its halo
 * rows, every stage on the device, the band's own rows kept.
 */
final class OpenClImageChain implements KernelRun {
    private static final long[] GPU_GROUP = OpenClBackend.GPU_GROUP;
    /** Work-group of the point-operation kernel: 256 pixels. */
    private static final long PIXEL_GROUP = 256;

    private final OpenClBackend backend;
    private final ImageChain chain;
    private final List<ImageStage> stages;

    OpenClImageChain(OpenClBackend backend, ImageChain chain) {
        this.backend = backend;
        this.chain = chain;
        this.stages = ImageStage.plan(chain.steps());
        backend.pixelKernel(PixelKernel.POINT_OPS);    // builds the program now, before any band
    }

    @Override
    public BandStats run(Band band, MemorySegment destination) {
        long t0 = System.nanoTime();
        chain.band(band.firstRow(), band.rows(), destination, (rows, in, out) -> image(chain.width(), rows, in, out));
        return new BandStats(0, 0, System.nanoTime() - t0, 0);
    }

    private void pointOps(List<PixelStep> chain, byte[] in, byte[] out) {
        // Pieces of at most a device allocation (and 64 MiB): one upload and one download each.
        int maxPixels = (int) Math.min(backend.maxBandBytes() / 4, Integer.MAX_VALUE / 4);
        int pixels = in.length / 4;
        for (int first = 0; first < pixels; first += maxPixels) {
            int n = Math.min(maxPixels, pixels - first);
            byte[] part = first == 0 && n == pixels ? in : Arrays.copyOfRange(in, 4 * first, 4 * (first + n));
            byte[] result = part == in ? out : new byte[4 * n];
            try (OpenClBuffer src = backend.context().allocateReadOnly(4L * n); OpenClBuffer dst = backend.context().allocate(4L * n)) {
                backend.context().write(src, part);
                points(chain, src, dst, n);
                backend.context().read(dst, result);
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
        try (OpenClBuffer codeBuffer = backend.context().allocateReadOnly(4L * steps);
             OpenClBuffer argBuffer = backend.context().allocateReadOnly(4L * steps);
             OpenClBuffer tableBuffer = backend.context().allocateReadOnly(tables.length)) {
            backend.context().write(codeBuffer, codes);
            backend.context().write(argBuffer, args);
            backend.context().write(tableBuffer, tables);
            backend.pixelKernel(PixelKernel.POINT_OPS).arg(0, src).arg(1, dst).argUint(2, pixels).arg(3, codeBuffer)
                    .arg(4, argBuffer).argUint(5, chain.size()).arg(6, tableBuffer).run1d(pixels, PIXEL_GROUP);
        }
    }

    /**
     * The whole chain over {@code height} rows: one upload, every stage between two image buffers (and one
     * intermediate of 16 bytes a pixel for two-pass operations), one download; in pieces with halos when that does
     * not fit one allocation. Point-only chains go through {@link #pointOps}, in pieces of any size.
     */
    private void image(int width, int height, byte[] in, byte[] out) {
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
        long fitRows = backend.maxImageBytes() / rowBytes;
        int bandRows = fitRows >= height ? height : (int) Math.min(Integer.MAX_VALUE, fitRows - 2L * halo);
        if (bandRows < 1) {
            throw new UnsupportedOperationException(width + "x" + height + ": one row and the " + 2 * halo
                    + " rows its operations reach need " + rowBytes * (1 + 2L * halo) + " bytes in one buffer, more "
                    + "than " + backend.device().label() + " allows (" + backend.maxImageBytes() + ")");
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
        try (OpenClBuffer a = backend.context().allocate(pixels * 4);
             OpenClBuffer b = backend.context().allocate(pixels * 4);
             OpenClBuffer mid = backend.context().allocate(pixels * 16)) {
            backend.context().write(a, in);
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
            backend.context().read(current, out);
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
                try (OpenClBuffer w = backend.context().allocateReadOnly(4L * weights.length)) {
                    backend.context().write(w, weights);
                    backend.pixelKernel(PixelKernel.GAUSSIAN_ROWS).arg(0, src).arg(1, mid).argUint(2, width)
                            .argUint(3, height).arg(4, w).argUint(5, radius).run2d(gx, gy, GPU_GROUP);
                    if (step.op() == NeighbourhoodOp.BLUR) {
                        backend.pixelKernel(PixelKernel.GAUSSIAN_COLUMNS).arg(0, mid).arg(1, src).arg(2, dst)
                                .argUint(3, width).argUint(4, height).arg(5, w).argUint(6, radius)
                                .run2d(gx, gy, GPU_GROUP);
                    } else {
                        backend.pixelKernel(PixelKernel.SHARPEN_COLUMNS).arg(0, mid).arg(1, src).arg(2, dst)
                                .argUint(3, width).argUint(4, height).arg(5, w).argUint(6, radius)
                                .argFloat(7, step.arg()).run2d(gx, gy, GPU_GROUP);
                    }
                }
            }
            case BOX_BLUR -> {
                backend.pixelKernel(PixelKernel.BOX_ROWS).arg(0, src).arg(1, mid).argUint(2, width).argUint(3, height)
                        .argUint(4, step.radius()).run2d(gx, gy, GPU_GROUP);
                backend.pixelKernel(PixelKernel.BOX_COLUMNS).arg(0, mid).arg(1, src).arg(2, dst).argUint(3, width)
                        .argUint(4, height).argUint(5, step.radius()).run2d(gx, gy, GPU_GROUP);
            }
            case SOBEL -> backend.pixelKernel(PixelKernel.SOBEL).arg(0, src).arg(1, dst).argUint(2, width).argUint(3, height)
                    .run2d(gx, gy, GPU_GROUP);
        }
    }


    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
