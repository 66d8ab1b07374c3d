package dev.squall.host.render;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.buffer.HostMemory;
import dev.squall.host.imageio.MandelbrotPng;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.util.Locale;
import java.util.Optional;

/**
 * What a render needs to hold, checked before any work so that a size the process cannot hold is a clear refusal
 * rather than an {@link OutOfMemoryError} part-way through. Two kinds of memory, two limits:
 * <ul>
 * <li>Java heap, against this JVM's maximum ({@code -Xmx}) less what is in use: the coordinates of every column and
 * row ({@link dev.squall.kernels.mandelbrot.MandelbrotGrid}, f64, plus each backend's copy) and, for a PNG, the
 * rows in flight to its encoders (each piece at least one row of 3 bytes a pixel, up to two a core, in and out);
 * <li>native memory, against what the machine has available: the counts, a whole frame for a job (which writes
 * each frame whole), a few rows a device for a streamed render.
 * </ul>
 * The figures are upper estimates from the allocations named, not measurements: they refuse what cannot fit, not
 * what would merely be tight.
 */
public record RenderMemory(long heapBytes, long nativeBytes, boolean png) {
    /** Backends whose copies of the column coordinates are counted (one device and the CPU fallback). */
    private static final int BACKEND_COPIES = 2;
    /** Rows of counts held at least while streaming: a device's tile, the verifier's, one in flight to the files. */
    public static final int STREAMED_ROWS = 3;
    /** Bytes a PNG piece holds at least (PngEncoder's own size, unless one row is more). */
    private static final long PNG_PIECE = 1 << 20;

    /** Needs of a render of {@code params}: streamed ({@code wholeFrame} false) or whole, with a PNG or not. */
    public static RenderMemory of(MandelbrotParams params, boolean png, boolean wholeFrame) {
        long w = params.width();
        long h = params.height();
        long heap = 8 * (w + h) + BACKEND_COPIES * 8 * w;
        if (png) {
            long pieces = 2L * (2 * Runtime.getRuntime().availableProcessors() + 3);
            heap += pieces * Math.max(PNG_PIECE, 3 * w + 1);
        }
        long counts = wholeFrame ? CountsBuffer.bytesFor(params.width(), params.height())
                : STREAMED_ROWS * CountsBuffer.bytesFor(params.width(), 1);
        return new RenderMemory(heap, counts, png);
    }

    /** The widest PNG row one Java array holds. */
    public static boolean pngTooWide(MandelbrotParams params) {
        return params.width() > MandelbrotPng.MAX_WIDTH;
    }

    /**
     * Why this does not fit here, as {@code needs about 2.24 GiB of Java heap ..., more than ...}, or empty. The
     * caller puts the size it names in its own words before it ({@code width 100000000 x height 1 }).
     */
    public Optional<String> shortfall() {
        Runtime runtime = Runtime.getRuntime();
        long heapFree = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (heapBytes > heapFree) {
            return Optional.of(String.format(Locale.ROOT, "needs about %s of Java heap (coordinates%s), more than"
                    + " the %s free of this JVM's %s (raise it with -Xmx, e.g. SQUALL_JAVA_OPTS=-Xmx8g)",
                    HostMemory.size(heapBytes), png ? " and PNG rows" : "",
                    HostMemory.size(heapFree), HostMemory.size(runtime.maxMemory())));
        }
        long available = HostMemory.available();
        if (nativeBytes > available) {
            return Optional.of(String.format(Locale.ROOT, "needs %s for the counts, more than the %s of memory"
                    + " available", HostMemory.size(nativeBytes), HostMemory.size(available)));
        }
        return Optional.empty();
    }
}
