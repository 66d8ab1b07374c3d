package dev.squall.host.cpu;

import dev.squall.api.DeviceInfo;
import dev.squall.host.Backend;
import dev.squall.host.buffer.HostMemory;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.kernels.Kernel;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.image.ImageChain;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.util.concurrent.ForkJoinPool;

/**
 * The CPU backend in pure Java, always available, the fallback of every other backend: one thread per core, each on
 * the widest vectors the CPU has. Its kernels: {@link CpuEscapeTime} (the escape-time formulas) and
 * {@link CpuImageChain} (image chains).
 */
public final class CpuBackend implements Backend {
    private final ForkJoinPool pool;
    private final boolean vectorTables;

    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public CpuBackend(int threads) {
        this(threads, true);
    }

    /**
     * {@code vectorTables} false: byte tables (chains of per-channel point operations) a byte at a time even where
     * the CPU has the 64-byte permute path, to compare the two (both exact).
     */
    public CpuBackend(int threads, boolean vectorTables) {
        this.pool = new ForkJoinPool(threads);
        this.vectorTables = vectorTables;
    }

    /** Compiles the pixel kernels' vector code ahead of the first image (see {@link ByteTable}); returns at once. */
    public static void warmUpPixelKernels() {
        ByteTable.warmUpInBackground();
    }

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public String family() {
        return "cpu";
    }

    /** The JVM's threads and the memory this process may use; no buffer limit. */
    @Override
    public DeviceInfo info() {
        return new DeviceInfo(id(), "CPU (Java)", threads(), HostMemory.available(), -1, true, "Java "
                + Runtime.version().feature() + " Vector API, " + threads() + " threads x " + vectorWidth());
    }

    @Override
    public String label() {
        return "cpu (Java, " + pool.getParallelism() + " threads x " + vectorWidth() + ")";
    }

    public int threads() {
        return pool.getParallelism();
    }

    /** The vector width each thread uses, e.g. {@code 512-bit: 8 x f64, 16 x f32}. */
    public static String vectorWidth() {
        return VectorMandelbrot.F64.vectorBitSize() + "-bit vectors: " + VectorMandelbrot.F64.length() + " x f64, "
                + VectorMandelbrot.F32.length() + " x f32";
    }

    @Override
    public long maxBandPixels() {
        return Long.MAX_VALUE;
    }

    /** {@return the threads' pool, which the kernels' runs share} */
    ForkJoinPool pool() {
        return pool;
    }

    boolean vectorTables() {
        return vectorTables;
    }

    /** Every escape-time formula in both precisions, deep zoom, and image chains of any size: it refuses none. */
    @Override
    public KernelRun prepare(Kernel kernel, Schedule schedule) {
        return switch (kernel) {
            case MandelbrotParams params -> new CpuEscapeTime(this, params, schedule);
            case ImageChain chain -> new CpuImageChain(this, chain);
            case DeepParams deep -> new CpuDeepZoom(this, deep);
            default -> throw KernelRefusedException.unknown(this, kernel);
        };
    }

    /**
     * Every f64 row in this JVM from now on takes the vector loops, skipping the scalar rows a cold JVM starts with
     * ({@link ColdStart}): for benchmarks, which measure the vector loops at their compiled pace after warm-up runs.
     * Counts and iterations executed are the same either way.
     */
    public void vectorsFromNowOn() {
        ColdStart.JVM.vectorsFromNowOn();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
