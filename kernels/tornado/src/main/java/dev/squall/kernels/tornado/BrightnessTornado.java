package dev.squall.kernels.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;

/**
 * The seed's brightness ({@code process_image}) in the Java that TornadoVM compiles: for each RGBA8 pixel, R, G
 * and B become {@code (int) min(c * factor, 255f)} (one single-precision multiply, truncation toward zero) and A is
 * copied, as {@link dev.squall.kernels.image.PixelReference} does. The factor is finite and non-negative (checked
 * where the operation is parsed), so the product is never NaN and the conversion never saturates.
 */
public final class BrightnessTornado {
    private BrightnessTornado() {
    }

    public static void parallel(ByteArray in, ByteArray out, int pixels, float factor) {
        for (@Parallel int p = 0; p < pixels; p++) {
            pixel(in, out, p, factor);
        }
    }

    public static void context(KernelContext context, ByteArray in, ByteArray out, int pixels, float factor) {
        int p = context.globalIdx;
        if (p < pixels) {
            pixel(in, out, p, factor);
        }
    }

    private static void pixel(ByteArray in, ByteArray out, int p, float factor) {
        int b = 4 * p;
        out.set(b, scale(in.get(b), factor));
        out.set(b + 1, scale(in.get(b + 1), factor));
        out.set(b + 2, scale(in.get(b + 2), factor));
        out.set(b + 3, in.get(b + 3));
    }

    private static byte scale(byte channel, float factor) {
        float v = Math.min((channel & 0xFF) * factor, 255.0f);
        return (byte) (int) v;
    }
}
