package dev.squall.kernels.image;

import java.util.List;

/**
 * The Java reference of a whole image chain, and the row functions that define each neighbourhood operation.
 * Images are RGBA8, row-major; intermediate results of a two-pass operation are 4 numbers a pixel (R, G, B and an
 * unused fourth, the layout OpenCL's float4 and int4 use). Borders clamp. Sums run in the order written, each
 * operation rounded on its own (no fused multiply-add), so backends can match byte for byte:
 * <ul>
 *   <li><b>blur=SIGMA</b>: weights {@code exp(-k^2 / (2 SIGMA^2))} for {@code |k| <= r = ceil(3 SIGMA)}, normalised
 *       in double precision and then rounded to float; a horizontal pass
 *       {@code h = ((w[0] * p[x-r] + w[1] * p[x-r+1]) + ...)} into floats, then the same vertically over {@code h},
 *       rounded to nearest (ties to even) and saturated.
 *   <li><b>box-blur=R</b>: integer sums over the row, then over the column of row sums; the mean
 *       {@code (sum + n / 2) / n} in integers ({@code n = (2R+1)^2} is odd, so there are no ties).
 *   <li><b>sharpen=AMOUNT</b>: {@code v} = the blur with sigma 1 before rounding; {@code c + AMOUNT * (c - v)},
 *       rounded.
 *   <li><b>sobel</b>: {@code L} = the grayscale operation's byte; the 3 x 3 Sobel sums {@code Gx}, {@code Gy} in
 *       integers; {@code round(sqrt(Gx^2 + Gy^2))} found exactly in integers (no ties: n is an integer), at most 255.
 * </ul>
 */
public final class ImageReference {
    private ImageReference() {
    }

    /**
     * The chain applied to a {@code width x height} RGBA image, into a new array.
     *
     * @param chain the steps, applied in order; an empty chain gives a copy
     * @param width the image's width in pixels, at least 1
     * @param height the image's height in pixels, at least 1
     * @param rgba {@code 4 * width * height} bytes, row-major, R G B A; not modified
     * @return a new array of the same length
     */
    public static byte[] apply(List<? extends ImageStep> chain, int width, int height, byte[] rgba) {
        byte[] current = rgba;
        for (ImageStep step : chain) {
            byte[] next = new byte[rgba.length];
            switch (step) {
                case PixelStep p -> next = PixelReference.apply(List.of(p), current);
                case NeighbourhoodStep n -> {
                    switch (n.op()) {
                        case BLUR, SHARPEN -> {
                            float[] weights = gaussianWeights(n.op() == NeighbourhoodOp.BLUR ? n.arg() : 1f);
                            float[] h = new float[rgba.length];
                            for (int y = 0; y < height; y++) {
                                gaussianRow(current, h, width, y, weights);
                            }
                            for (int y = 0; y < height; y++) {
                                if (n.op() == NeighbourhoodOp.BLUR) {
                                    gaussianColumn(h, current, next, width, height, y, weights);
                                } else {
                                    sharpenColumn(h, current, next, width, height, y, weights, n.arg());
                                }
                            }
                        }
                        case BOX_BLUR -> {
                            int[] h = new int[rgba.length];
                            for (int y = 0; y < height; y++) {
                                boxRow(current, h, width, y, n.radius());
                            }
                            for (int y = 0; y < height; y++) {
                                boxColumn(h, current, next, width, height, y, n.radius());
                            }
                        }
                        case SOBEL -> {
                            for (int y = 0; y < height; y++) {
                                sobelRow(current, next, width, height, y);
                            }
                        }
                    }
                }
            }
            current = next;
        }
        return current == rgba ? rgba.clone() : current;
    }

    /**
     * The {@code 2r + 1} Gaussian weights, {@code r = ceil(3 sigma)} (at least 1), normalised, as floats.
     *
     * @param sigma the standard deviation in pixels, greater than 0: blur's SIGMA, or 1 for sharpen
     * @return the weights of offsets {@code -r} to {@code r}, in that order (index {@code r} is the centre); they sum
     *     to 1 in double precision, before each is rounded to float
     */
    public static float[] gaussianWeights(float sigma) {
        int r = Math.max(1, (int) Math.ceil(3.0 * sigma));
        double[] w = new double[2 * r + 1];
        double sum = 0;
        for (int k = -r; k <= r; k++) {
            w[k + r] = StrictMath.exp(-(double) k * k / (2.0 * sigma * sigma));
            sum += w[k + r];
        }
        float[] weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) (w[i] / sum);
        }
        return weights;
    }

    static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    /**
     * Horizontal Gaussian pass of row {@code y}: R, G, B of {@code src} into floats.
     *
     * @param src the RGBA8 image, row-major
     * @param dst the intermediate image, 4 floats a pixel in {@code src}'s layout: R, G, B of row {@code y} are
     *     written, the fourth float is left as it is
     * @param width the image's width in pixels
     * @param y the row, from 0
     * @param weights from {@link #gaussianWeights}: their count, {@code 2r + 1}, gives the radius
     */
    public static void gaussianRow(byte[] src, float[] dst, int width, int y, float[] weights) {
        int r = weights.length / 2;
        int row = y * width;
        for (int x = 0; x < width; x++) {
            for (int c = 0; c < 3; c++) {
                float acc = 0f;
                for (int k = -r; k <= r; k++) {
                    acc = acc + weights[k + r] * (src[4 * (row + clamp(x + k, width - 1)) + c] & 0xFF);
                }
                dst[4 * (row + x) + c] = acc;
            }
        }
    }

    /** The vertical pass over {@code h} before rounding, one channel of one pixel. */
    static float gaussianAt(float[] h, int width, int height, int x, int y, int c, float[] weights) {
        int r = weights.length / 2;
        float acc = 0f;
        for (int k = -r; k <= r; k++) {
            acc = acc + weights[k + r] * h[4 * (clamp(y + k, height - 1) * width + x) + c];
        }
        return acc;
    }

    /**
     * Vertical Gaussian pass of row {@code y}, rounded into {@code dst}; alpha from {@code original}.
     *
     * @param h the horizontal pass of every row ({@link #gaussianRow}), 4 floats a pixel
     * @param original the RGBA8 image the step started from, for alpha
     * @param dst the RGBA8 result, of which row {@code y} is written
     * @param width the image's width in pixels
     * @param height the image's height in pixels (rows beyond the edges clamp to it)
     * @param y the row, from 0
     * @param weights the horizontal pass's weights
     */
    public static void gaussianColumn(float[] h, byte[] original, byte[] dst, int width, int height, int y,
            float[] weights) {
        for (int x = 0; x < width; x++) {
            int o = 4 * (y * width + x);
            for (int c = 0; c < 3; c++) {
                dst[o + c] = (byte) PixelReference.round(gaussianAt(h, width, height, x, y, c, weights));
            }
            dst[o + 3] = original[o + 3];
        }
    }

    /**
     * Unsharp mask of row {@code y}: {@code c + amount * (c - v)}, {@code v} the sigma-1 blur before rounding.
     *
     * @param h the horizontal sigma-1 Gaussian pass of every row of {@code original} ({@link #gaussianRow})
     * @param original the RGBA8 image the step started from: each {@code c}, and alpha
     * @param dst the RGBA8 result, of which row {@code y} is written
     * @param width the image's width in pixels
     * @param height the image's height in pixels (rows beyond the edges clamp to it)
     * @param y the row, from 0
     * @param weights the sigma-1 weights, {@code gaussianWeights(1)}
     * @param amount sharpen's AMOUNT, finite and at least 0; 0 leaves R, G, B as they are
     */
    public static void sharpenColumn(float[] h, byte[] original, byte[] dst, int width, int height, int y,
            float[] weights, float amount) {
        for (int x = 0; x < width; x++) {
            int o = 4 * (y * width + x);
            for (int c = 0; c < 3; c++) {
                float p = original[o + c] & 0xFF;
                dst[o + c] = (byte) PixelReference.round(p + amount * (p - gaussianAt(h, width, height, x, y, c,
                        weights)));
            }
            dst[o + 3] = original[o + 3];
        }
    }

    /**
     * Horizontal box sums of row {@code y}.
     *
     * @param src the RGBA8 image, row-major
     * @param dst the row sums, 4 ints a pixel in {@code src}'s layout: R, G, B of row {@code y} are written, the
     *     fourth int is left as it is
     * @param width the image's width in pixels
     * @param y the row, from 0
     * @param radius box-blur's R, from 1 to 1000: each sum covers {@code 2R + 1} pixels, clamped at the edges
     */
    public static void boxRow(byte[] src, int[] dst, int width, int y, int radius) {
        int row = y * width;
        for (int x = 0; x < width; x++) {
            for (int c = 0; c < 3; c++) {
                int sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += src[4 * (row + clamp(x + k, width - 1)) + c] & 0xFF;
                }
                dst[4 * (row + x) + c] = sum;
            }
        }
    }

    /**
     * Vertical box sums of row {@code y} and the rounded mean.
     *
     * @param h the row sums of every row ({@link #boxRow}), 4 ints a pixel
     * @param original the RGBA8 image the step started from, for alpha
     * @param dst the RGBA8 result, of which row {@code y} is written
     * @param width the image's width in pixels
     * @param height the image's height in pixels (rows beyond the edges clamp to it)
     * @param y the row, from 0
     * @param radius the same R as the row sums'
     */
    public static void boxColumn(int[] h, byte[] original, byte[] dst, int width, int height, int y, int radius) {
        int n = (2 * radius + 1) * (2 * radius + 1);
        for (int x = 0; x < width; x++) {
            int o = 4 * (y * width + x);
            for (int c = 0; c < 3; c++) {
                long sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += h[4 * (clamp(y + k, height - 1) * width + x) + c];
                }
                dst[o + c] = (byte) ((sum + n / 2) / n);
            }
            dst[o + 3] = original[o + 3];
        }
    }

    /**
     * Sobel edge magnitude of row {@code y}.
     *
     * @param src the RGBA8 image, row-major
     * @param dst the RGBA8 result, of which row {@code y} is written: the magnitude in R, G and B, alpha from
     *     {@code src}
     * @param width the image's width in pixels
     * @param height the image's height in pixels (neighbours beyond the edges clamp to it)
     * @param y the row, from 0
     */
    public static void sobelRow(byte[] src, byte[] dst, int width, int height, int y) {
        int up = clamp(y - 1, height - 1);
        int down = clamp(y + 1, height - 1);
        for (int x = 0; x < width; x++) {
            int left = clamp(x - 1, width - 1);
            int right = clamp(x + 1, width - 1);
            int gx = (grey(src, width, right, up) + 2 * grey(src, width, right, y) + grey(src, width, right, down))
                    - (grey(src, width, left, up) + 2 * grey(src, width, left, y) + grey(src, width, left, down));
            int gy = (grey(src, width, left, down) + 2 * grey(src, width, x, down) + grey(src, width, right, down))
                    - (grey(src, width, left, up) + 2 * grey(src, width, x, up) + grey(src, width, right, up));
            int m = Math.min(255, roundSqrt(gx * gx + gy * gy));
            int o = 4 * (y * width + x);
            dst[o] = dst[o + 1] = dst[o + 2] = (byte) m;
            dst[o + 3] = src[o + 3];
        }
    }

    private static int grey(byte[] src, int width, int x, int y) {
        int o = 4 * (y * width + x);
        return PixelReference.round(PixelReference.luma(src[o] & 0xFF, src[o + 1] & 0xFF, src[o + 2] & 0xFF));
    }

    /**
     * The integer nearest to {@code sqrt(n)}, found exactly: floor square root, then up if {@code n > r^2 + r}.
     *
     * @param n at least 0 (Sobel's {@code Gx^2 + Gy^2})
     * @return {@code round(sqrt(n))}; never a tie, as no integer's square root ends in exactly .5
     */
    public static int roundSqrt(int n) {
        int r = (int) Math.sqrt(n);
        while (r * r > n) {
            r--;
        }
        while ((r + 1) * (r + 1) <= n) {
            r++;
        }
        return n > r * r + r ? r + 1 : r;
    }
}
