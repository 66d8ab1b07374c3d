package dev.squall.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.api.EngineException;
import dev.squall.api.FrameSelection;
import dev.squall.api.JobRun;
import dev.squall.api.JobStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's local mode ({@code local[N,F]}: N task threads in this JVM, F attempts a task): a task that fails is
 * retried, and the frames are those of a plain local run, byte for byte.
 */
class LocalModeTest {
    @TempDir
    Path dir;

    @Test
    void aTaskThatFailsOnItsFirstAttemptAfterWritingAFrameIsRetriedAndEveryFrameIsExact() throws IOException {
        Map<String, byte[]> reference = SparkTests.reference(dir, 6, "png");
        Path file = SparkTests.zoomJob(dir.resolve("job.json"), "frames", 6, "png", "cpu");
        SparkTests.Heard heard = new SparkTests.Heard();
        SparkJob.Result result;
        // Two frames a task: task 1 (frames 2 and 3) fails on its first attempt as it starts frame 3, frame 2 written.
        try (JavaSparkContext sc = new JavaSparkContext(SparkTests.conf("local[2,3]")
                .set(SparkJob.FRAMES_PER_TASK, "2"));
             SparkJob job = SparkJob.read(file, sc.master())) {
            assertEquals(List.of(), job.plan(FrameSelection.ALL, false, heard::notice));
            result = job.run(sc, heard, TaskFaults.failFirstAttempt(1, 2));
        }
        SparkTests.assertExact(reference, file, dir.resolve("frames"));
        assertEquals(1, result.failedAttempts(), heard.lines::toString);
        List<TaskResult> tasks = result.tasks().stream().sorted(Comparator.comparingInt(TaskResult::partition))
                .toList();
        assertEquals(List.of(0, 1, 0), tasks.stream().map(TaskResult::attempt).toList());
        TaskResult retried = tasks.get(1);
        assertEquals(List.of(2, 3), retried.frames().stream().map(TaskResult.Frame::frame).toList());
        assertEquals(1, retried.rendered(), "the retry renders only the frame its first attempt did not write");
        assertEquals(1, retried.foundDone());
        assertTrue(retried.gpus().isEmpty(), "local mode schedules no GPUs");
        assertEquals("driver", retried.executor());
        assertEquals(5, result.summary().rendered());
        assertEquals(1, result.summary().byOthers());
        assertEquals(0, result.summary().skipped());
        assertEquals("start 0/6", heard.lines.getFirst());
        assertEquals(6, heard.frames(), heard.lines::toString);
        List<String> failures = heard.notices().stream().filter(l -> l.contains("failed on executor")).toList();
        assertEquals(1, failures.size(), heard.lines::toString);
        assertTrue(failures.getFirst().startsWith("squall: the Spark task of frames 2-3 (attempt 0) failed on"
                + " executor driver: java.lang.IllegalStateException: " + TaskFaults.FAILED), failures::toString);
    }

    @Test
    void aTaskThatFailsOnEveryAttemptEndsTheJobWithItsReasonAndTheNextRunResumes() throws IOException {
        Map<String, byte[]> reference = SparkTests.reference(dir, 4, "counts");
        Path file = SparkTests.zoomJob(dir.resolve("job.json"), "frames", 4, "counts", "cpu");
        TaskDevices lastTaskFails = backends -> {
            if (org.apache.spark.TaskContext.get().partitionId() == 3) {
                throw new EngineException("a test's device is gone", null, EngineException.Reason.UNAVAILABLE, false);
            }
            return backends;
        };
        try (JavaSparkContext sc = new JavaSparkContext(SparkTests.conf("local[2,2]"))) {
            try (SparkJob job = SparkJob.read(file, sc.master())) {
                job.plan(FrameSelection.ALL, false, line -> { });
                EngineException e = assertThrows(EngineException.class,
                        () -> job.run(sc, new SparkTests.Heard(), lastTaskFails));
                assertEquals(EngineException.Reason.UNAVAILABLE, e.reason(), "the task's own reason");
                assertEquals("a Spark task: a test's device is gone", e.getMessage());
            }
            // Task 3 starts only once a slot is free, so tasks 0 and 1 at least are done; the next run takes the rest.
            JobStatus before = JobRun.status(file, FrameSelection.ALL, line -> { });
            List<Integer> left = before.frames().stream().filter(f -> f.state() != JobStatus.State.DONE)
                    .map(JobStatus.Frame::frame).toList();
            assertTrue(left.contains(3) && !left.contains(0) && !left.contains(1), before::toString);
            try (SparkJob job = SparkJob.read(file, sc.master())) {
                assertEquals(List.of("resumed: " + (4 - left.size()) + " of 4 frames already done",
                        "to render: " + left.size() + " not done yet"), job.plan(FrameSelection.ALL, false,
                        line -> { }));
                assertEquals(left, job.todo());
                SparkJob.Result result = job.run(sc, new SparkTests.Heard());
                assertEquals(left, result.tasks().stream().flatMap(t -> t.frames().stream())
                        .map(TaskResult.Frame::frame).sorted().toList());
                assertEquals(4 - left.size(), result.summary().skipped());
                assertEquals(left.size(), result.summary().rendered());
            }
        }
        SparkTests.assertExact(reference, file, dir.resolve("frames"));
    }

    @Test
    void framesPerTaskThatIsNoPositiveNumberIsRefusedByNameBeforeAnyTask() throws IOException {
        Path file = SparkTests.zoomJob(dir.resolve("job.json"), "frames", 2, "counts", "cpu");
        SparkTests.Heard heard = new SparkTests.Heard();
        try (JavaSparkContext sc = new JavaSparkContext(SparkTests.conf("local[2]")
                .set(SparkJob.FRAMES_PER_TASK, "0"));
             SparkJob job = SparkJob.read(file, sc.master())) {
            job.plan(FrameSelection.ALL, false, line -> { });
            EngineException e = assertThrows(EngineException.class, () -> job.run(sc, heard));
            assertEquals(EngineException.Reason.INVALID, e.reason());
            assertEquals("spark.squall.framesPerTask must be a positive integer, got \"0\"", e.getMessage());
        }
        assertEquals(List.of(), heard.lines, "nothing started");
    }

    @Test
    void underKryoTheTasksAndTheirResultsTravelAsWell() throws IOException {
        Map<String, byte[]> reference = SparkTests.reference(dir, 3, "npy");
        Path file = SparkTests.zoomJob(dir.resolve("job.json"), "frames", 3, "npy", "cpu");
        try (JavaSparkContext sc = new JavaSparkContext(SparkTests.conf("local[2]")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer"));
             SparkJob job = SparkJob.read(file, sc.master())) {
            job.plan(FrameSelection.ALL, false, line -> { });
            assertEquals(3, job.run(sc, new SparkTests.Heard()).summary().rendered());
        }
        SparkTests.assertExact(reference, file, dir.resolve("frames"));
    }
}
