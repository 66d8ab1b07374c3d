package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.imageio.ImageFiles;
import dev.squall.host.imageio.RgbaImage;
import dev.squall.testing.Posix;
import dev.squall.testing.TestPngs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs of {@code squall image} that are not what they seem: truncated images (named and skipped, never passed on
 * with made-up rows), paths that are no image file (said what they are), images too large for the heap (named and
 * skipped, the batch going on).
 */
class ImageInputsTest {
    @TempDir
    Path dir;

    private Path goodPng(String name) throws IOException {
        Path file = dir.resolve(name);
        byte[] rgba = new byte[40 * 30 * 4];
        Arrays.fill(rgba, (byte) 200);
        ImageFiles.writePng(file, new RgbaImage(40, 30, false, rgba), 1);
        return file;
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPngHoldingFewerRowsThanItsHeaderIsNamedAndSkippedTheOthersWritten() throws IOException {
        Path good = goodPng("good.png");
        Path short10 = TestPngs.grey(dir.resolve("short.png"), 40, 50, 10);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("image", good.toString(), short10.toString(), "--op", "invert", "-o", out.toString(),
                "--device", "cpu");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("squall: skipping " + short10 + ": truncated PNG: its image data holds 410 of the 2050 bytes"
                + " its 40x50 header declares (10 of 50 rows)\n", run.err());
        assertEquals("image: 1 written, 1 failed, on cpu\n", run.out());
        assertEquals(List.of("good.png"), names(out));
    }

    @Test
    void aCompletePngMadeTheSameWayIsRead() throws IOException {
        Path whole = TestPngs.grey(dir.resolve("whole.png"), 40, 50, 50);
        RgbaImage image = ImageFiles.read(whole);
        assertEquals((byte) (3 + 7 * 49), image.rgba()[(49 * 40 + 3) * 4], "pixel (3, 49) of the last row");
    }

    @Test
    void aPngCutShortIsNamedAndSkipped() throws IOException {
        Path whole = TestPngs.grey(dir.resolve("whole.png"), 40, 50, 50);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        CliRun run = CliRun.of("image", cut.toString(), goodPng("good.png").toString(), "--op", "invert", "-o",
                dir.resolve("out").toString(), "--device", "cpu");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("squall: skipping " + cut + ": corrupt PNG"), run::toString);
    }

    /** A 64x48 JPEG with detail in every block, cut after 60 % of its bytes. */
    private Path truncatedJpeg() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, (x * 37 + y * 11) % 256 << 16 | (x * y) % 256 << 8 | (x ^ y) * 4 % 256);
            }
        }
        Path whole = dir.resolve("whole.jpg");
        assertTrue(ImageIO.write(image, "jpg", whole.toFile()));
        byte[] bytes = Files.readAllBytes(whole);
        return Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length * 6 / 10));
    }

    @Test
    void aTruncatedJpegIsNamedAndSkippedThroughImageIoToo() throws Exception {
        Path cut = truncatedJpeg();
        Path good = goodPng("good.png");
        // ImageIO's decoder, as on a machine without libjpeg-turbo.
        CliRun imageIo = CliRun.of("image", cut.toString(), good.toString(), "--op", "invert", "-o",
                dir.resolve("imageio").toString(), "--device", "cpu", "--jpeg-decoder", "imageio");
        assertEquals(1, imageIo.exitCode(), imageIo::toString);
        assertTrue(imageIo.err().startsWith("squall: skipping " + cut + ": corrupt JPEG: "), imageIo::toString);
        assertEquals(List.of("good.png"), names(dir.resolve("imageio")));

        CliRun turbo = CliRun.of("image", cut.toString(), good.toString(), "--op", "invert", "-o",
                dir.resolve("default").toString(), "--device", "cpu");
        assertEquals(1, turbo.exitCode(), turbo::toString);
        assertTrue(turbo.err().startsWith("squall: skipping " + cut + ": corrupt"), turbo::toString);
        assertEquals(List.of("good.png"), names(dir.resolve("default")));
    }

    @Test
    void anInputThatIsNoImageFileIsSaidForWhatItIs() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path fifo = Posix.mkfifo(dir.resolve("pipe"));
        Path loop = Files.createSymbolicLink(dir.resolve("loop.png"), Path.of("loop.png"));
        Path nothing = Files.createSymbolicLink(dir.resolve("gone.png"), Path.of("nowhere.png"));
        Path out = dir.resolve("x.png");
        for (var c : List.of(List.of(folder, "a folder"), List.of(fifo, "a FIFO"),
                List.of(loop, "a loop of symbolic links"), List.of(nothing, "a symbolic link to nothing"))) {
            CliRun run = CliRun.of("image", c.get(0).toString(), "--op", "invert", "-o", out.toString());
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("squall: input \"" + c.get(0) + "\" is " + c.get(1) + ", not an image file\n", run.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void aFolderAmongSeveralInputsIsSkippedAndTheBatchGoesOn() throws IOException {
        Path a = goodPng("a.png");
        Path b = goodPng("b.png");
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("image", a.toString(), sub.toString(), b.toString(), "--op", "invert", "-o",
                out.toString(), "--device", "cpu");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("squall: skipping \"" + sub + "\": a folder, not an image file\n", run.err());
        assertEquals("image: 2 written, 0 failed, on cpu\n", run.out());
        assertEquals(List.of("a.png", "b.png"), names(out));
    }

    @Test
    void anImageTooLargeForTheHeapIsNamedAndSkippedAndTheRestOfTheBatchReported() throws Exception {
        Path big = TestPngs.grey(dir.resolve("big.png"), 8000, 8000, 8000);
        Path broken = Files.writeString(dir.resolve("broken.png"), "not a png at all");
        List<String> args = new java.util.ArrayList<>(List.of("image", big.toString(), broken.toString()));
        for (int i = 0; i < 6; i++) {
            args.add(goodPng("good" + i + ".png").toString());
        }
        args.addAll(List.of("--op", "invert", "-o", dir.resolve("out").toString(), "--device", "cpu"));
        CliRun run = SquallProcess.run(Map.of(), List.of("-Xmx256m"), args.toArray(String[]::new));
        assertEquals(1, run.exitCode(), run::toString);
        List<String> lines = run.err().lines().toList();
        assertEquals(2, lines.size(), run::toString);
        assertTrue(lines.get(0).matches("squall: skipping " + Pattern.quote(big.toString()) + ": 8000x8000 needs"
                + " about 976\\.56 MiB of Java heap to process, more than this JVM can give it \\(.* free of .*;"
                + " raise -Xmx, e\\.g\\. SQUALL_JAVA_OPTS=-Xmx8g\\)"), lines.get(0));
        assertEquals("squall: skipping " + broken + ": not a PNG or JPEG file", lines.get(1));
        assertEquals("image: 6 written, 2 failed, on cpu\n", run.out());
        assertEquals(6, names(dir.resolve("out")).size());
    }
}
