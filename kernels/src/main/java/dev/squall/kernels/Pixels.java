package dev.squall.kernels;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The value layouts of a kernel's pixels in memory. */
public final class Pixels {
    /** A count: unsigned 32 bits, little-endian (the {@code --counts} file's order), any alignment. */
    public static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A colour read whole: R in the high byte, A in the low one (big-endian over R G B A), any alignment. */
    public static final ValueLayout.OfInt RGBA = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private Pixels() {
    }
}
