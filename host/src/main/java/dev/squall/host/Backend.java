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

    /** The id users type and see: {@code cpu}, {@code opencl:0:0}. */
    String id();

    /** One line for summaries: the id and what the device is. */
    String label();

    /** The most pixels one band may hold on this device (its allocation limit), or {@link Long#MAX_VALUE}. */
    long maxBandPixels();

    /** Does the one-time work for {@code precision} (program build, JIT); timed apart from the render. */
    void prepare(Precision precision);

    /** As {@link #prepare(Precision)}, for {@code formula}'s loop (one OpenCL program a formula). */
    default void prepare(Precision precision, Formula formula) {
        prepare(precision);
    }

    /**
     * Why this device does not run the render {@code params} describes, said before any work starts; empty when
     * it does. A backend that does not say otherwise runs the Mandelbrot set only: a new formula is never computed
     * as another by a backend that does not know it.
     */
    default Optional<String> refuses(MandelbrotParams params) {
        return params.formula() instanceof Formula.Mandelbrot ? Optional.empty()
                : Optional.of(id() + " does not run the " + params.formula().name() + " formula (only mandelbrot);"
                        + " use --device cpu or an OpenCL device");
    }

    /**
     * Computes the rows of {@code band} into {@code destination}: {@code band.rows() * width} u32 counts,
     * little-endian, row-major; returns what it cost.
     */
    BandStats mandelbrot(MandelbrotGrid grid, Band band, Schedule schedule, MemorySegment destination);

    /**
     * Applies a chain of point operations to the RGBA8 pixels of {@code in} into {@code out} (not {@code in}), in
     * one pass.
     */
    void pointOps(List<PixelStep> chain, byte[] in, byte[] out);

    /**
     * Applies an image chain (point and neighbourhood operations) to a {@code width x height} RGBA8 image, stage by
     * stage ({@link dev.squall.host.image.ImageStage#plan}); {@code out} is not {@code in}.
     */
    void image(List<ImageStep> chain, int width, int height, byte[] in, byte[] out);

    @Override
    void close();
}
