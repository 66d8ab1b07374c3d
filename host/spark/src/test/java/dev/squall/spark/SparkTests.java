package dev.squall.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.api.FrameSelection;
import dev.squall.api.JobListener;
import dev.squall.api.JobRun;
import dev.squall.api.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;

/** Job files, Spark settings and exact comparisons for the module's tests. */
final class SparkTests {
    private SparkTests() {
    }

    /** A zoom of {@code frames} frames, 96x64, into {@code out} (relative to the job file's folder). */
    static Path zoomJob(Path file, String out, int frames, String format, String device) throws IOException {
        return Files.writeString(file, """
                { "kernel": "mandelbrot", "width": 96, "height": 64, "max_iter": 400, "device": "%s",
                  "zoom": {"center": [-0.743643887037151, 0.131825904205330], "start_width": 3.0,
                           "end_width": 0.002, "frames": %d},
                  "output": { "dir": "%s", "format": "%s" } }
                """.formatted(device, frames, out, format));
    }

    /**
     * The frames a plain local job run writes for the same job on the CPU backend (the engine's own reference: every
     * backend is exact), by file name.
     */
    static Map<String, byte[]> reference(Path dir, int frames, String format) throws IOException {
        Path file = zoomJob(dir.resolve("reference.json"), "reference-frames", frames, format, "cpu");
        try (JobRun run = JobRun.read(file)) {
            run.plan(false, line -> { });
            run.run(JobListener.NONE);
        }
        return frames(dir.resolve("reference-frames"));
    }

    /** The frame files of {@code folder} and their bytes, by name. */
    static Map<String, byte[]> frames(Path folder) throws IOException {
        Map<String, byte[]> frames = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("frame-")).toList()) {
                frames.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return frames;
    }

    /** That {@code folder} holds exactly the reference's frames, byte for byte, and job status finds them done. */
    static void assertExact(Map<String, byte[]> reference, Path jobFile, Path folder) throws IOException {
        Map<String, byte[]> frames = frames(folder);
        assertEquals(reference.keySet(), frames.keySet(), "frame files");
        for (var e : reference.entrySet()) {
            byte[] got = frames.get(e.getKey());
            int at = firstDifference(e.getValue(), got);
            assertEquals(-1, at, () -> e.getKey() + " differs from the local run's at byte " + at + " of "
                    + e.getValue().length + " (" + got.length + " bytes)");
        }
        JobStatus status = JobRun.status(jobFile, FrameSelection.ALL, line -> { });
        assertTrue(status.complete(), status::toString);
    }

    private static int firstDifference(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : Math.min(a.length, b.length);
    }

    /** Settings every test's context has: no web UI (time and ports). */
    static SparkConf conf(String master) {
        return new SparkConf().setMaster(master).setAppName("squall-spark-test").set("spark.ui.enabled", "false");
    }

    /** A listener that keeps what it hears, in order. */
    static final class Heard implements JobListener {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void start(int done, int total, long pixels) {
            lines.add("start " + done + "/" + total);
        }

        @Override
        public void frameDone() {
            lines.add("frame");
        }

        @Override
        public void notice(String line) {
            lines.add(line);
        }

        long frames() {
            return lines.stream().filter("frame"::equals).count();
        }

        List<String> notices() {
            return lines.stream().filter(l -> l.startsWith("squall: ")).toList();
        }
    }
}
