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

    @Test
    void aJobReadFromItsContentElsewhereRunsOnTheDeviceGivenAndSaysWhatIsLeftAndRecorded() throws IOException {
        Path file = job("{\"view\": [-1.6, 1.6, -1.2, 1.2]}, {\"view\": [-0.5, 0.5, -0.3, 0.3]}, "
                + "{\"view\": [-0.2, 0.2, -0.1, 0.1]}", 120);
        byte[] content = Files.readAllBytes(file);
        try (JobRun first = JobRun.read(file)) {
            first.plan(FrameSelection.parseFrames("1"), false, line -> { });
            assertEquals(List.of(1), first.todo());
            first.run(JobListener.NONE);
        }
        JobStatus.Frame notDone = JobRun.status(file, FrameSelection.ALL, line -> { }).frames().getFirst();
        assertEquals(new JobStatus.Frame(0, "frame-00000.u32", JobStatus.State.NOT_DONE, false, -1, ""), notDone);
        Files.delete(file);    // a task's machine need not see the job file: its content is enough
        JobStatus status;
        try (JobRun run = JobRun.read(file, content, "cpu")) {
            assertThrows(IllegalStateException.class, run::todo);
            run.plan(false, line -> { });
            assertEquals(List.of(0, 2), run.todo());
            JobSummary summary = run.run(JobListener.NONE);
            assertTrue(summary.device().startsWith("cpu"), summary.device());
            assertEquals(2, summary.rendered());
            status = run.status(FrameSelection.ALL, line -> { });
        }
        assertEquals(dir.resolve("out"), status.dir());
        assertTrue(status.complete(), status.toString());
        for (JobStatus.Frame frame : status.frames()) {
            byte[] bytes = Files.readAllBytes(dir.resolve("out").resolve(frame.file()));
            assertEquals(bytes.length, frame.bytes(), frame.toString());
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            assertEquals(String.format("%08x", crc.getValue()), frame.crc32(), frame.toString());
        }
        try (JobRun again = JobRun.read(file, content, null)) {    // the job file's own device
            again.plan(false, line -> { });
            assertEquals(List.of(), again.todo());
        }
        var bad = assertThrows(EngineException.class, () -> JobRun.read(file, content, "gpu0"));
        assertEquals(EngineException.Reason.INVALID, bad.reason());
        assertTrue(bad.getMessage().startsWith("device must be auto, cpu,"), bad.getMessage());
        var unavailable = assertThrows(EngineException.class, () -> JobRun.read(file, content, "opencl:99:0"));
        assertEquals(EngineException.Reason.UNAVAILABLE, unavailable.reason());
        var broken = assertThrows(EngineException.class, () -> JobRun.read(file, "{".getBytes(), null));
        assertTrue(broken.getMessage().startsWith(file + ": "), broken.getMessage());
    }
}
