package dev.squall.host.imageio;

/**
 * An 8-bit RGBA image in memory, row-major, 4 bytes a pixel. {@code alpha} says whether the source had
 * transparency (an alpha channel or a tRNS chunk), and so whether the output keeps an alpha channel.
 */
public record RgbaImage(int width, int height, boolean alpha, byte[] rgba) {
    public RgbaImage {
        if ((long) width * height * 4 != rgba.length) {
            throw new IllegalArgumentException(width + "x" + height + " RGBA needs " + (long) width * height * 4
                    + " bytes, got " + rgba.length);
        }
    }

    /** The largest image held in one Java array: 2^31 bytes, so about 536 M pixels. */
    public static final long MAX_PIXELS = (Integer.MAX_VALUE - 8) / 4;
}
