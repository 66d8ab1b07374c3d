package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be run here of examples/slurm and examples/k8s (no Slurm, no cluster): the scripts' index-to-shard
 * mapping with the variables their schedulers set, every shard as its own process on one folder, a requeued task,
 * and the YAML parsed and checked against what an Indexed Job of shards needs.
 */
@Tag("slow")
class ClusterExamplesTest {
    private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    /** A squall command for the scripts: this build's CLI on the test class path. */
    private Path squall;
    private Path job;

    @BeforeEach
    void setUp() throws IOException {
        squall = dir.resolve("squall");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(squall, "#!/bin/sh\nLD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib",
                "libjsig.so") + " exec " + java + " --enable-native-access=ALL-UNNAMED --add-modules"
                + " jdk.incubator.vector -cp '" + System.getProperty("java.class.path") + "' "
                + Squall.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(squall, PosixFilePermissions.fromString("rwxr-xr-x"));
        job = Files.writeString(dir.resolve("zoom.json"), """
                { "kernel": "mandelbrot", "width": 64, "height": 48, "max_iter": 400, "device": "cpu",
                  "zoom": {"center": [-0.743643887037151, 0.131825904205330], "start_width": 3.0,
                           "end_width": 0.001, "frames": 10},
                  "output": { "dir": "out", "format": "counts" } }
                """);
    }

    private record Ran(int code, String out, String err) {
    }

    private static Ran run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("ran", ".out");
        Path err = Files.createTempFile("ran", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), () -> "did not finish: " + command);
        return new Ran(process.exitValue(), Files.readString(out), SquallProcess.errors(err));
    }

    /** The frames a plain local run of the job gives, for comparison. */
    private void assertFramesEqualALocalRun() throws IOException {
        Path local = Files.writeString(dir.resolve("local.json"), Files.readString(job).replace("\"out\"", "\"local\""));
        assertEquals(0, CliRun.of("job", "run", local.toString()).exitCode());
        try (Stream<Path> frames = Files.list(dir.resolve("local"))) {
            List<Path> files = frames.filter(f -> f.getFileName().toString().startsWith("frame-")).sorted().toList();
            assertEquals(10, files.size());
            for (Path frame : files) {
                assertArrayEquals(Files.readAllBytes(frame),
                        Files.readAllBytes(dir.resolve("out").resolve(frame.getFileName())), frame.toString());
            }
        }
        CliRun status = CliRun.of("job", "status", job.toString());
        assertEquals(0, status.exitCode(), status::toString);
    }

    private static String shardOf(String out) {
        return out.lines().filter(l -> l.startsWith("job: ")).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    @Test
    void theSlurmArrayScriptRunsOneShardATaskAndARequeueSkipsWhatIsDone() throws Exception {
        Path script = EXAMPLES.resolve("slurm/render.sbatch");
        String text = Files.readString(script);
        for (String directive : List.of("#SBATCH --array=0-15%4", "#SBATCH --gres=gpu:1", "#SBATCH --requeue")) {
            assertTrue(text.lines().anyMatch(directive::equals), directive);
        }
        // What Slurm sets for the tasks of --array=3-6 (four shards, IDs from 3): shard = ID - MIN.
        Map<String, String> env = new HashMap<>(Map.of("SQUALL", squall.toString(), "SQUALL_JOB", job.toString(),
                "SLURM_ARRAY_TASK_MIN", "3", "SLURM_ARRAY_TASK_MAX", "6", "SLURM_ARRAY_TASK_COUNT", "4"));
        List<Process> tasks = new ArrayList<>();
        for (int id = 3; id <= 6; id++) {
            env.put("SLURM_ARRAY_TASK_ID", Integer.toString(id));
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString());
            builder.environment().putAll(env);
            tasks.add(builder.redirectOutput(dir.resolve(id + ".out").toFile())
                    .redirectError(dir.resolve(id + ".err").toFile()).start());
        }
        for (int id = 3; id <= 6; id++) {
            assertTrue(tasks.get(id - 3).waitFor(120, TimeUnit.SECONDS));
            String out = Files.readString(dir.resolve(id + ".out"));
            assertEquals(0, tasks.get(id - 3).exitValue(), () -> out);
            // Shard 0 of 4 has frames 0, 4, 8; shards 1 to 3 three, two, two.
            int frames = new int[] {3, 3, 2, 2}[id - 3];
            assertTrue(shardOf(out).startsWith("job: " + frames + " frames rendered, 0 skipped"), out);
        }
        assertFramesEqualALocalRun();

        // Requeued: the task runs again and finds its shard done.
        env.put("SLURM_ARRAY_TASK_ID", "4");
        Ran again = run(List.of("bash", script.toString()), env);
        assertEquals(0, again.code(), again::toString);
        assertEquals("resumed: 3 of 3 frames (shard 1/4) already done\njob: 0 frames rendered, 3 skipped: nothing to"
                + " do\n", again.out());

        // An array with a step would leave frames to no shard.
        env.put("SLURM_ARRAY_TASK_COUNT", "2");
        Ran stepped = run(List.of("bash", script.toString()), env);
        assertEquals(2, stepped.code(), stepped::toString);
        assertEquals("render.sbatch: --array must be a plain range (from 3 to 6 is 4 tasks, the array has 2)\n",
                stepped.err());
        env.remove("SLURM_ARRAY_TASK_ID");
        Ran notArray = run(List.of("bash", script.toString()), env);
        assertTrue(notArray.code() != 0 && notArray.err().contains("SLURM_ARRAY_TASK_ID: not an array task"),
                notArray::toString);
    }

    @Test
    void theKubernetesIndexedJobGivesEachIndexItsShard() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> documents;
        try (var values = yaml.readerFor(JsonNode.class).readValues(EXAMPLES.resolve("k8s/render-job.yaml").toFile())) {
            documents = values.readAll().stream().map(JsonNode.class::cast).toList();
        }
        JsonNode jobDoc = documents.stream().filter(d -> d.path("kind").asText().equals("Job")).findFirst()
                .orElseThrow();
        assertEquals("batch/v1", jobDoc.get("apiVersion").asText());
        JsonNode spec = jobDoc.get("spec");
        assertEquals("Indexed", spec.get("completionMode").asText());
        int completions = spec.get("completions").asInt();
        assertTrue(spec.get("parallelism").asInt() >= 1 && spec.get("parallelism").asInt() <= completions);
        assertTrue(spec.get("backoffLimitPerIndex").asInt() >= 1, "retries per index");
        JsonNode pod = spec.get("template").get("spec");
        assertEquals("Never", pod.get("restartPolicy").asText(), "backoffLimitPerIndex needs restartPolicy Never");
        JsonNode container = pod.get("containers").get(0);
        assertEquals("1", container.get("resources").get("limits").get("nvidia.com/gpu").asText());
        Map<String, String> env = new HashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
        assertEquals(Integer.toString(completions), env.get("SQUALL_SHARDS"), "one shard per completion index");
        String claim = pod.get("volumes").get(0).get("persistentVolumeClaim").get("claimName").asText();
        JsonNode pvc = documents.stream().filter(d -> d.path("kind").asText().equals("PersistentVolumeClaim"))
                .findFirst().orElseThrow();
        assertEquals(claim, pvc.get("metadata").get("name").asText());
        assertEquals("[\"ReadWriteMany\"]", pvc.get("spec").get("accessModes").toString(), "every pod writes it");
        assertTrue(env.get("SQUALL_JOB").startsWith(container.get("volumeMounts").get(0).get("mountPath").asText()
                + "/"), "the job file is on the shared volume");

        // The container's command, run here for every index as the Job controller would start the pods (this
        // squall in place of the image's, this job file in place of the volume's).
        List<String> command = new ArrayList<>();
        container.get("command").forEach(c -> command.add(c.asText()));
        String args = container.get("args").get(0).asText().replace("/opt/squall/bin/squall", squall.toString());
        command.add(args);
        env.put("SQUALL_JOB", job.toString());
        // As the Job controller starts them: `parallelism` pods at a time, each with its index.
        int parallelism = spec.get("parallelism").asInt();
        for (int first = 0; first < completions; first += parallelism) {
            List<Process> pods = new ArrayList<>();
            for (int index = first; index < Math.min(completions, first + parallelism); index++) {
                ProcessBuilder builder = new ProcessBuilder(command);
                builder.environment().putAll(env);
                builder.environment().put("JOB_COMPLETION_INDEX", Integer.toString(index));
                pods.add(builder.redirectOutput(dir.resolve(index + ".out").toFile())
                        .redirectError(dir.resolve(index + ".err").toFile()).start());
            }
            for (int i = 0; i < pods.size(); i++) {
                int index = first + i;
                assertTrue(pods.get(i).waitFor(120, TimeUnit.SECONDS));
                String out = Files.readString(dir.resolve(index + ".out"));
                String err = SquallProcess.errors(dir.resolve(index + ".err"));
                assertEquals(0, pods.get(i).exitValue(), () -> out + err);
                // 10 frames over 16 shards: indexes 0-9 have one frame each, the rest none.
                if (index < 10) {
                    assertTrue(shardOf(out).startsWith("job: 1 frame rendered, 0 skipped,"), out);
                } else {
                    assertEquals("job: 0 frames rendered, 0 skipped: nothing to do", shardOf(out));
                    assertEquals("squall: shard " + index + "/16 takes none of this job's 10 frames\n", err);
                }
            }
        }
        assertFramesEqualALocalRun();
    }
}
