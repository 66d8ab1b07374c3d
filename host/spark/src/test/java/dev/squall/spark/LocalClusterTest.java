package dev.squall.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.squall.api.DeviceInfo;
import dev.squall.api.DeviceReport;
import dev.squall.api.FrameSelection;
import dev.squall.kernels.Precision;
import dev.squall.testing.OpenClTestDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's {@code local-cluster[W,C,M]}: a standalone master and W workers in this JVM, each starting an executor
 * JVM of its own with C cores, as a cluster does. Executors run through Spark's launcher, which wants
 * {@code SPARK_HOME/jars} (surefire sets SPARK_HOME under target/; the folder is made here, empty): their class path
 * is this test's own, {@code spark.executor.extraClassPath}.
 */
class LocalClusterTest {
    private static final Pattern LOST = Pattern.compile("squall: Spark executor (\\S+) lost: .*");

    @TempDir
    Path dir;

    @BeforeAll
    static void sparkHome() throws IOException {
        String home = System.getenv("SPARK_HOME");
        assertTrue(home != null && !home.isBlank(), "surefire sets SPARK_HOME (host/spark/pom.xml)");
        Files.createDirectories(Path.of(home, "jars"));
    }

    /**
     * A local cluster whose executors load this test's classes (the module's, the engine's, the faults), and start as
     * fast as two cores allow: C1 only and one GC thread (an executor JVM takes about 12 s to register otherwise,
     * two at once, here).
     */
    private static SparkConf cluster(String master) {
        return SparkTests.conf(master)
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.memory", "512m")
                .set("spark.executor.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    @Test
    void anExecutorThatDiesMidJobHasItsTaskRetriedOnAnotherAndEveryFrameIsExact() throws IOException {
        Map<String, byte[]> reference = SparkTests.reference(dir, 6, "png");
        Path file = SparkTests.zoomJob(dir.resolve("job.json"), "frames", 6, "png", "cpu");
        SparkTests.Heard heard = new SparkTests.Heard();
        SparkJob.Result result;
        try (JavaSparkContext sc = new JavaSparkContext(cluster("local-cluster[2,1,1024]"));
             SparkJob job = SparkJob.read(file, sc.master())) {
            job.plan(FrameSelection.ALL, false, heard::notice);
            // Task 2's first attempt halts its executor's JVM as it starts frame 2: no shutdown hook, nothing said.
            result = job.run(sc, heard, TaskFaults.haltFirstAttempt(2, 1));
        }
        SparkTests.assertExact(reference, file, dir.resolve("frames"));
        List<String> lost = heard.notices().stream().map(LOST::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).toList();
        assertEquals(1, lost.size(), heard.lines::toString);
        TaskResult retried = result.tasks().stream().filter(t -> t.partition() == 2).findFirst().orElseThrow();
        assertTrue(retried.attempt() >= 1, retried::toString);
        assertNotEquals(lost.getFirst(), retried.executor(), "retried on another executor than the one that died");
        assertEquals(1, retried.rendered(), retried::toString);
        assertTrue(result.failedAttempts() >= 1, heard.lines::toString);
        assertEquals(6, result.summary().rendered(), result::toString);
        assertEquals(6, heard.frames(), heard.lines::toString);
        assertTrue(result.tasks().stream().allMatch(t -> t.gpus().isEmpty()), "no GPU scheduling asked for");
    }

    /**
     * A speculative duplicate, as Spark starts one beside a slow task (on another host: Spark never puts two attempts
     * of a task on one, so speculation itself cannot run on a local cluster): here two tasks of the same frames, at
     * once, on two executors (two JVMs). Each claims a frame before it renders it, so exactly one writes each frame
     * and the other finds it done; both report the same record, and every frame is a local run's.
     */
    @Test
    void twoCopiesOfOneTaskOnTwoExecutorsWriteEachFrameOnceAndTheSame() throws IOException {
        Map<String, byte[]> reference = SparkTests.reference(dir, 4, "png");
        Path file = SparkTests.zoomJob(dir.resolve("job.json"), "frames", 4, "png", "cpu");
        List<TaskResult> copies;
        try (JavaSparkContext sc = new JavaSparkContext(cluster("local-cluster[2,1,1024]"));
             SparkJob job = SparkJob.read(file, sc.master())) {
            job.plan(FrameSelection.ALL, false, line -> { });    // the driver's plan, as SparkJob.run runs after it
            int[] frames = {0, 1, 2, 3};
            copies = sc.parallelize(List.of(frames, frames), 2)
                    .map(new FrameTask(file, Files.readAllBytes(file), FrameSelection.ALL, false,
                            TaskDevices.AS_THEY_ARE))
                    .collect().stream().map(TaskResult::of).toList();
        }
        SparkTests.assertExact(reference, file, dir.resolve("frames"));
        assertEquals(2, copies.size());
        assertNotEquals(copies.get(0).executor(), copies.get(1).executor(), "the copies ran on two executors");
        assertEquals(copies.get(0).frames(), copies.get(1).frames(), "both copies report the same records");
        assertEquals(4, copies.get(0).rendered() + copies.get(1).rendered(), "each frame written once: " + copies);
        assertEquals(4, copies.get(0).foundDone() + copies.get(1).foundDone(), copies::toString);
    }

    /**
     * GPU scheduling with a fake discovery script that gives the worker two GPUs, each the id of an OpenCL device
     * the executor has (two PoCL devices, with POCL_DEVICES, on a machine without two GPUs); the executor holds both,
     * runs two tasks at once, and each task sees exactly one of them and renders on it.
     */
    @Test
    void eachTaskSeesOneOfTheTwoGpusAndRendersOnItExactly() throws IOException {
        OpenClTestDevice.require(Precision.F64);
        List<DeviceInfo> openCl = DeviceReport.probe().openCl();
        String platform = openCl.getFirst().id().split(":")[1];
        boolean pocl = openCl.getFirst().description().contains("Portable Computing Language");
        assumeTrue(openCl.size() >= 2 || pocl, "two OpenCL devices, or PoCL (which makes two with POCL_DEVICES),"
                + " needed; found " + openCl);
        List<String> gpus = openCl.size() >= 2 ? List.of(openCl.get(0).id(), openCl.get(1).id())
                : List.of("opencl:" + platform + ":0", "opencl:" + platform + ":1");
        Path script = Files.writeString(dir.resolve("two-gpus.sh"), "#!/bin/sh\necho '{\"name\": \"gpu\","
                + " \"addresses\": [\"" + String.join("\", \"", gpus) + "\"]}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        Map<String, byte[]> reference = SparkTests.reference(dir, 6, "counts");
        Path file = SparkTests.zoomJob(dir.resolve("job.json"), "frames", 6, "counts", "cpu");
        SparkConf conf = cluster("local-cluster[1,2,1024]")
                .set("spark.worker.resource.gpu.amount", "2")
                .set("spark.worker.resource.gpu.discoveryScript", script.toString())
                .set("spark.executor.resource.gpu.amount", "2")
                .set("spark.task.resource.gpu.amount", "1");
        if (openCl.size() < 2) {
            conf.set("spark.executorEnv.POCL_DEVICES", "pthread pthread");
        }
        SparkJob.Result result;
        try (JavaSparkContext sc = new JavaSparkContext(conf);
             SparkJob job = SparkJob.read(file, sc.master())) {
            job.plan(FrameSelection.ALL, false, line -> { });
            result = job.run(sc, new SparkTests.Heard());
        }
        SparkTests.assertExact(reference, file, dir.resolve("frames"));
        Set<String> seen = new TreeSet<>();
        for (TaskResult task : result.tasks()) {
            assertEquals(1, task.gpus().size(), task::toString);
            String gpu = task.gpus().getFirst();
            assertTrue(gpus.contains(gpu), task::toString);
            assertTrue(task.device().startsWith(gpu + " ("), "rendered on the GPU it was given: " + task);
            seen.add(gpu);
        }
        assertEquals(new TreeSet<>(gpus), seen, "the two tasks that start together get one GPU each");
    }
}
