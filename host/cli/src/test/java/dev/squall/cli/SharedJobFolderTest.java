package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.testing.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One output folder, several runs: runs of one job share its frames and each ends with all of them; a run of
 * another job is refused while one writes, and afterwards unless {@code --force}; temporary files are removed only
 * when their writer is gone.
 */
@Tag("slow")
class SharedJobFolderTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "job: (\\d+) frames? rendered, (\\d+) skipped(?:, (\\d+) written by another run)?[,:].*");

    @TempDir
    Path dir;

    /** 40 frames of 480x320 at {@code maxIter} near the set: a few seconds, long enough to start a second run. */
    private Path longJob(String name, int maxIter) throws IOException {
        return Files.writeString(dir.resolve(name), """
                { "kernel": "mandelbrot", "width": 480, "height": 320, "max_iter": %d, "device": "cpu",
                  "zoom": {"center": [-0.743643887037151, 0.131825904205330], "start_width": 0.5,
                           "end_width": 0.0005, "frames": 40},
                  "output": { "dir": "frames", "format": "png" } }
                """.formatted(maxIter));
    }

    private Path smallJob(int maxIter, String frames) throws IOException {
        return Files.writeString(dir.resolve("small.json"), """
                { "kernel": "mandelbrot", "width": 96, "height": 64, "max_iter": %d, "device": "cpu",
                  "frames": %s, "output": { "dir": "small", "format": "counts" } }
                """.formatted(maxIter, frames));
    }

    private static final String THREE = """
            [ {"view": [-2.5, 1.0, -1.0, 1.0]}, {"view": [-0.75, -0.74, 0.10, 0.11]},
              {"view": [-1.8, -1.7, -0.05, 0.05]} ]""";

    private Process start(Path job, String name) throws IOException {
        return SquallProcess.start(List.of(), dir.resolve(name + ".out"), dir.resolve(name + ".err"), "job", "run",
                job.toString());
    }

    private void awaitFrames(Process process, int frames) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.isDirectory(dir.resolve("frames")) && names("frames").stream()
                    .filter(f -> f.matches("frame-\\d{5}\\.png")).count() >= frames) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + frames + " frames in time");
    }

    @Test
    void twoRunsOfOneJobShareItsFramesNoneRenderedTwiceAndBothEndWithEveryFrame() throws Exception {
        Path job = longJob("long.json", 3000);
        Process first = start(job, "first");
        awaitFrames(first, 2);
        Process second = start(job, "second");
        assertTrue(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS));
        String out1 = Files.readString(dir.resolve("first.out"));
        String out2 = Files.readString(dir.resolve("second.out"));
        String err1 = SquallProcess.errors(dir.resolve("first.err"));
        String err2 = SquallProcess.errors(dir.resolve("second.err"));
        assertEquals(0, first.exitValue(), () -> out1 + err1);
        assertEquals(0, second.exitValue(), () -> out2 + err2);
        Matcher a = summary(out1);
        Matcher b = summary(out2);
        int renderedByFirst = Integer.parseInt(a.group(1));
        int renderedBySecond = Integer.parseInt(b.group(1));
        int skippedBySecond = Integer.parseInt(b.group(2));
        assertEquals(40, renderedByFirst + renderedBySecond, "every frame rendered exactly once: " + out1 + out2);
        assertEquals(renderedByFirst, skippedBySecond + (b.group(3) == null ? 0 : Integer.parseInt(b.group(3))),
                "the second took the first's frames as done: " + out2);
        assertTrue(renderedBySecond > 0, "the second shared the work: " + out2);

        CliRun check = CliRun.of("job", "run", job.toString());
        assertEquals("resumed: 40 of 40 frames already done\njob: 0 frames rendered, 40 skipped: nothing to do\n",
                check.out(), check::toString);
        assertTrue(names("frames").stream().noneMatch(f -> f.endsWith(".part")), names("frames")::toString);
        List<JsonNode> records = TestJobs.records(dir.resolve("frames"));
        assertEquals(40, records.size());
        for (int i = 0; i < 40; i++) {
            assertEquals(String.format("frame-%05d.png", i), records.get(i).get("file").asText());
            assertEquals(i, records.get(i).get("frame").asInt());
        }
    }

    private static Matcher summary(String out) {
        String line = out.lines().filter(l -> l.startsWith("job: ")).findFirst().orElseThrow(() ->
                new AssertionError("no summary: " + out));
        Matcher m = SUMMARY.matcher(line);
        assertTrue(m.matches(), line);
        return m;
    }

    @Test
    void aRunOfAnotherJobIsRefusedWhileOneWritesTheFolder() throws Exception {
        Process first = start(longJob("long.json", 3000), "first");
        awaitFrames(first, 1);
        CliRun other = CliRun.of("job", "run", longJob("other.json", 2000).toString());
        assertEquals(2, other.exitCode(), other::toString);
        assertEquals("squall: " + dir.resolve("other.json") + ": another squall job run is writing "
                + dir.resolve("frames") + " for a different job (other frames, views, sizes or format); wait for it"
                + " to end, or choose another output.dir\n", other.err());
        assertTrue(first.waitFor(120, TimeUnit.SECONDS));
        String err = SquallProcess.errors(dir.resolve("first.err"));
        assertEquals(0, first.exitValue(), err);
        CliRun check = CliRun.of("job", "run", dir.resolve("long.json").toString());
        assertTrue(check.out().startsWith("resumed: 40 of 40 frames already done"), check::toString);
    }

    @Test
    void aFolderHoldingAnotherJobsFramesIsRefusedAndLeftAsItIsUnlessForced() throws IOException {
        CliRun made = CliRun.of("job", "run", smallJob(300, THREE).toString());
        assertEquals(0, made.exitCode(), made::toString);
        Path frame = dir.resolve("small/frame-00000.u32");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(frame, old);
        byte[] manifest = Files.readAllBytes(dir.resolve("small/squall-manifest.json"));
        List<JsonNode> records = TestJobs.records(dir.resolve("small"));

        Path changed = smallJob(200, THREE);
        CliRun refused = CliRun.of("job", "run", changed.toString());
        assertEquals(2, refused.exitCode(), refused::toString);
        assertEquals("squall: " + changed + ": " + dir.resolve("small") + " holds frames of another job:"
                + " frame-00000.u32 was made with max_iter 300, this job's is 200; --force replaces them, or choose"
                + " another output.dir\n", refused.err());
        assertEquals(old, Files.getLastModifiedTime(frame));
        assertArrayEquals(manifest, Files.readAllBytes(dir.resolve("small/squall-manifest.json")));
        assertEquals(records, TestJobs.records(dir.resolve("small")));

        CliRun forced = CliRun.of("job", "run", changed.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced::toString);
        assertTrue(forced.out().startsWith("job: 3 frames rendered, 0 skipped"), forced::toString);
        Path reference = dir.resolve("reference.u32");
        assertEquals(0, CliRun.of("render", "mandelbrot", "--width", "96", "--height", "64", "--max-iter", "200",
                "--view", "-2.5,1.0,-1.0,1.0", "--device", "cpu", "--counts", reference.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(frame));
        CliRun again = CliRun.of("job", "run", changed.toString());
        assertEquals("resumed: 3 of 3 frames already done\njob: 0 frames rendered, 3 skipped: nothing to do\n",
                again.out(), again::toString);
    }

    @Test
    void aShortenedJobTakesTheFramesItNoLongerHasOutOfTheManifestAndLeavesTheirFiles() throws IOException {
        assertEquals(0, CliRun.of("job", "run", smallJob(300, THREE).toString()).exitCode());
        Path shorter = smallJob(300, """
                [ {"view": [-2.5, 1.0, -1.0, 1.0]}, {"view": [-0.75, -0.74, 0.10, 0.11]} ]""");
        CliRun run = CliRun.of("job", "run", shorter.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("squall: 1 frame of an earlier, longer job (frame-00002.u32) no longer belongs to this one:"
                + " taken out of the manifest, its file left as it is\n", run.err());
        assertEquals("resumed: 2 of 2 frames already done\njob: 0 frames rendered, 2 skipped: nothing to do\n",
                run.out());
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("small/squall-manifest.json").toFile());
        assertEquals(List.of("frame-00000.u32", "frame-00001.u32"),
                TestJobs.records(dir.resolve("small")).stream().map(f -> f.get("file").asText()).toList());
        assertEquals(2, manifest.get("job").get("frames").asInt());
        assertTrue(Files.exists(dir.resolve("small/frame-00002.u32")));
    }

    @Test
    void temporaryFilesAreRemovedOnlyWhenTheirWriterIsGone() throws Exception {
        Files.createDirectories(dir.resolve("small"));
        Path abandoned = Files.writeString(dir.resolve("small/.frame-00001.u32.abc123.part"), "killed");
        Path held = dir.resolve("small/.frame-00002.u32.def456.part");
        Process writer = Posix.holdLock(held);
        try {
            CliRun run = CliRun.of("job", "run", smallJob(300, THREE).toString());
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("squall: removed 1 temporary file that interrupted runs left in " + dir.resolve("small")
                    + "\n", run.err().lines().filter(l -> l.startsWith("squall: removed")).findFirst().orElse("")
                    + "\n");
            assertFalse(Files.exists(abandoned));
            assertTrue(Files.exists(held), "a live writer's temporary file is left to it");
        } finally {
            writer.destroyForcibly();
            writer.waitFor();
        }
    }

    @Test
    void aDeviceThatIsNotThereMakesNoFolder() throws IOException {
        Path job = TestJobs.oneFrame(dir.resolve("job.json"), 32, 16, 50, "opencl:9:9", "made", "png");
        CliRun run = CliRun.of("job", "run", job.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("squall: --device opencl:9:9 names no OpenCL device"), run::toString);
        assertFalse(Files.exists(dir.resolve("made")), "no output folder made");
    }

    @Test
    void outputDirMayBeAboveTheJobFileOrAbsoluteAndIsTakenAsWritten() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("jobs/here"));
        Path absolute = dir.resolve("absolute-out");
        for (String out : List.of("../../above", absolute.toString())) {
            Path job = TestJobs.oneFrame(sub.resolve("job.json"), 32, 16, 50, "cpu", out, "counts");
            CliRun run = CliRun.of("job", "run", job.toString());
            assertEquals(0, run.exitCode(), run::toString);
        }
        assertTrue(Files.exists(dir.resolve("above/frame-00000.u32")));
        assertTrue(Files.exists(absolute.resolve("frame-00000.u32")));
    }

    private List<String> names(String folder) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(folder))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
