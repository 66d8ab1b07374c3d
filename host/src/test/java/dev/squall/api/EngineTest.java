package dev.squall.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.kernels.InvalidParameterException;
import dev.squall.testing.TestImages;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.ImageOps;
import dev.squall.kernels.image.ImageReference;
import dev.squall.kernels.image.ImageStep;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import dev.squall.testing.OpenClTestDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's facade: what an embedding program sees, with the seed's and formulas.md's checksums. */
class EngineTest {
    private static final MandelbrotParams SEED = new MandelbrotParams(1920, 1080, new View(-2.5, 1, -1, 1), 1000,
            Precision.F64);

    @TempDir
    Path dir;

    @Test
    void theSeedViewOnTheCpuIsTheSeedsChecksumVerifiedAndWrittenAsFiles() throws IOException {
        try (Engine engine = Engine.open("cpu"); Render render = engine.render(SEED)) {
            assertEquals(458700700L, render.sum());
            assertEquals("c7052418", render.crc32());
            assertEquals(MandelbrotReference.pixel(SEED, 1000, 500), render.count(1000, 500));
            Verification verdict = engine.verify(render);
            assertTrue(verdict.identical(), verdict::toString);
            assertEquals(SEED.pixels(), verdict.pixels());
            render.writeCounts(dir.resolve("seed.u32"));
            render.writePng(dir.resolve("seed.png"));
            assertEquals(SEED.pixels() * 4, Files.size(dir.resolve("seed.u32")));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                    java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve("seed.png")), 4));
            assertEquals("cpu", engine.opened());
        }
    }

    @Test
    void openClAndTheCpuTogetherGiveTheReferenceForEveryFormulaAndSayNothingUnasked() {
        var device = OpenClTestDevice.require(Precision.F64);
        List<String> notices = new CopyOnWriteArrayList<>();
        try (Engine engine = Engine.open(device.id() + ",cpu", notices::add)) {
            for (Formula formula : List.of(new Formula.Julia(-0.8, 0.156), new Formula.BurningShip(),
                    new Formula.Multibrot(3))) {
                for (Precision precision : Precision.values()) {
                    MandelbrotParams params = new MandelbrotParams(301, 203, new View(-1.6, 1.6, -1.2, 1.2), 400,
                            precision, formula);
                    try (Render render = engine.render(params)) {
                        assertTrue(engine.verify(render).identical(), formula + " " + precision);
                    }
                }
            }
            assertEquals(device.id() + ", cpu", engine.opened());
        }
        assertEquals(List.of(), notices);
    }

    @Test
    void aStreamedRenderHandsEveryRowOverInOrderWithTheWholeRendersCounts() throws IOException {
        MandelbrotParams params = new MandelbrotParams(1001, 777, new View(-0.7453, -0.7433, 0.1125, 0.1145), 300,
                Precision.F32, new Formula.Tricorn());
        int[] reference = MandelbrotReference.render(params);
        int[] next = {0};
        long[] mismatches = {0};
        try (Engine engine = Engine.open("cpu")) {
            Streamed streamed = engine.stream(params, (firstRow, rows, counts) -> {
                assertEquals(next[0], firstRow, "rows in image order");
                for (long i = 0; i < (long) rows * params.width(); i++) {
                    int device = counts.getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED
                            .withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), i);
                    mismatches[0] += device != reference[(int) ((long) firstRow * params.width() + i)] ? 1 : 0;
                }
                next[0] += rows;
            });
            assertEquals(params.height(), next[0]);
            assertEquals(0, mismatches[0]);
            long sum = 0;
            for (int c : reference) {
                sum += c;
            }
            assertEquals(sum, streamed.sum());
            var stop = assertThrows(IOException.class, () -> engine.stream(params, (firstRow, rows, counts) -> {
                throw new IOException("disk full");
            }));
            assertEquals("disk full", stop.getMessage());
        }
    }

    /**
     * A render into files tells the listener how far it is after each tile has been written, in order, ending at
     * the image's height; the files are what the whole render gives.
     */
    @Test
    void aRenderIntoFilesReportsItsProgressTileByTileToTheEnd() throws IOException {
        MandelbrotParams params = new MandelbrotParams(700, 1500, new View(-2.5, 1, -1.2, 1.2), 80, Precision.F64);
        List<long[]> heard = new CopyOnWriteArrayList<>();
        EngineListener listener = new EngineListener() {
            @Override
            public void notice(String message) {
            }

            @Override
            public void progress(long rowsDone, long rows) {
                heard.add(new long[] {rowsDone, rows});
            }
        };
        Path counts = dir.resolve("p.u32");
        try (Engine engine = Engine.open("cpu", listener);
             FileRender render = engine.renderTo(params, List.of(new FileRender.Output(counts,
                     FileRender.Format.COUNTS)), false, 1)) {
            render.commit();
            assertEquals(render.summary().tiles(), heard.size());
        }
        assertTrue(heard.size() > 1, "several tiles");
        for (int i = 0; i < heard.size(); i++) {
            assertEquals(1500, heard.get(i)[1]);
            assertTrue(i == 0 || heard.get(i)[0] > heard.get(i - 1)[0], "growing");
        }
        assertEquals(1500, heard.getLast()[0]);
        int[] reference = MandelbrotReference.render(params);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(counts))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int c : reference) {
            assertEquals(c, bytes.getInt());
        }
    }

    @Test
    void aVerificationNamesTheFirstPixelsThatDiffer() {
        try (Engine engine = Engine.open("cpu");
             Render render = engine.render(new MandelbrotParams(64, 48, new View(-2.5, 1, -1, 1), 100,
                     Precision.F64))) {
            // Another render's counts, checked as this one: they differ where the formulas do.
            Render other = new Render(render.params().withFormula(new Formula.Tricorn()), render.buffer(),
                    render.device(), 0, 0);
            Verification verdict = engine.verify(other);
            assertFalse(verdict.identical());
            assertTrue(verdict.mismatches() > 0 && verdict.first().size() == Math.min(10, verdict.mismatches()));
            assertTrue(verdict.first().getFirst().matches("\\(\\d+, \\d+\\): device \\d+, reference \\d+"),
                    verdict.first().getFirst());
        }
    }

    @Test
    void anImageChainEqualsItsReference() {
        int w = 37;
        int h = 23;
        byte[] rgba = TestImages.rgba(w, h, 31, Integer.MAX_VALUE);
        List<ImageStep> chain = new ArrayList<>(List.of(ImageOps.parse("brightness=1.2"), ImageOps.parse("blur=1.5"),
                ImageOps.parse("sobel")));
        try (Engine engine = Engine.open("cpu")) {
            assertArrayEquals(ImageReference.apply(chain, w, h, rgba), engine.image(chain, w, h, rgba));
            var e = assertThrows(IllegalArgumentException.class, () -> engine.image(chain, w, h, new byte[5]));
            assertEquals("37x23 RGBA needs 3404 bytes, got 5", e.getMessage());
        }
    }

    @Test
    void devicesThatAreNotThereAndClosedEnginesAreRefusedInWords() {
        var bad = assertThrows(InvalidParameterException.class, () -> Engine.open("gpu"));
        assertTrue(bad.getMessage().startsWith("device must be "), bad.getMessage());
        try (Engine engine = Engine.open("opencl:9:9")) {
            var e = assertThrows(EngineException.class, () -> engine.render(SEED));
            assertTrue(e.getMessage().contains("opencl:9:9 names no OpenCL device"), e.getMessage());
        }
        Engine closed = Engine.open("cpu");
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.render(SEED));
        assertTrue(Engine.devices().getLast().startsWith("cpu cpu (Java, "), Engine.devices().toString());
    }
}
