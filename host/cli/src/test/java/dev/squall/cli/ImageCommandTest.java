package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.testing.Checksums;
import dev.squall.host.imageio.ImageFiles;
import dev.squall.host.imageio.RgbaImage;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.PixelOp;
import dev.squall.kernels.image.PixelReference;
import dev.squall.testing.OpenClTestDevice;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageCommandTest {
    @TempDir
    Path dir;


    /** shared/reference/seed-kernels.md's brightness cases, through PNG in and PNG out. */
    @ParameterizedTest(name = "{0} {1}x{2} factor {3}")
    @CsvSource({"cpu, 1920, 1080, 1.2, d9e66ea0", "cpu, 1, 1, 0.5, f298bbf6",
                "opencl, 1920, 1080, 1.2, d9e66ea0", "opencl, 1, 1, 0.5, f298bbf6"})
    void seedBrightnessThroughPngFiles(String device, int w, int h, String factor, String crc) throws IOException {
        String id = device.equals("opencl") ? OpenClTestDevice.require(Precision.F32).id() : "cpu";
        Path in = dir.resolve("seed.png");
        ImageFiles.writePng(in, new RgbaImage(w, h, true, PixelReference.seedImage(w, h)), 6);
        Path out = dir.resolve("bright.png");
        CliRun run = CliRun.of("image", in.toString(), "--op", "brightness=" + factor, "--device", device,
                "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("image: 1 written, 0 failed, on " + id + "\n", run.out());
        RgbaImage result = ImageFiles.read(out);
        assertTrue(result.alpha(), "alpha kept");
        assertEquals(crc, Checksums.crc32(result.rgba()));
    }

    /**
     * A device list shares an image's bands (about 4 Mpixel each: three here) between an OpenCL device and the CPU
     * backend; the result is the reference's whatever device took which band.
     */
    @Test
    void aDeviceListSharesTheBandsOfAnImage() throws IOException {
        String id = OpenClTestDevice.require(Precision.F32).id();
        int w = 2900;
        int h = 2900;
        byte[] rgba = PixelReference.seedImage(w, h);
        Path in = dir.resolve("big.png");
        ImageFiles.writePng(in, new RgbaImage(w, h, true, rgba), 1);
        Path out = dir.resolve("big-out.png");
        CliRun run = CliRun.of("image", in.toString(), "--op", "brightness=1.2", "--op", "invert", "--device",
                id + ",cpu", "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("image: 1 written, 0 failed, on " + id + " + cpu\n", run.out());
        assertArrayEquals(PixelReference.apply(List.of(PixelOp.parse("brightness=1.2"), PixelOp.parse("invert")),
                rgba), ImageFiles.read(out).rgba());
    }

    @Test
    void readsGreyPalette16BitAndJpegInputsAndDropsAlphaWhenThereIsNone() throws IOException {
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 2, 0, new int[] {0, 17, 100, 128, 200, 255});
        ImageIO.write(grey, "png", dir.resolve("grey.png").toFile());
        RgbaImage g = ImageFiles.read(dir.resolve("grey.png"));
        assertFalse(g.alpha());
        assertEquals(100, g.rgba()[2 * 4] & 0xFF, "grey samples raw, no colour-space conversion");
        assertEquals(100, g.rgba()[2 * 4 + 2] & 0xFF);

        BufferedImage binary = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 1, 1, 0});
        ImageIO.write(binary, "png", dir.resolve("bits.png").toFile());
        RgbaImage b = ImageFiles.read(dir.resolve("bits.png"));
        assertEquals(255, b.rgba()[4] & 0xFF, "1-bit 1 is 255");
        assertEquals(0, b.rgba()[12] & 0xFF);

        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.setRGB(0, 0, 0xFF0000);
        indexed.setRGB(1, 0, 0x0000FF);
        ImageIO.write(indexed, "png", dir.resolve("palette.png").toFile());
        RgbaImage p = ImageFiles.read(dir.resolve("palette.png"));
        assertEquals(indexed.getRGB(0, 0) >> 16 & 0xFF, p.rgba()[0] & 0xFF);
        assertEquals(indexed.getRGB(1, 0) & 0xFF, p.rgba()[6] & 0xFF);

        var colours = new java.awt.image.IndexColorModel(8, 2, new byte[] {10, 20}, new byte[] {30, 40},
                new byte[] {50, 60}, new byte[] {(byte) 255, 7});
        BufferedImage translucent = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, colours);
        translucent.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {1, 0});
        ImageIO.write(translucent, "png", dir.resolve("trns.png").toFile());
        RgbaImage t = ImageFiles.read(dir.resolve("trns.png"));
        assertTrue(t.alpha(), "a palette with tRNS has alpha");
        assertArrayEquals(new byte[] {20, 40, 60, 7, 10, 30, 50, (byte) 255}, t.rgba());

        BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0x12FF, 0xAB00});
        ImageIO.write(deep, "png", dir.resolve("deep.png").toFile());
        RgbaImage d = ImageFiles.read(dir.resolve("deep.png"));
        assertEquals(0x12, d.rgba()[0] & 0xFF, "16-bit samples keep their high byte");
        assertEquals(0xAB, d.rgba()[4] & 0xFF);

        BufferedImage photo = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 128; i++) {
            photo.setRGB(i % 16, i / 16, i * 0x020301);
        }
        ImageIO.write(photo, "jpg", dir.resolve("photo.jpg").toFile());
        BufferedImage decoded = ImageIO.read(dir.resolve("photo.jpg").toFile());
        RgbaImage j = ImageFiles.read(dir.resolve("photo.jpg"));
        assertEquals(decoded.getRGB(5, 3) >> 8 & 0xFF, j.rgba()[(3 * 16 + 5) * 4 + 1] & 0xFF);

        Path out = dir.resolve("out.png");
        CliRun run = CliRun.of("image", dir.resolve("photo.jpg").toString(), "--op", "invert", "--device", "cpu",
                "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        RgbaImage inverted = ImageFiles.read(out);
        assertFalse(inverted.alpha(), "an RGB input gives an RGB PNG");
        assertArrayEquals(PixelReference.apply(List.of(PixelOp.parse("invert")), j.rgba()), inverted.rgba());
    }

    @Test
    void aFolderWithACorruptFileWritesTheOthersAndExitsOne() throws IOException {
        byte[] small = PixelReference.seedImage(5, 4);
        ImageFiles.writePng(dir.resolve("a.png"), new RgbaImage(5, 4, true, small), 6);
        ImageFiles.writePng(dir.resolve("c.png"), new RgbaImage(5, 4, false, small), 6);
        byte[] truncated = Files.readAllBytes(dir.resolve("a.png"));
        Files.write(dir.resolve("b.png"), java.util.Arrays.copyOf(truncated, truncated.length / 2));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Path outDir = dir.resolve("out");
        CliRun run = CliRun.of("image", dir.resolve("a.png").toString(), dir.resolve("b.png").toString(),
                dir.resolve("notes.txt").toString(), dir.resolve("c.png").toString(), "--op", "grayscale",
                "--op", "contrast=1.2", "--device", "cpu", "-o", outDir.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("squall: skipping " + dir.resolve("b.png") + ": corrupt PNG"), run.err());
        assertTrue(run.err().contains("squall: skipping " + dir.resolve("notes.txt") + ": not a PNG or JPEG file"),
                run.err());
        assertEquals("image: 2 written, 2 failed, on cpu\n", run.out());
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(List.of("a.png", "c.png"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        var chain = List.of(PixelOp.parse("grayscale"), PixelOp.parse("contrast=1.2"));
        assertArrayEquals(PixelReference.apply(chain, small), ImageFiles.read(outDir.resolve("a.png")).rgba());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        --op emboss                    | --op must be one of brightness=F, contrast=F, gamma=G, invert, grayscale, sepia, threshold=T, blur=SIGMA, box-blur=R, sharpen=AMOUNT, sobel (see squall image --list-ops), got "emboss"
        --op blur=0                    | --op must be blur=SIGMA with SIGMA a number > 0 and <= 100, got "blur=0"
        --op box-blur=2.5              | --op must be box-blur=R with R an integer from 1 to 1000, got "box-blur=2.5"
        --op sharpen=-1                | --op must be sharpen=AMOUNT with AMOUNT a finite number >= 0, got "sharpen=-1"
        --op sobel=3                   | --op must be sobel without an argument, got "sobel=3"
        --op brightness=NaN            | --op must be brightness=F with F a finite number >= 0, got "brightness=NaN"
        --op brightness=-1             | --op must be brightness=F with F a finite number >= 0, got "brightness=-1"
        --op brightness=Infinity       | --op must be brightness=F with F a finite number >= 0, got "brightness=Infinity"
        --op gamma=0                   | --op must be gamma=G with G a finite number > 0, got "gamma=0"
        --device gpu                   | --device must be auto, cpu, opencl, opencl:P:D, tornado[:N], all, or a list such as opencl:0:0,cpu (see squall devices), got "gpu"
        --device cpu,gpu               | --device must be auto, cpu, opencl, opencl:P:D, tornado[:N], all, or a list such as opencl:0:0,cpu (see squall devices), got "cpu,gpu"
        --device cpu,cpu               | --device must be a list of cpu, opencl:P:D and tornado[:N], each once ("cpu" is there twice), got "cpu,cpu"
        --jpeg-decoder turbo           | --jpeg-decoder must be auto or imageio, got "turbo"
        %d/missing.png                 | input not found: "%d/missing.png"
        -o %d/out.jpg                  | -o must name a .png file for one input, got "%d/out.jpg"
        """)
    void badArgumentsExitTwoAndWriteNothing(String change, String message) throws IOException {
        ImageFiles.writePng(dir.resolve("in.png"), new RgbaImage(2, 2, false, PixelReference.seedImage(2, 2)), 6);
        List<String> args = new java.util.ArrayList<>(List.of("image", dir.resolve("in.png").toString()));
        args.addAll(List.of(change.replace("%d", dir.toString()).split(" ")));
        if (!change.startsWith("-o")) {
            args.addAll(List.of("-o", dir.resolve("out.png").toString()));
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("squall: " + message.replace("%d", dir.toString()) + "\n", run.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("in.png"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void twoInputsWithTheSameNameAreRefusedBeforeAnythingIsWritten() throws IOException {
        Files.createDirectories(dir.resolve("x"));
        ImageFiles.writePng(dir.resolve("a.png"), new RgbaImage(1, 1, false, PixelReference.seedImage(1, 1)), 6);
        ImageFiles.writePng(dir.resolve("x/a.png"), new RgbaImage(1, 1, false, PixelReference.seedImage(1, 1)), 6);
        CliRun run = CliRun.of("image", dir.resolve("a.png").toString(), dir.resolve("x/a.png").toString(),
                "--op", "invert", "-o", dir.resolve("out").toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("squall: \"" + dir.resolve("a.png") + "\" and \"" + dir.resolve("x/a.png")
                + "\" would both be written to a.png\n", run.err());
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    @Test
    void listOpsNamesEveryOperationAndItsArgument() {
        CliRun run = CliRun.of("image", "--list-ops");
        assertEquals(0, run.exitCode(), run::toString);
        for (String[] op : dev.squall.kernels.image.ImageOps.catalogue()) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(op[0] + " ") && l.endsWith(op[1])), op[0]);
        }
        assertEquals(11, run.out().lines().count());
    }

    @Test
    void withoutLibjpegTurboImageIoDecodesJpeg() throws Exception {
        BufferedImage photo = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 1200; i++) {
            photo.setRGB(i % 40, i / 40, i * 0x030507);
        }
        Path jpeg = dir.resolve("photo.jpg");
        ImageIO.write(photo, "jpg", jpeg.toFile());
        Path out = dir.resolve("out.png");
        CliRun run = CliRun.of("image", jpeg.toString(), "--op", "invert", "--device", "cpu", "--jpeg-decoder",
                "imageio", "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        BufferedImage decoded = ImageIO.read(jpeg.toFile());
        RgbaImage inverted = ImageFiles.read(out);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                int rgb = decoded.getRGB(x, y);
                int o = 4 * (y * 40 + x);
                assertEquals(255 - (rgb >> 16 & 0xFF), inverted.rgba()[o] & 0xFF);
                assertEquals(255 - (rgb & 0xFF), inverted.rgba()[o + 2] & 0xFF);
            }
        }
    }
}
