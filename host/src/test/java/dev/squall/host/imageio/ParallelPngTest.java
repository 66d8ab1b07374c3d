package dev.squall.host.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.Adler32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParallelPngTest {
    @TempDir
    Path dir;

    /** Sizes of one piece, several pieces (1 MiB of rows each) and a last short one; with and without alpha. */
    @ParameterizedTest(name = "{0}x{1} alpha {2} level {3}")
    @CsvSource({"1, 1, false, 1", "3, 2, true, 6", "1000, 700, false, 1", "1000, 700, true, 9", "4099, 300, true, 0"})
    void decodersReadBackExactlyThePixelsWritten(int w, int h, boolean alpha, int level) throws IOException {
        byte[] rgba = new byte[w * h * 4];
        Random random = new Random(w * 7919L + h);
        for (int i = 0; i < rgba.length; i++) {
            // smooth ramps with noise: compressible like a photo, not constant
            rgba[i] = (byte) ((i / 4 % w) + (i / 4 / w) + random.nextInt(8));
        }
        if (!alpha) {
            for (int i = 3; i < rgba.length; i += 4) {
                rgba[i] = (byte) 255;
            }
        }
        RgbaImage image = new RgbaImage(w, h, alpha, rgba);
        Path file = dir.resolve("p.png");
        ImageFiles.writePng(file, image, level);
        assertArrayEquals(rgba, ImageFiles.read(file).rgba(), "PNGJ (zlib, Adler-32 checked) reads it back");
        BufferedImage viaImageIo = ImageIO.read(file.toFile());
        for (int[] p : new int[][] {{0, 0}, {w - 1, h - 1}, {w / 2, h / 2}, {w - 1, 0}}) {
            int i = 4 * (p[1] * w + p[0]);
            int argb = (alpha ? (rgba[i + 3] & 0xFF) << 24 : 0xFF000000) | (rgba[i] & 0xFF) << 16
                    | (rgba[i + 1] & 0xFF) << 8 | (rgba[i + 2] & 0xFF);
            assertEquals(argb, viaImageIo.getRGB(p[0], p[1]), "ImageIO at " + p[0] + "," + p[1]);
        }
    }

    @Test
    void adlerOfAConcatenationFromItsParts() {
        Random random = new Random(1);
        for (int n : new int[] {0, 1, 5, 65520, 65521, 65522, 200_000}) {
            byte[] x = new byte[random.nextInt(100_000)];
            byte[] y = new byte[n];
            random.nextBytes(x);
            random.nextBytes(y);
            Adler32 ax = new Adler32();
            ax.update(x);
            Adler32 ay = new Adler32();
            ay.update(y);
            Adler32 both = new Adler32();
            both.update(x);
            both.update(y);
            assertEquals(both.getValue(), PngEncoder.adlerConcat(ax.getValue(), ay.getValue(), n), "n = " + n);
        }
    }
}
