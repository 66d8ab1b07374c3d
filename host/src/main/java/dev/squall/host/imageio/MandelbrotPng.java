package dev.squall.host.imageio;

import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.PngWriter;
import dev.squall.host.buffer.CountsBuffer;
import java.io.IOException;
import java.nio.file.Path;

/** Writes counts as an 8-bit RGB PNG through {@link MandelbrotPalette}, one row at a time (no whole-image copy). */
public final class MandelbrotPng {
    private MandelbrotPng() {
    }

    public static void write(Path target, CountsBuffer counts, int maxIter) throws IOException {
        AtomicFile.write(target, content(counts, maxIter));
    }

    /** The file's bytes, for {@link AtomicFile#prepare}. */
    public static AtomicFile.Content content(CountsBuffer counts, int maxIter) {
        MandelbrotPalette palette = new MandelbrotPalette(maxIter);
        ImageInfo info = new ImageInfo(counts.width(), counts.height(), 8, false);
        return (out, channel) -> {
            PngWriter png = new PngWriter(out, info);
            png.setShouldCloseStream(false);
            ImageLineByte line = new ImageLineByte(info);
            byte[] scanline = line.getScanline();
            for (int y = 0; y < counts.height(); y++) {
                long base = (long) y * counts.width();
                for (int x = 0; x < counts.width(); x++) {
                    int rgb = palette.rgb(counts.get(base + x));
                    scanline[3 * x] = (byte) (rgb >> 16);
                    scanline[3 * x + 1] = (byte) (rgb >> 8);
                    scanline[3 * x + 2] = (byte) rgb;
                }
                png.writeRow(line);
            }
            png.end();
        };
    }
}
