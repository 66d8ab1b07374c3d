package dev.squall.api;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.buffer.HostMemory;
import dev.squall.host.imageio.MandelbrotPng;
import dev.squall.host.render.RenderMemory;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.util.Optional;

/** What this process can hold, asked before any work so that a render too large fails at once, in words. */
public final class Memory {
    /** Pixels a PNG row may hold at most: its RGB bytes are one Java array. */
    public static final int PNG_MAX_WIDTH = MandelbrotPng.MAX_WIDTH;

    /** Rows of counts a streamed render holds at least: a device's tile, the verifier's, one in flight. */
    public static final int STREAMED_ROWS = RenderMemory.STREAMED_ROWS;

    private Memory() {
    }

    /** {@return the memory this process may still use for native buffers, in bytes} */
    public static long available() {
        return HostMemory.available();
    }

    /**
     * A size in words.
     *
     * @param bytes the size
     * @return {@code 512 MiB}, {@code 3.2 GiB}
     */
    public static String size(long bytes) {
        return HostMemory.size(bytes);
    }

    /**
     * A size in GiB, for tables.
     *
     * @param bytes the size
     * @return {@code 15.6}
     */
    public static String gib(long bytes) {
        return HostMemory.gib(bytes);
    }

    /**
     * {@return the bytes of a {@code width x height} image's counts, u32 each}
     *
     * @param width the width in pixels
     * @param height the height in pixels
     */
    public static long countsBytes(int width, int height) {
        return CountsBuffer.bytesFor(width, height);
    }

    /**
     * Why this process cannot render {@code params}, if it cannot: the heap and native memory the render needs
     * against what the JVM has.
     *
     * @param params the render
     * @param png whether a PNG is written (its rows on the heap)
     * @param wholeImage whether the counts are held whole (a job's frame) rather than streamed
     * @return the reason, naming the sizes; empty when it fits
     */
    public static Optional<String> shortfall(MandelbrotParams params, boolean png, boolean wholeImage) {
        return RenderMemory.of(params, png, wholeImage).shortfall();
    }
}
