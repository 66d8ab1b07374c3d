package dev.squall.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch job through the facade alone: read, plan, run, resume; refusals by reason. */
class JobRunTest {
    @TempDir
    Path dir;

    private Path job(String frames, int maxIter) throws IOException {
        Path file = dir.resolve("job.json");
        Files.writeString(file, """
            {"kernel": "julia", "c": [-0.8, 0.156], "width": 33, "height": 17, "max_iter": %d, "precision": "f64",
             "device": "cpu", "frames": [%s], "output": {"dir": "out", "format": "counts"}}
            """.formatted(maxIter, frames));
        return file;
    }

    @Test
    void aJobRunsThroughTheFacadeResumesAndEachFrameIsTheReference() throws IOException {
        Path file = job("{\"view\": [-1.6, 1.6, -1.2, 1.2]}, {\"view\": [-0.5, 0.5, -0.3, 0.3]}", 150);
        List<String> heard = new ArrayList<>();
        JobListener listener = new JobListener() {
            @Override
            public void start(int done, int total, long pixels) {
                heard.add("start " + done + "/" + total + " " + pixels);
            }

            @Override
            public void frameDone() {
                heard.add("frame");
            }

            @Override
            public void notice(String line) {
                heard.add(line);
            }
        };
        try (JobRun run = JobRun.read(file)) {
            assertEquals(2, run.frames());
            assertEquals(new Formula.Julia(-0.8, 0.156), ((MandelbrotParams) run.first()).formula());
            run.plan(false, heard::add);
            JobSummary summary = run.run(listener);
            assertEquals(2, summary.rendered());
            assertEquals(0, summary.skipped());
        }
        assertEquals(List.of("start 0/2 561", "frame", "frame"), heard);
        MandelbrotParams second = new MandelbrotParams(33, 17, new View(-0.5, 0.5, -0.3, 0.3), 150, Precision.F64,
                new Formula.Julia(-0.8, 0.156));
        int[] counts = new int[33 * 17];
        ByteBuffer.wrap(Files.readAllBytes(dir.resolve("out/frame-00001.u32"))).order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer().get(counts);
        assertArrayEquals(MandelbrotReference.render(second), counts);
        try (JobRun again = JobRun.read(file)) {
            again.plan(false, line -> { });
            JobSummary summary = again.run(JobListener.NONE);
            assertEquals(0, summary.rendered());
            assertEquals(2, summary.skipped());
        }
    }

    @Test
    void refusalsSayWhyByReasonAndChangeNothing() throws IOException {
        Path file = job("{\"view\": [-1.6, 1.6, -1.2, 1.2]}", 150);
        try (JobRun run = JobRun.read(file)) {
            run.plan(false, line -> { });
            run.run(JobListener.NONE);
        }
        byte[] before = Files.readAllBytes(dir.resolve("out/frame-00000.u32"));
        Path other = job("{\"view\": [-1.6, 1.6, -1.2, 1.2]}", 90);
        try (JobRun run = JobRun.read(other)) {
            var e = assertThrows(EngineException.class, () -> run.plan(false, line -> { }));
            assertEquals(EngineException.Reason.CONFLICT, e.reason());
            assertTrue(e.forcible());
            assertTrue(e.getMessage().endsWith("holds frames of another job: frame-00000.u32 was made with max_iter"
                    + " 150, this job's is 90"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("out/frame-00000.u32")));
        Files.writeString(file, "{\"kernel\": \"julia\"}");
        var bad = assertThrows(EngineException.class, () -> JobRun.read(file));
        assertEquals(EngineException.Reason.INVALID, bad.reason());
        assertTrue(bad.getMessage().startsWith(file + ": "), bad.getMessage());
    }
}
