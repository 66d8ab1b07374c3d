package dev.squall.testing;

import dev.squall.host.Backend;
import dev.squall.host.KernelRun;
import dev.squall.kernels.Kernel;
import dev.squall.host.BandStats;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.opencl.OpenClException;
import dev.squall.host.tiling.Band;
import java.lang.foreign.MemorySegment;
import java.util.function.UnaryOperator;
import org.jocl.CL;

/**
 * Faults a test puts into the devices a command opens (through its device decorator), as real devices fail: a
 * launch that fails, a pixel a device gets wrong. The engine reads no setting for them: they live here, in tests.
 */
public final class Faults {
    private Faults() {
    }

    /** What {@link #failTile} throws: an OpenCL error as a lost or overloaded device gives it. */
    public static final String FAILED_LAUNCH = "clEnqueueNDRangeKernel(mandelbrot) [a test's fault]";

    /**
     * The device {@code deviceId} fails its band number {@code tile} (0-based, counted over the backend's life) with
     * CL_OUT_OF_RESOURCES; other devices are left as they are.
     */
    public static UnaryOperator<Backend> failTile(String deviceId, int tile) {
        return backend -> !backend.id().equals(deviceId) ? backend : new ForwardingBackend(backend) {
            private int bands;

            @Override
            protected BandStats band(Kernel kernel, KernelRun run, Band band, MemorySegment out) {
                if (bands++ == tile) {
                    throw new OpenClException(FAILED_LAUNCH, CL.CL_OUT_OF_RESOURCES, inner.id());
                }
                return run.run(band, out);
            }
        };
    }

    /** Every device adds 1 to the count of pixel {@code index} (row-major in the image) when its band holds it. */
    public static UnaryOperator<Backend> corruptPixel(long index) {
        return backend -> new ForwardingBackend(backend) {
            @Override
            protected BandStats band(Kernel kernel, KernelRun run, Band band, MemorySegment out) {
                BandStats stats = run.run(band, out);
                long at = index - band.firstPixel(kernel.width());
                if (at >= 0 && at < band.pixels(kernel.width())) {
                    out.setAtIndex(CountsBuffer.COUNT, at, out.getAtIndex(CountsBuffer.COUNT, at) + 1);
                }
                return stats;
            }
        };
    }
}
