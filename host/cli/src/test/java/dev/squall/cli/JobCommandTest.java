package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.kernels.Precision;
import dev.squall.testing.Faults;
import dev.squall.testing.OpenClTestDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code squall job run}: frames equal to {@code render}'s, resume that skips intact frames and redoes missing or
 * damaged ones, --force, a kill (SIGKILL, SIGTERM) that leaves only complete frames, and job files rejected whole.
 */
@Tag("slow")
class JobCommandTest {
    private static final String VIEWS = """
            [ {"view": [-2.5, 1.0, -1.0, 1.0]}, {"view": [-0.75, -0.74, 0.10, 0.11]},
              {"view": [-1.8, -1.7, -0.05, 0.05]} ]""";

    @TempDir
    Path dir;

    private Path job(String device, String format, String frames) throws IOException {
        Path file = dir.resolve("job.json");
        Files.writeString(file, """
                { "kernel": "mandelbrot", "width": 96, "height": 64, "max_iter": 300, "precision": "f64",
                  "device": "%s", "frames": %s, "output": { "dir": "frames", "format": "%s" } }
                """.formatted(device, frames, format));
        return file;
    }

    /** What {@code render --counts} writes for the same view: the reference each frame must equal, byte for byte. */
    private byte[] rendered(String view) throws IOException {
        Path counts = dir.resolve("reference.u32");
        CliRun run = CliRun.of("render", "mandelbrot", "--width", "96", "--height", "64", "--max-iter", "300",
                "--view", view, "--device", "cpu", "--counts", counts.toString());
        assertEquals(0, run.exitCode(), run::toString);
        byte[] bytes = Files.readAllBytes(counts);
        Files.delete(counts);
        return bytes;
    }

    private List<byte[]> references() throws IOException {
        return List.of(rendered("-2.5,1.0,-1.0,1.0"), rendered("-0.75,-0.74,0.10,0.11"),
                rendered("-1.8,-1.7,-0.05,0.05"));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("frames"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void framesEqualRenderAndARunAgainResumesRedoingOnlyWhatIsMissingOrDamaged() throws IOException {
        Path job = job("cpu", "counts", VIEWS);
        List<byte[]> references = references();

        CliRun first = CliRun.of("job", "run", job.toString());
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().startsWith("job: 3 frames rendered, 0 skipped, 96x64 f64 max-iter 300 on cpu"),
                first::toString);
        assertEquals(List.of(".squall-frames", ".squall.lock", "frame-00000.u32", "frame-00001.u32", "frame-00002.u32", "squall-manifest.json"), files());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(references.get(i), Files.readAllBytes(dir.resolve("frames/frame-0000" + i + ".u32")));
        }

        // Nothing to do: every frame is skipped and left as it was, to the modification time.
        Path frame0 = dir.resolve("frames/frame-00000.u32");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(frame0, old);
        CliRun again = CliRun.of("job", "run", job.toString());
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("resumed: 3 of 3 frames already done\njob: 0 frames rendered, 3 skipped: nothing to do\n",
                again.out());
        assertEquals(old, Files.getLastModifiedTime(frame0));

        // One frame damaged (a flipped byte, same size), one gone: both redone, the third untouched.
        byte[] damaged = Files.readAllBytes(dir.resolve("frames/frame-00001.u32"));
        damaged[1000] ^= 1;
        Files.write(dir.resolve("frames/frame-00001.u32"), damaged);
        Files.delete(dir.resolve("frames/frame-00002.u32"));
        CliRun resumed = CliRun.of("job", "run", job.toString());
        assertEquals(0, resumed.exitCode(), resumed::toString);
        List<String> lines = resumed.out().lines().toList();
        assertEquals("resumed: 1 of 3 frames already done", lines.get(0));
        assertEquals("to render: 1 missing, 1 damaged", lines.get(1));
        assertTrue(lines.get(2).startsWith("job: 2 frames rendered, 1 skipped"), resumed::toString);
        assertEquals(old, Files.getLastModifiedTime(frame0));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(references.get(i), Files.readAllBytes(dir.resolve("frames/frame-0000" + i + ".u32")));
        }

        CliRun forced = CliRun.of("job", "run", job.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced::toString);
        assertTrue(forced.out().startsWith("job: 3 frames rendered, 0 skipped"), forced::toString);
        assertFalse(old.equals(Files.getLastModifiedTime(frame0)), "--force rewrote the intact frame");
        assertArrayEquals(references.get(0), Files.readAllBytes(frame0));
    }

    @Test
    void npyFramesHoldTheSameCountsBehindANumpyHeader() throws IOException {
        Path job = job("cpu", "npy", VIEWS);
        CliRun run = CliRun.of("job", "run", job.toString());
        assertEquals(0, run.exitCode(), run::toString);
        byte[] npy = Files.readAllBytes(dir.resolve("frames/frame-00001.npy"));
        byte[] counts = rendered("-0.75,-0.74,0.10,0.11");
        assertEquals(128, npy.length - counts.length, "a 128-byte header (NumPy pads it to 64)");
        String header = new String(npy, 10, 118, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<u4', 'fortran_order': False, 'shape': (64, 96), }", header.strip());
        assertArrayEquals(counts, java.util.Arrays.copyOfRange(npy, 128, npy.length));
    }

    @Test
    void aZoomOnSeveralDevicesWithATileFaultGivesTheFramesOfOneCpu() throws IOException {
        var device = OpenClTestDevice.require(Precision.F64);
        String zoom = """
                { "kernel": "mandelbrot", "width": 1024, "height": 4096, "max_iter": 200, "device": "%s",
                  "zoom": {"center": [-0.743643887037151, 0.131825904205330], "start_width": 3.0,
                           "end_width": 0.01, "frames": 2},
                  "output": { "dir": "%s", "format": "counts" } }
                """;
        Files.writeString(dir.resolve("cpu.json"), zoom.formatted("cpu", "cpu"));
        Files.writeString(dir.resolve("all.json"), zoom.formatted(device.id() + ",cpu", "all"));
        CliRun cpu = CliRun.of("job", "run", dir.resolve("cpu.json").toString());
        assertEquals(0, cpu.exitCode(), cpu::toString);

        Squall.deviceDecorator = Faults.failTile(device.id(), 0);    // the first tile the device takes, whichever it is
        CliRun all;
        try {
            all = CliRun.of("job", "run", dir.resolve("all.json").toString());
        } finally {
            Squall.deviceDecorator = java.util.function.UnaryOperator.identity();
        }
        assertEquals(0, all.exitCode(), all::toString);
        assertTrue(all.err().contains("failed on " + device.id() + " (") && all.err().contains("redone on cpu"),
                all::toString);
        for (String frame : List.of("frame-00000.u32", "frame-00001.u32")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("cpu").resolve(frame)),
                    Files.readAllBytes(dir.resolve("all").resolve(frame)), frame);
        }
    }

    @Test
    void aMistakeInTheJobFileIsNamedByItsPathAndNothingIsMade() throws IOException {
        Path job = job("cpu", "counts", """
                [ {"view": [-2.5, 1.0, -1.0, 1.0]}, {"view": [-0.75, -0.74, 0.10], "colour": 1} ]""");
        CliRun run = CliRun.of("job", "run", job.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("squall: " + job + ": frames[1]"), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertFalse(Files.exists(dir.resolve("frames")), "no output folder made");

        CliRun missing = CliRun.of("job", "run", dir.resolve("nope.json").toString());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().startsWith("squall: " + dir.resolve("nope.json")), missing::toString);
    }

    /** A job long enough to be stopped in the middle: 40 frames of 480x320 at max-iter 3000 near the set. */
    private Path longJob() throws IOException {
        Path file = dir.resolve("long.json");
        Files.writeString(file, """
                { "kernel": "mandelbrot", "width": 480, "height": 320, "max_iter": 3000, "device": "cpu",
                  "zoom": {"center": [-0.743643887037151, 0.131825904205330], "start_width": 0.5,
                           "end_width": 0.0005, "frames": 40},
                  "output": { "dir": "frames", "format": "png" } }
                """);
        return file;
    }

    /** Starts {@code squall job run} in a JVM of its own and waits until {@code frames} frames are on disk. */
    private Process startAndWaitFor(Path job, int frames) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), Squall.class.getName(), "job", "run", job.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.isDirectory(dir.resolve("frames"))
                    && files().stream().filter(f -> f.matches("frame-\\d{5}\\.png")).count() >= frames) {
                return process;
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new AssertionError("no " + frames + " frames in time: " + Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void aSigkillLeavesOnlyCompleteFramesAndTheNextRunFinishesTheJob() throws Exception {
        Path job = longJob();
        Process process = startAndWaitFor(job, 3);
        process.destroyForcibly();    // SIGKILL: no hook runs
        process.waitFor();

        // Every frame file there is whole (recorded with its CRC); only hidden .part files may be left.
        CliRun resume = CliRun.of("job", "run", job.toString());
        assertEquals(0, resume.exitCode(), resume::toString);
        String first = resume.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches("resumed: ([3-9]|[1-3]\\d) of 40 frames already done"), resume::toString);
        assertFalse(resume.out().contains("damaged"), "a killed run left no damaged frame: " + resume);
        List<String> names = files();
        assertEquals(43, names.size(), names::toString);    // 40 frames, the manifest, the records, .squall.lock
        assertTrue(names.stream().noneMatch(f -> f.endsWith(".part")), names::toString);

        CliRun check = CliRun.of("job", "run", job.toString());
        assertEquals("resumed: 40 of 40 frames already done\njob: 0 frames rendered, 40 skipped: nothing to do\n",
                check.out());
    }

    @Test
    void aSigtermStopsAfterTheFrameInFlightWithNoPartialFile() throws Exception {
        Path job = longJob();
        Process process = startAndWaitFor(job, 2);
        process.destroy();    // SIGTERM
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped");
        String err = Files.readString(dir.resolve("err.txt"));
        assertTrue(err.matches("(?s).*squall: stopped with \\d+ of 40 frames done; run the same command again to"
                + " resume\n.*"), err);
        List<String> names = files();
        assertTrue(names.stream().noneMatch(f -> f.endsWith(".part")), names::toString);
        int done = (int) names.stream().filter(f -> f.endsWith(".png")).count();
        assertTrue(done >= 2 && done < 40, names::toString);

        CliRun resume = CliRun.of("job", "run", job.toString());
        assertEquals(0, resume.exitCode(), resume::toString);
        assertTrue(resume.out().startsWith("resumed: " + done + " of 40 frames already done\nto render: "
                + (40 - done) + " not done yet\n"), resume::toString);
    }

    @Test
    void withoutATerminalProgressIsPlainLines() throws IOException {
        Path job = job("cpu", "png", VIEWS);
        CliRun run = CliRun.of("job", "run", job.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.err().lines().toList();
        assertTrue(!lines.isEmpty() && lines.stream().allMatch(l -> l.matches(
                "frame [1-3]/3 done, \\d+\\.\\d{2} Mpixel/s, ETA \\S+")), run::toString);
        assertEquals(List.of(".squall-frames", ".squall.lock", "frame-00000.png", "frame-00001.png", "frame-00002.png", "squall-manifest.json"),
                files());
    }
}
