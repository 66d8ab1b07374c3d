package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.squall.kernels.image.PixelOp;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU backend's table for per-channel chains runs 64 bytes at a time where the CPU can, else a byte at a time;
 * a JVM decides once, so each path runs in a process of its own here, and both must give the reference's bytes.
 */
class ByteTablePathsTest {
    @TempDir
    Path dir;

    @Test
    void vectorAndScalarTablesGiveTheReferencesBytes() throws IOException, InterruptedException {
        int width = 101;
        int height = 37;    // 3737 pixels: whole vectors and a tail
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(5);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        Path in = dir.resolve("in.png");
        ImageIO.write(image, "png", in.toFile());
        List<PixelStep> chain = List.of(PixelOp.parse("brightness=1.2"), PixelOp.parse("gamma=0.8"));
        byte[] expected = PixelReference.apply(chain, rgba(image));

        for (String scalar : List.of("false", "true")) {
            Path out = dir.resolve("out-" + scalar + ".png");
            CliRun run = SquallProcess.run(Map.of(), List.of("-Dsquall.cpu.scalar-table=" + scalar), "image",
                    in.toString(), "--op", "brightness=1.2", "--op", "gamma=0.8", "--device", "cpu", "-o",
                    out.toString());
            assertEquals(0, run.exitCode(), run::toString);
            assertArrayEquals(expected, rgba(ImageIO.read(out.toFile())), "scalar-table=" + scalar);
        }
    }

    /** The image's pixels as RGBA bytes, row by row. */
    private static byte[] rgba(BufferedImage image) {
        int width = image.getWidth();
        byte[] rgba = new byte[width * image.getHeight() * 4];
        for (int p = 0; p < rgba.length / 4; p++) {
            int argb = image.getRGB(p % width, p / width);
            rgba[4 * p] = (byte) (argb >> 16);
            rgba[4 * p + 1] = (byte) (argb >> 8);
            rgba[4 * p + 2] = (byte) argb;
            rgba[4 * p + 3] = (byte) (argb >>> 24);
        }
        return rgba;
    }
}
