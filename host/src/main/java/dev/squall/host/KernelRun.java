package dev.squall.host;

import dev.squall.host.tiling.Band;
import java.lang.foreign.MemorySegment;

/**
 * One kernel invocation prepared on one device ({@link Backend#prepare}): its program built, its per-invocation
 * data uploaded, ready to compute bands in any order, one at a time. Closed by whoever prepared it, which releases
 * what it holds on the device.
 */
public interface KernelRun extends AutoCloseable {

    /**
     * Computes the rows of {@code band} into {@code destination}: {@code band.pixels(width)} pixels in the kernel's
     * layout, row-major, from the band's first row.
     *
     * @param band the rows to compute, within the kernel's output
     * @param destination at least {@code band.pixels(width) * 4} bytes, overwritten
     * @return the work done (iterations for escape-time kernels) and the time of each stage
     * @throws DeviceException when the device fails on the band; the caller may compute it again elsewhere
     */
    BandStats run(Band band, MemorySegment destination);

    /**
     * {@return what this run did beyond its bands' stats, for the summary (a deep zoom's orbit, table and pixels
     * recomputed at higher precision); empty by default}
     */
    default String report() {
        return "";
    }

    /** Releases the invocation's device resources; the device itself stays open. */
    @Override
    default void close() {
    }
}
