package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.imageio.MandelbrotPalette;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import dev.squall.testing.Checksums;
import dev.squall.testing.Faults;
import dev.squall.testing.OpenClTestDevice;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RenderCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "opencl"})
    void writesExactCountsAndAPngAndASummary(String device) throws IOException {
        if (device.equals("opencl")) {
            OpenClTestDevice.require(Precision.F64);
        }
        Path counts = dir.resolve("m.u32");
        Path png = dir.resolve("m.png");
        CliRun run = CliRun.of("render", "mandelbrot", "--width", "800", "--height", "600", "--max-iter", "256",
                "--view", "-2.0,1.0,-1.2,1.2", "--device", device, "--counts", counts.toString(),
                "--out", png.toString(), "--verify");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("verified: 480000 pixels identical to the Java reference (f64, sum 28305069, crc32 ab86c321)",
                lines.get(0));
        assertTrue(lines.get(1).matches("mandelbrot 800x600 f64 max-iter 256 on " + device
                + "\\S* \\(.*\\): \\d+\\.\\d{3} s.*, \\d+\\.\\d{3} Giter/s \\(28305069 iterations, \\d+ tiles?\\)"),
                lines.get(1));

        byte[] bytes = Files.readAllBytes(counts);
        assertEquals(800 * 600 * 4, bytes.length);
        int[] values = new int[800 * 600];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
        assertEquals("ab86c321", Checksums.crc32(values));

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
        MandelbrotPalette palette = new MandelbrotPalette(256);
        for (int y = 0; y < 600; y++) {    // every pixel: the PNG's rows come in two compressed pieces
            for (int x = 0; x < 800; x++) {
                int n = values[y * 800 + x];
                if (palette.rgb(n) != (image.getRGB(x, y) & 0xFFFFFF)) {
                    assertEquals(palette.rgb(n), image.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
                }
            }
        }
        assertEquals(256, values[300 * 800 + 533], "(-0.0, 0.0) never escapes");
        assertEquals(0, image.getRGB(533, 300) & 0xFFFFFF, "never-escaping points are black");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("m.png", "m.u32"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void f32RenderIsVerifiedAgainstItsOwnReference() {
        CliRun run = CliRun.of("render", "mandelbrot", "--width", "301", "--height", "203", "--max-iter", "500",
                "--view", "-0.8,-0.7,0.05,0.15", "--precision", "f32", "--device", "cpu", "--verify");
        assertEquals(0, run.exitCode(), run::toString);
        int[] reference = MandelbrotReference.render(
                new MandelbrotParams(301, 203, new View(-0.8, -0.7, 0.05, 0.15), 500, Precision.F32));
        assertTrue(run.out().startsWith("verified: 61103 pixels identical to the Java reference (f32, sum "
                + Checksums.sum(reference) + ", crc32 " + Checksums.crc32(reference) + ")"), run::toString);
    }

    @Test
    void northUpViewIsTheVerticalMirrorOfTheSeedConvention() throws IOException {
        // Row 0 is YMIN: with YMIN = 1 and YMAX = -1 the first row is the top edge. The grid's rows are
        // min + (py / h) * (max - min): mirrored rows are not bit-identical coordinates in general, so compare counts
        // of the symmetric set on a view where they are (extent 2, h = 4: y = 1, 0.5, 0, -0.5).
        Path north = dir.resolve("north.u32");
        CliRun run = CliRun.of("render", "mandelbrot", "--width", "5", "--height", "4", "--max-iter", "60",
                "--view", "-2,0.5,1,-1", "--device", "cpu", "--counts", north.toString());
        assertEquals(0, run.exitCode(), run::toString);
        int[] counts = new int[20];
        ByteBuffer.wrap(Files.readAllBytes(north)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(counts);
        for (int px = 0; px < 5; px++) {
            double x = MandelbrotReference.coordinate(-2, 0.5, px, 5);
            assertEquals(MandelbrotReference.iterate(x, 1.0, 60), counts[px], "row 0 is y = +1");
            assertEquals(MandelbrotReference.iterate(x, 0.0, 60), counts[2 * 5 + px], "row 2 is y = 0");
        }
    }

    @Test
    void verificationFailureExitsThreeShowsTheFirstDifferencesAndWritesNothing() throws IOException {
        Path png = dir.resolve("bad.png");
        Files.writeString(png, "previous render");
        Squall.deviceDecorator = Faults.corruptPixel(1234);
        try {
            CliRun run = CliRun.of("render", "mandelbrot", "--width", "100", "--height", "50", "--max-iter", "100",
                    "--view", "-2.5,1,-1,1", "--device", "cpu", "--out", png.toString(), "--verify");
            assertEquals(3, run.exitCode(), run::toString);
            int expected = MandelbrotReference.pixel(
                    new MandelbrotParams(100, 50, new View(-2.5, 1, -1, 1), 100, Precision.F64), 34, 12);
            assertEquals("verify: 1 of 5000 pixels differ from the Java reference (f64); nothing written."
                    + " First differences:\n  (34, 12): device " + (expected + 1) + ", reference " + expected + "\n",
                    run.err());
            assertEquals("", run.out());
        } finally {
            Squall.deviceDecorator = UnaryOperator.identity();
        }
        assertArrayEquals("previous render".getBytes(), Files.readAllBytes(png));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void anOutputFolderThatIsAFileIsRejectedBeforeRendering() throws IOException {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        CliRun run = CliRun.of("render", "mandelbrot", "--width", "10", "--height", "10", "--max-iter", "10",
                "--view", "-2.5,1,-1,1", "--device", "cpu", "--counts", blocker.resolve("c.u32").toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("squall: --counts folder does not exist: \"" + blocker + "\"\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void aWriteTheFileSystemRefusesExitsOneAndDebugAddsTheStackTrace() {
        // sysfs passes the up-front checks (a folder, writable for root) but refuses to create files: a real I/O
        // failure after the render. Skipped where /sys is not like that (not root, not Linux).
        Path sys = Path.of("/sys");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sys) && Files.isWritable(sys),
                "needs a writable-looking /sys");
        String[] args = {"render", "mandelbrot", "--width", "10", "--height", "10", "--max-iter", "10",
                         "--view", "-2.5,1,-1,1", "--device", "cpu", "--counts", "/sys/squall-test.u32"};
        CliRun plain = CliRun.of(args);
        assertEquals(1, plain.exitCode(), plain::toString);
        assertTrue(plain.err().matches("squall: cannot write /sys/squall-test.u32: .+ \\(run with --debug for details\\)\n"),
                plain::toString);
        String[] debugArgs = java.util.Arrays.copyOf(args, args.length + 1);
        debugArgs[args.length] = "--debug";
        CliRun debug = CliRun.of(debugArgs);
        assertEquals(1, debug.exitCode(), debug::toString);
        assertTrue(debug.err().contains("java.io.IOException: cannot write /sys/squall-test.u32")
                && debug.err().contains("\tat dev.squall.host.imageio.AtomicFile.prepare"), debug::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "opencl"})
    void aTileThatFailsOnTheOpenClDeviceIsRedoneOnTheCpuAndReported(String choice) throws IOException {
        var device = OpenClTestDevice.require(Precision.F64);
        Path counts = dir.resolve("c.u32");
        Path reference = dir.resolve("r.u32");
        String[] args = {"render", "mandelbrot", "--width", "600", "--height", "1800", "--max-iter", "50",
            "--view", "-2.0,0.5,-1.0,1.0", "--verify"};
        CliRun cpu = CliRun.of(Stream.concat(Stream.of(args), Stream.of("--device", "cpu", "--counts",
                reference.toString())).toArray(String[]::new));
        assertEquals(0, cpu.exitCode(), cpu::toString);
        Squall.deviceDecorator = Faults.failTile(device.id(), 1);
        try {
            CliRun run = CliRun.of(Stream.concat(Stream.of(args), Stream.of("--device",
                    choice.equals("auto") ? "auto" : device.id(), "--counts", counts.toString()))
                    .toArray(String[]::new));
            assertEquals(0, run.exitCode(), run::toString);
            // 1.08 M pixels: 5 tiles of 360 rows; the device's second tile (rows 360-719) fails.
            assertEquals("squall: tile 2 of 5 (rows 360-719) failed on " + device.id() + " (OpenCL error "
                    + "CL_OUT_OF_RESOURCES (-5) in " + Faults.FAILED_LAUNCH + " on " + device.id()
                    + "); redone on cpu, which takes "
                    + device.id() + "'s remaining tiles\n", run.err());
            assertTrue(run.out().startsWith("verified: 1080000 pixels identical to the Java reference"), run::toString);
            assertTrue(run.out().contains(" on " + device.id() + " (1 tile) + cpu fallback (4 tiles, 1 redone): "),
                    run::toString);
        } finally {
            Squall.deviceDecorator = UnaryOperator.identity();
        }
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(counts));
    }

    @Test
    void severalDevicesShareTheTilesAndGiveTheSameCounts() throws IOException {
        var device = OpenClTestDevice.require(Precision.F64);
        Path shared = dir.resolve("shared.u32");
        Path alone = dir.resolve("alone.u32");
        String[] args = {"render", "mandelbrot", "--width", "1000", "--height", "2000", "--max-iter", "300",
            "--view", "-2.0,0.5,-1.0,1.0"};
        for (String[] extra : List.of(new String[] {"--device", device.id() + ",cpu", "--counts", shared.toString()},
                new String[] {"--device", "cpu", "--counts", alone.toString()})) {
            CliRun run = CliRun.of(Stream.concat(Stream.of(args), Stream.of(extra)).toArray(String[]::new));
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("", run.err());
        }
        assertArrayEquals(Files.readAllBytes(alone), Files.readAllBytes(shared));
        CliRun all = CliRun.of(Stream.concat(Stream.of(args), Stream.of("--device", "all", "--verify"))
                .toArray(String[]::new));
        assertEquals(0, all.exitCode(), all::toString);
        assertTrue(all.out().contains(" on " + device.id() + " (") && all.out().contains(" + cpu ("), all::toString);
    }

    @Test
    void aListNamingADeviceTwiceOrAutoIsRejected() {
        CliRun twice = CliRun.of("render", "mandelbrot", "--width", "3", "--height", "2", "--max-iter", "5",
                "--view", "-2,1,-1,1", "--device", "cpu,cpu");
        twice.assertRefused("squall: --device must be a list of cpu, opencl:P:D and tornado[:N], each once (\"cpu\" is"
                + " there twice), got \"cpu,cpu\"\n");
        CliRun auto = CliRun.of("render", "mandelbrot", "--width", "3", "--height", "2", "--max-iter", "5",
                "--view", "-2,1,-1,1", "--device", "auto,cpu");
        assertEquals(2, auto.exitCode(), auto::toString);
        assertTrue(auto.err().contains("(\"auto\" cannot be listed)"), auto::toString);
    }
}
