package dev.squall.kernels;

import java.lang.foreign.MemorySegment;

/**
 * What a kernel computes, whole: a {@code width x height} grid of pixels in one {@link Layout}, defined by its Java
 * reference. An instance is one invocation: the validated parameters and any per-invocation input (an image chain's
 * source pixels), never a device, a tile size or a file. Where and how it runs (devices, bands, vector widths,
 * fallback) is the engine's schedule, and every schedule is checked against {@link #reference}, bit for bit.
 *
 * <p>The output is computed in bands of whole rows: row {@code r} depends on the input's rows
 * {@code r - halo() .. r + halo()} at most, so a band can be computed anywhere from those rows alone.
 */
public interface Kernel {

    /** {@return the kernel's name in messages and refusals: {@code mandelbrot}, {@code julia}, {@code image chain}} */
    String name();

    /** {@return what each output pixel is} */
    Layout layout();

    /** {@return the output's width in pixels, at least 1} */
    int width();

    /** {@return the output's height in rows, at least 1} */
    int height();

    /**
     * {@return how many input rows above and below a band its output depends on beyond the band's own: 0 for
     * kernels of one pixel at a time, the reach of the neighbourhood operations for an image chain}
     */
    default int halo() {
        return 0;
    }

    /**
     * Computes rows {@code firstRow .. firstRow + rows - 1} with the Java reference, the definition every device
     * is checked against.
     *
     * @param firstRow the band's first row, from 0
     * @param rows how many rows, at least 1, within the output
     * @param out {@code rows * width() * layout().bytesPerPixel()} bytes, row-major, overwritten
     */
    void reference(int firstRow, int rows, MemorySegment out);

    /**
     * The reference's value of one pixel, as {@link Layout#read} gives it: for checking a sample of a large output
     * whose reference is slow. By default the pixel's row is computed and the pixel read from it.
     *
     * @param px the column
     * @param py the row
     * @return the pixel
     */
    default long referencePixel(int px, int py) {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment row = arena.allocate((long) width() * layout().bytesPerPixel(), Integer.BYTES);
            reference(py, 1, row);
            return layout().read(row, px);
        }
    }

    /**
     * {@return the most pixels an output may have for verification to compare every one of them with the
     * reference; beyond it, as many of the first rows and a fixed random sample of the others: for kernels whose reference is far slower
     * than their devices (arbitrary precision). No limit by default}
     */
    default long verifyEveryPixelUpTo() {
        return Long.MAX_VALUE;
    }

    /** What one output pixel is, and how it is stored. */
    enum Layout {
        /** An unsigned 32-bit count, little-endian: escape-time kernels. */
        U32_COUNTS,
        /** Four bytes, R G B A: image kernels. */
        RGBA8;

        /** {@return bytes a pixel: 4 for both layouts} */
        public int bytesPerPixel() {
            return 4;
        }

        /**
         * One pixel's value as a user reads it.
         *
         * @param pixel the pixel's 4 bytes as {@link #read} gives them
         * @return {@code 1234} for a count, {@code rgba(1, 2, 3, 255)} for a colour
         */
        public String describe(long pixel) {
            return switch (this) {
                case U32_COUNTS -> Long.toString(pixel);
                case RGBA8 -> "rgba(" + (pixel >>> 24 & 0xFF) + ", " + (pixel >>> 16 & 0xFF) + ", "
                        + (pixel >>> 8 & 0xFF) + ", " + (pixel & 0xFF) + ")";
            };
        }

        /**
         * Pixel {@code index} of {@code pixels}.
         *
         * @param pixels pixels in this layout
         * @param index the pixel, from 0
         * @return a count as an unsigned value, or a colour as {@code R << 24 | G << 16 | B << 8 | A}
         */
        public long read(MemorySegment pixels, long index) {
            return switch (this) {
                case U32_COUNTS -> Integer.toUnsignedLong(pixels.get(Pixels.U32, index * 4));
                case RGBA8 -> Integer.toUnsignedLong(pixels.get(Pixels.RGBA, index * 4));
            };
        }
    }
}
