package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.kernels.Precision;
import dev.squall.testing.OpenClTestDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Job files with deep-zoom frames ({@code center} and {@code zoom}) and deep zoom sequences ({@code start}, {@code end}). */
class DeepZoomJobTest {
    private static final String CENTER = "[\"-0.743643887037158704752191506114774\", \"0.131825904205311970493132056385139\"]";

    @TempDir
    Path dir;

    private Path job(String json) throws IOException {
        Path file = dir.resolve("job.json");
        Files.writeString(file, json);
        return file;
    }

    private static String crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }

    @Test
    void aFrameAtTheFirstReferenceLocationIsExact() throws IOException {
        Path file = job("""
            {"kernel": "mandelbrot", "width": 32, "height": 32, "max_iter": 4036, "device": "cpu",
             "frames": [{"center": ["%s", "%s"], "zoom": "1.00E14"}],
             "output": {"dir": "out", "format": "counts"}}
            """.formatted(DeepZoomCommandTest.RE_14, DeepZoomCommandTest.IM_14));
        CliRun run = CliRun.of("job", "run", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("job: 1 frame rendered, 0 skipped, 32x32 deep zoom max-iter 4036 on cpu"),
                run::toString);
        assertEquals("44c07a66", crc(Files.readAllBytes(dir.resolve("out/frame-00000.u32"))));
    }

    /**
     * A sequence from zoom 1 to 1e40 in 5 frames is zooms 1, 1e10, 1e20, 1e30, 1e40 (even in log scale); each frame
     * is what render gives for its zoom, a second run skips them all, and another end is another job.
     */
    @Test
    void aZoomSequenceGoesPastDoublesEachFrameAsRenderGivesItAndResumes() throws IOException {
        String json = """
            {"kernel": "mandelbrot", "width": 24, "height": 16, "max_iter": 700, "device": "cpu",
             "zoom": {"center": %s, "start": "1", "end": "1e40", "frames": 5},
             "output": {"dir": "out", "format": "counts"}}
            """;
        Path file = job(json.formatted(CENTER));
        CliRun run = CliRun.of("job", "run", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("job: 5 frames rendered, 0 skipped"), run::toString);
        Path direct = dir.resolve("direct.u32");
        CliRun render = CliRun.of("render", "mandelbrot", "--width", "24", "--height", "16", "--max-iter", "700",
                "--center", "-0.743643887037158704752191506114774,0.131825904205311970493132056385139", "--zoom",
                "1e30", "--device", "cpu", "--counts", direct.toString());
        assertEquals(0, render.exitCode(), render::toString);
        assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(dir.resolve("out/frame-00003.u32")));
        CliRun again = CliRun.of("job", "run", file.toString());
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("job: 0 frames rendered, 5 skipped: nothing to do"), again::toString);
        Files.writeString(file, json.formatted(CENTER).replace("\"1e40\"", "\"1e50\""));
        CliRun other = CliRun.of("job", "run", file.toString());
        assertEquals(2, other.exitCode(), other::toString);
        assertTrue(other.err().contains("holds frames of another job: frame-00001.u32 was made with zoom 1E+10, this"
                + " job's is"), other::toString);
    }

    /** A deep job on the OpenCL device, named and under auto: deep-zoom.md's counts, no device refused. */
    @Test
    void aDeepJobRendersOnTheOpenClDevice() throws IOException {
        String id = OpenClTestDevice.require(Precision.F64).id();
        for (String device : List.of(id, "auto")) {
            Path file = job("""
                {"kernel": "mandelbrot", "width": 32, "height": 32, "max_iter": 4036, "device": "%s",
                 "frames": [{"center": ["%s", "%s"], "zoom": "1.00E14"}],
                 "output": {"dir": "out-%s", "format": "counts"}}
                """.formatted(device, DeepZoomCommandTest.RE_14, DeepZoomCommandTest.IM_14, device.replace(':', '-')));
            CliRun run = CliRun.of("job", "run", file.toString());
            assertEquals(0, run.exitCode(), run::toString);
            assertFalse(run.err().contains("does not run"), run::toString);
            assertEquals("44c07a66", crc(Files.readAllBytes(dir.resolve("out-" + device.replace(':', '-')
                    + "/frame-00000.u32"))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        "frames": [{"view": [-2, 1, -1, 1], "center": ["0", "0"], "zoom": "1"}] | frames[0]: give view, or center and zoom, not both
        "precision": "f32", "frames": [{"center": ["0", "0"], "zoom": "1"}]    | precision: a deep zoom (center and zoom) chooses its own arithmetic for each frame, every count exact; leave precision out
        "frames": [{"center": ["0"], "zoom": "1"}]                              | frames[0].center: must be 2 decimal numbers ["RE", "IM"] (strings keep every digit), got ["0"]
        "frames": [{"center": ["0", "0"], "zoom": "-5"}]                        | frames[0].zoom: must be a positive decimal number (a string such as "1e300"), got "-5"
        "zoom": {"center": ["0", "0"], "start": "1", "end": "abc", "frames": 3} | zoom.end: must be a positive decimal number (a string such as "1e300"), got "abc"
        "zoom": {"center": ["0", "0"], "start": "1", "end": "9", "start_width": 2, "frames": 3} | zoom: start and end (deep zoom) or start_width and end_width, not both
        """)
    void badDeepFramesExitTwoNamingTheValue(String frames, String message) throws IOException {
        Path file = job("{\"kernel\": \"mandelbrot\", \"width\": 8, \"height\": 8, " + frames
                + ", \"output\": {\"dir\": \"out\", \"format\": \"counts\"}}");
        CliRun run = CliRun.of("job", "run", file.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("squall: " + file + ": " + message + "\n", run.err());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing made");
    }
}
