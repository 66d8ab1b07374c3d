package dev.squall.host.imageio;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A whole {@link RgbaImage} as an 8-bit RGB or RGBA PNG through {@link PngEncoder} (compressed on every core). Rows use
 * the Sub filter.
 */
final class ParallelPng {
    private ParallelPng() {
    }

    static void write(OutputStream out, RgbaImage image, int level) throws IOException {
        int channels = image.alpha() ? 4 : 3;
        PngEncoder png = new PngEncoder(out, image.width(), image.height(), image.alpha(), level);
        int rowsPerPiece = png.rowsPerPiece();
        try {
            for (int first = 0; first < image.height(); first += rowsPerPiece) {
                int rows = Math.min(rowsPerPiece, image.height() - first);
                byte[] raw = new byte[rows * png.stride()];
                filter(image, channels, first, rows, raw);
                png.rows(raw);
            }
            png.end();
        } finally {
            png.abandon();
        }
    }

    /** Rows {@code [first, first + rows)}, Sub-filtered, each behind its filter byte. */
    private static void filter(RgbaImage image, int channels, int first, int rows, byte[] raw) {
        byte[] rgba = image.rgba();
        int width = image.width();
        int stride = width * channels + 1;
        for (int r = 0; r < rows; r++) {
            int o = r * stride;
            raw[o] = 1; // Sub: each byte minus the same channel of the pixel to its left
            int src = (first + r) * width * 4;
            if (channels == 4) {
                System.arraycopy(rgba, src, raw, o + 1, 4);
                for (int i = 4; i < width * 4; i++) {
                    raw[o + 1 + i] = (byte) (rgba[src + i] - rgba[src + i - 4]);
                }
            } else {
                raw[o + 1] = rgba[src];
                raw[o + 2] = rgba[src + 1];
                raw[o + 3] = rgba[src + 2];
                for (int x = 1, d = o + 4, s = src + 4; x < width; x++, d += 3, s += 4) {
                    raw[d] = (byte) (rgba[s] - rgba[s - 4]);
                    raw[d + 1] = (byte) (rgba[s + 1] - rgba[s - 3]);
                    raw[d + 2] = (byte) (rgba[s + 2] - rgba[s - 2]);
                }
            }
        }
    }

}
