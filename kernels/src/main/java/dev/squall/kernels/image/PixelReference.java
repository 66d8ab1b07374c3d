package dev.squall.kernels.image;

import java.util.List;

/**
 * The Java reference of the point operations on RGBA8 pixels (byte {@code 4i} is R of pixel {@code i}, then G, B,
 * A). Every multiply and add is a separate single-precision operation in the order written (Java never fuses),
 * exactly as {@code image_ops.cl} with {@code FP_CONTRACT OFF}. Two roundings to a byte are used:
 * <ul>
 *   <li>the seed's, for brightness: truncate toward zero and saturate ({@code (int) v}, NaN to 0);
 *   <li>for every other operation: round to nearest, ties to even, and saturate (OpenCL's
 *       {@code convert_uchar_sat_rte}; NaN to 0).
 * </ul>
 * Alpha is always copied; the input is never modified.
 */
public final class PixelReference {
    private PixelReference() {
    }

    /**
     * The chain applied to every pixel of {@code rgba}, into a new array.
     *
     * @param chain the steps, applied in order
     * @param rgba RGBA8 pixels, 4 bytes each (the length a multiple of 4); not modified
     * @return a new array of the same length
     */
    public static byte[] apply(List<PixelStep> chain, byte[] rgba) {
        byte[] out = new byte[rgba.length];
        int[][] tables = tables(chain);
        for (int i = 0; i < rgba.length; i += 4) {
            int p = pack(rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]);
            p = apply(chain, tables, p);
            out[i] = (byte) (p >>> 24);
            out[i + 1] = (byte) (p >>> 16);
            out[i + 2] = (byte) (p >>> 8);
            out[i + 3] = (byte) p;
        }
        return out;
    }

    /**
     * The 256-entry tables of the chain's table-driven steps (gamma), one per step, null elsewhere.
     *
     * @param chain the steps
     * @return one entry a step of {@code chain}, in its order: {@link #gammaTable} for gamma, null for the others
     */
    public static int[][] tables(List<PixelStep> chain) {
        int[][] tables = new int[chain.size()][];
        for (int k = 0; k < chain.size(); k++) {
            if (chain.get(k).op() == PixelOp.GAMMA) {
                tables[k] = gammaTable(chain.get(k).arg());
            }
        }
        return tables;
    }

    /**
     * {@code round(255 * (c / 255)^(1/G))} in double precision ({@link StrictMath}: the same on every JVM).
     *
     * @param gamma G, finite and greater than 0
     * @return 256 entries from 0 to 255: entry {@code c} is the output for the input {@code c}
     */
    public static int[] gammaTable(float gamma) {
        int[] table = new int[256];
        for (int c = 0; c < 256; c++) {
            table[c] = (int) Math.rint(255.0 * StrictMath.pow(c / 255.0, 1.0 / gamma));
        }
        return table;
    }

    /**
     * One pixel, packed {@code 0xRRGGBBAA}, through the chain.
     *
     * @param chain the steps, applied in order
     * @param tables {@link #tables(List)} of the same chain
     * @param rgba the pixel, packed {@code 0xRRGGBBAA}
     * @return the result, packed the same way, alpha unchanged
     */
    public static int apply(List<PixelStep> chain, int[][] tables, int rgba) {
        int r = rgba >>> 24;
        int g = (rgba >>> 16) & 0xFF;
        int b = (rgba >>> 8) & 0xFF;
        int a = rgba & 0xFF;
        for (int k = 0; k < chain.size(); k++) {
            PixelStep step = chain.get(k);
            float f = step.arg();
            switch (step.op()) {
                case BRIGHTNESS -> {
                    r = truncate(Math.min(r * f, 255.0f));
                    g = truncate(Math.min(g * f, 255.0f));
                    b = truncate(Math.min(b * f, 255.0f));
                }
                case CONTRAST -> {
                    r = round((r - 128.0f) * f + 128.0f);
                    g = round((g - 128.0f) * f + 128.0f);
                    b = round((b - 128.0f) * f + 128.0f);
                }
                case GAMMA -> {
                    r = tables[k][r];
                    g = tables[k][g];
                    b = tables[k][b];
                }
                case INVERT -> {
                    r = 255 - r;
                    g = 255 - g;
                    b = 255 - b;
                }
                case GRAYSCALE -> {
                    r = g = b = round(luma(r, g, b));
                }
                case SEPIA -> {
                    int sr = round(0.393f * r + 0.769f * g + 0.189f * b);
                    int sg = round(0.349f * r + 0.686f * g + 0.168f * b);
                    int sb = round(0.272f * r + 0.534f * g + 0.131f * b);
                    r = sr;
                    g = sg;
                    b = sb;
                }
                case THRESHOLD -> {
                    r = g = b = luma(r, g, b) >= f ? 255 : 0;
                }
            }
        }
        return r << 24 | g << 16 | b << 8 | a;
    }

    /** Rec. 709 luma in single precision, summed left to right. */
    static float luma(int r, int g, int b) {
        return 0.2126f * r + 0.7152f * g + 0.0722f * b;
    }

    /** The seed's {@code sat_u8}: truncate toward zero, saturate, NaN to 0. */
    static int truncate(float v) {
        return v != v ? 0 : (int) Math.max(0.0f, Math.min(255.0f, v));
    }

    /** Round to nearest, ties to even, saturate, NaN to 0 (OpenCL's {@code convert_uchar_sat_rte}). */
    static int round(float v) {
        return v != v ? 0 : (int) Math.rint(Math.max(0.0f, Math.min(255.0f, v)));
    }

    static int pack(byte r, byte g, byte b, byte a) {
        return (r & 0xFF) << 24 | (g & 0xFF) << 16 | (b & 0xFF) << 8 | (a & 0xFF);
    }

    /**
     * The seed's input image, as {@code shared/reference/seed-kernels.md} defines it: byte {@code i} of the RGBA
     * data is {@code (i * 31) % 256}. The image its reference checksums are given for.
     *
     * @param width the width in pixels
     * @param height the height in pixels
     * @return {@code 4 * width * height} bytes
     */
    public static byte[] seedImage(int width, int height) {
        byte[] rgba = new byte[width * height * 4];
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = (byte) ((i * 31) % 256);
        }
        return rgba;
    }
}
