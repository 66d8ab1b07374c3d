package dev.squall.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.api.FrameSelection;
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
}
