package dev.squall.host.cpu;

import dev.squall.host.BandStats;
import dev.squall.host.KernelRun;
import dev.squall.host.image.ImageStage;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.image.ImageChain;
import dev.squall.kernels.image.ImageReference;
import dev.squall.kernels.image.NeighbourhoodOp;
import dev.squall.kernels.image.NeighbourhoodStep;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Image chains on the CPU, stage by stage ({@link ImageStage#plan}) over the band and its halo: fused point
 * operations in chunks of pixels (a per-channel chain through one 256-entry byte table, 64 bytes at a time where the
 * CPU can: {@link ByteTable}), neighbourhood operations with the reference's own row functions, rows in parallel.
 * A band that is the whole image is written straight into a destination over a byte array: no copies.
 */
final class CpuImageChain implements KernelRun {
    /** Pixels per task of a point chain: 64 Ki pixels (256 KiB), many tasks per core, little overhead each. */
    private static final int PIXEL_CHUNK = 1 << 16;

    private final ForkJoinPool pool;
    private final boolean vectorTables;
    private final ImageChain chain;
    private final List<ImageStage> stages;

    CpuImageChain(CpuBackend backend, ImageChain chain) {
        this.pool = backend.pool();
        this.vectorTables = backend.vectorTables();
        this.chain = chain;
        this.stages = ImageStage.plan(chain.steps());
    }

    @Override
    public BandStats run(Band band, MemorySegment destination) {
        long t0 = System.nanoTime();
        chain.band(band.firstRow(), band.rows(), destination, (rows, in, out) -> {
            byte[] current = in;
            for (int s = 0; s < stages.size(); s++) {
                byte[] target = s == stages.size() - 1 ? out : new byte[in.length];
                switch (stages.get(s)) {
                    case ImageStage.Points p -> points(p.steps(), current, target);
                    case ImageStage.Neighbourhood n -> neighbourhood(n.step(), chain.width(), rows, current, target);
                }
                current = target;
            }
        });
        return new BandStats(0, 0, System.nanoTime() - t0, 0);
    }

    private void points(List<PixelStep> steps, byte[] in, byte[] out) {
        int pixels = in.length / 4;
        int chunks = (pixels + PIXEL_CHUNK - 1) / PIXEL_CHUNK;
        if (steps.stream().allMatch(step -> step.op().perChannel())) {
            // Each of R, G, B maps through the same function of its own value alone: one 256-entry table, made by
            // the reference itself, does the whole chain (exact by construction).
            byte[] entries = new byte[256];
            for (int c = 0; c < 256; c++) {
                entries[c] = (byte) (PixelReference.apply(steps, PixelReference.tables(steps), c << 24) >>> 24);
            }
            ByteTable table = new ByteTable(entries, vectorTables);
            pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c ->
                    table.apply(in, out, 4 * c * PIXEL_CHUNK, 4 * Math.min(pixels, (c + 1) * PIXEL_CHUNK)))).join();
            return;
        }
        int[][] tables = PixelReference.tables(steps);
        pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
            int end = Math.min(pixels, (c + 1) * PIXEL_CHUNK);
            for (int p = c * PIXEL_CHUNK; p < end; p++) {
                int i = 4 * p;
                int rgba = PixelReference.apply(steps, tables,
                        (in[i] & 0xFF) << 24 | (in[i + 1] & 0xFF) << 16 | (in[i + 2] & 0xFF) << 8 | (in[i + 3] & 0xFF));
                out[i] = (byte) (rgba >>> 24);
                out[i + 1] = (byte) (rgba >>> 16);
                out[i + 2] = (byte) (rgba >>> 8);
                out[i + 3] = (byte) rgba;
            }
        })).join();
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

    private void rows(int height, IntConsumer row) {
        pool.submit(() -> IntStream.range(0, height).parallel().forEach(row)).join();
    }
}
