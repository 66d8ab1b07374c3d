package dev.squall.host.cpu;

import dev.squall.host.Backend;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The CPU backend in pure Java: rows spread over all cores by a work-stealing pool (a slow row inside the set does
 * not leave a core idle), each pixel by the reference's own loop. Always available; the fallback of every other
 * backend.
 */
public final class CpuBackend implements Backend {
    private final ForkJoinPool pool;

    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public CpuBackend(int threads) {
        this.pool = new ForkJoinPool(threads);
    }

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public String label() {
        return "cpu (Java, " + pool.getParallelism() + " threads)";
    }

    public int threads() {
        return pool.getParallelism();
    }

    @Override
    public long maxBandPixels() {
        return Long.MAX_VALUE;
    }

    @Override
    public void prepare(Precision precision) {
        // nothing to build: the JIT warms up on the first rows
    }

    @Override
    public void mandelbrot(MandelbrotGrid grid, Band band, MemorySegment destination) {
        int width = grid.params().width();
        int maxIter = grid.params().maxIter();
        boolean f64 = grid.params().precision() == Precision.F64;
        pool.submit(() -> IntStream.range(0, band.rows()).parallel().forEach(r -> {
            double y0 = grid.y(band.firstRow() + r);
            long base = (long) r * width;
            for (int px = 0; px < width; px++) {
                double x0 = grid.x(px);
                int n = f64 ? MandelbrotReference.iterate(x0, y0, maxIter)
                        : MandelbrotReference.iterate((float) x0, (float) y0, maxIter);
                destination.setAtIndex(CountsBuffer.COUNT, base + px, n);
            }
        })).join();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
