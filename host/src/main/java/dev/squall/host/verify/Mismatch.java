package dev.squall.host.verify;

import dev.squall.kernels.Kernel;

/**
 * One pixel where a device disagrees with the Java reference.
 *
 * @param x the pixel's column
 * @param y its row
 * @param device what the device gave, as {@link Kernel.Layout#read} reads it
 * @param reference what the reference gives
 * @param layout what a pixel is, for {@link #toString}
 */
public record Mismatch(int x, int y, long device, long reference, Kernel.Layout layout) {
    /** A mismatch of counts. */
    public Mismatch(int x, int y, long device, long reference) {
        this(x, y, device, reference, Kernel.Layout.U32_COUNTS);
    }

    @Override
    public String toString() {
        return "(" + x + ", " + y + "): device " + layout.describe(device) + ", reference "
                + layout.describe(reference);
    }
}
