package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.KernelRun;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Kernel;
import java.lang.foreign.MemorySegment;
import dev.squall.host.DeviceException;
import dev.squall.host.imageio.ImageFiles;
import dev.squall.host.imageio.RgbaImage;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.ImageOps;
import dev.squall.kernels.image.ImageReference;
import dev.squall.kernels.image.ImageStep;
import dev.squall.testing.ForwardingBackend;
import dev.squall.testing.OpenClTestDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code squall image --verify}: the verdict, exit 3 with nothing written; an image whose device fails redone. */
class ImageVerifyTest {
    private static final String[] CHAIN = {"--op", "brightness=1.2", "--op", "blur=1.5", "--op", "sobel"};

    @TempDir
    Path dir;

    @AfterEach
    void plainDevicesAgain() {
        Squall.deviceDecorator = UnaryOperator.identity();
    }

    private Path input(String name, int w, int h, int seed) throws IOException {
        byte[] rgba = new byte[w * h * 4];
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = (byte) (i * seed + i / 7);
        }
        Path file = dir.resolve(name);
        ImageFiles.writePng(file, new RgbaImage(w, h, true, rgba), 1);
        return file;
    }

    private String[] args(String device, Path... inputs) {
        Path out = dir.resolve(inputs.length == 1 ? "out.png" : "out");
        return Stream.of(Stream.of("image"), Stream.of(inputs).map(Path::toString), Stream.of(CHAIN),
                Stream.of("-o", out.toString(), "--device", device, "--verify"))
                .flatMap(s -> s).toArray(String[]::new);
    }

    private static byte[] reference(Path in) throws IOException {
        RgbaImage image = ImageFiles.read(in);
        List<ImageStep> chain = List.of(ImageOps.parse("brightness=1.2"), ImageOps.parse("blur=1.5"),
                ImageOps.parse("sobel"));
        return ImageReference.apply(chain, image.width(), image.height(), image.rgba());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "opencl"})
    void everyImageIdenticalIsSaidAndWritten(String device) throws IOException {
        if (device.equals("opencl")) {
            OpenClTestDevice.require(Precision.F32);
        }
        Path a = input("a.png", 61, 37, 31);
        Path b = input("b.png", 17, 90, 7);
        CliRun run = CliRun.of(args(device, a, b));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("verified: 2 images identical to the Java reference\nimage: 2 written, 0 failed,"
                + " on "), run::toString);
        assertArrayEquals(reference(a), ImageFiles.read(dir.resolve("out/a.png")).rgba());
        assertArrayEquals(reference(b), ImageFiles.read(dir.resolve("out/b.png")).rgba());
    }

    @Test
    void aDeviceThatGetsOnePixelWrongExits3AndWritesNothing() throws IOException {
        Path a = input("a.png", 61, 37, 31);
        Path b = input("b.png", 17, 90, 7);
        Squall.deviceDecorator = backend -> new Wrapped(backend, 1);
        CliRun run = CliRun.of(args("cpu", a, b));
        assertEquals(3, run.exitCode(), run::toString);
        List<String> lines = run.err().lines().toList();
        assertEquals("verify: 2 of 2 images differ from the Java reference; nothing written. First differences:",
                lines.get(0));
        assertTrue(lines.get(1).matches("  " + java.util.regex.Pattern.quote(a.toString()) + ": 1 pixels, first"
                + " \\(5, 0\\): device rgba\\(\\d+, \\d+, \\d+, \\d+\\), reference rgba\\(\\d+, \\d+, \\d+, \\d+\\)"),
                lines.get(1));
        assertEquals("", run.out());
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(), files.toList(), "nothing written, no temporary file left");
        }
    }

    @Test
    void anImageWhoseDeviceFailsIsRedoneOnTheCpuExactly() throws IOException {
        Path a = input("a.png", 61, 37, 31);
        Squall.deviceDecorator = backend -> new Wrapped(backend, -1);
        CliRun run = CliRun.of(args("cpu", a));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("squall: " + a + ": tile 1 of 1 (rows 0-36) failed on faulty (lost the device); redone on cpu\n",
                run.err());
        assertTrue(run.out().startsWith("verified: 1 image identical to the Java reference\n"), run::toString);
        assertArrayEquals(reference(a), ImageFiles.read(dir.resolve("out.png")).rgba());
    }

    @Test
    void aBandThatFailsOnTheDeviceIsRedoneOnTheCpuWhichTakesTheRestExactly() throws IOException {
        Path a = input("a.png", 61, 90, 31);
        // A device with small buffers (bands of 10 rows here: 4 halos of the chain's 2 + 1 + ... rows), failing its
        // second band.
        Squall.deviceDecorator = backend -> new ForwardingBackend(backend) {
            private int calls;

            @Override
            public String id() {
                return "small";
            }

            @Override
            public long maxBandPixels() {
                return 61 * 10;
            }

            @Override
            protected BandStats band(Kernel kernel, KernelRun run, Band band, MemorySegment out) {
                if (++calls == 2) {
                    throw new DeviceException("lost the device");
                }
                return run.run(band, out);
            }
        };
        CliRun run = CliRun.of(args("cpu", a));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().matches("squall: " + java.util.regex.Pattern.quote(a.toString()) + ": tile 2 of \\d+"
                + " \\(rows \\d+-\\d+\\) failed on small \\(lost the device\\); redone on cpu, which takes small's"
                + " remaining tiles\n"), run::toString);
        assertArrayEquals(reference(a), ImageFiles.read(dir.resolve("out.png")).rgba());
    }

    /** A device that flips one byte of every image ({@code flip} 1) or fails every image ({@code flip} -1). */
    private static final class Wrapped extends ForwardingBackend {
        private final int flip;

        Wrapped(Backend inner, int flip) {
            super(inner);
            this.flip = flip;
        }

        @Override
        public String id() {
            return "faulty";
        }

        @Override
        protected BandStats band(Kernel kernel, KernelRun run, Band band, MemorySegment out) {
            if (flip < 0) {
                throw new DeviceException("lost the device");
            }
            BandStats stats = run.run(band, out);
            if (band.firstRow() == 0) {
                out.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 4 * 5,
                        (byte) (out.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 4 * 5) ^ flip));
            }
            return stats;
        }
    }
}
