package dev.squall.host;

import dev.squall.host.tiling.Band;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.ImageStep;
import dev.squall.kernels.image.PixelStep;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * Where kernels run: one device, opened once, closed once. Scheduling, fallback and verification are written
 * above this interface, once, for every backend.
 */
public interface Backend extends AutoCloseable {

    /** {@return the id users type and see: {@code cpu}, {@code opencl:0:0}} */
    String id();

    /** {@return one line for summaries: the id and what the device is} */
    String label();

    /**
     * {@return the most pixels one band may hold on this device (its allocation limit), or {@link Long#MAX_VALUE}
     * for no limit}
     */
    long maxBandPixels();

    /**
     * Does the one-time work for {@code precision} (program build, JIT); timed apart from the render.
     *
     * @param precision the precision of the renders to come
     * @throws UnsupportedOperationException when the device cannot compute in {@code precision} (OpenCL without
     *     fp64)
     */
    void prepare(Precision precision);

    /**
     * As {@link #prepare(Precision)}, for {@code formula}'s loop (one OpenCL program a formula).
     *
     * @param precision the precision of the renders to come
     * @param formula their formula
     * @throws UnsupportedOperationException when the device cannot compute in {@code precision} (OpenCL without
     *     fp64)
     */
    default void prepare(Precision precision, Formula formula) {
        prepare(precision);
    }

    /**
     * Why this device does not run the render {@code params} describes, said before any work starts; empty when
     * it does. A backend that does not say otherwise runs the Mandelbrot set only: a new formula is never computed
     * as another by a backend that does not know it.
     *
     * @param params the render about to start
     * @return the reason, one line naming the device and what it lacks; empty when this device runs it
     */
    default Optional<String> refuses(MandelbrotParams params) {
        return params.formula() instanceof Formula.Mandelbrot ? Optional.empty()
                : Optional.of("device " + id() + " does not run the " + params.formula().name() + " formula (only"
                        + " mandelbrot); use the cpu device or an OpenCL device");
    }

    /**
     * Computes the rows of {@code band} into {@code destination}: {@code band.rows() * width} u32 counts,
     * little-endian, row-major; returns what it cost.
     *
     * @param grid the render's parameters and coordinates
     * @param band the rows to compute, within the image
     * @param schedule how to run the kernel; never changes a count
     * @param destination the band's counts alone, from its first row: at least {@code band.pixels(width) * 4} bytes
     * @return the iterations executed and the time of each stage
     * @throws DeviceException when the device fails on the band; the caller may compute it again elsewhere
     */
    BandStats mandelbrot(MandelbrotGrid grid, Band band, Schedule schedule, MemorySegment destination);

    /**
     * Applies a chain of point operations to the RGBA8 pixels of {@code in} into {@code out} (not {@code in}), in
     * one pass. A backend that cannot run the chain throws rather than compute anything else.
     *
     * @param chain the steps, applied in order
     * @param in the pixels, 4 bytes each, R G B A; not modified
     * @param out as many bytes as {@code in}, overwritten with the result
     */
    void pointOps(List<PixelStep> chain, byte[] in, byte[] out);

    /**
     * Applies an image chain (point and neighbourhood operations) to a {@code width x height} RGBA8 image, stage by
     * stage ({@link dev.squall.host.image.ImageStage#plan}); {@code out} is not {@code in}. A backend that cannot run
     * the chain (too large for its memory, an operation it lacks) throws rather than compute anything else.
     *
     * @param chain the steps, applied in order
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @param in {@code 4 * width * height} bytes, row-major, R G B A; not modified
     * @param out as many bytes as {@code in}, overwritten with the result
     */
    void image(List<ImageStep> chain, int width, int height, byte[] in, byte[] out);

    @Override
    void close();
}
