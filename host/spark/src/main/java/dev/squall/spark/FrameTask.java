package dev.squall.spark;

import dev.squall.api.FrameSelection;
import dev.squall.api.JobListener;
import dev.squall.api.JobRun;
import dev.squall.api.JobStatus;
import dev.squall.api.JobSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;

/**
 * One task: a group of a job's frames, rendered on an executor with the engine's own job run, as a local
 * {@code job run --frames A-B} would: planned on the output folder (frames done and intact are skipped, so a retry
 * or a speculative duplicate renders only what its other attempts left), each frame claimed, written to a temporary
 * file, recorded, then renamed into place. Whoever writes a frame writes the same bytes (every backend is exact),
 * so two attempts of one task can never leave a corrupt frame between them. The task answers with each frame's
 * record as the folder has it once it is done ({@link TaskResult}, as bytes).
 * <p>
 * The job file travels as its content: executors need not see it, only the output folder (a shared file system on
 * a cluster). The device is the one Spark gave the task (its GPU addresses), or the job file's own where Spark
 * schedules no GPUs (local mode: there the tasks share this machine's devices).
 */
final class FrameTask implements Function<int[], byte[]> {
    private static final long serialVersionUID = 1L;

    private final String jobFile;
    private final byte[] content;
    /** The run's shard (FrameSelection is no Serializable): a group's range within it is exactly its frames. */
    private final int shard;
    private final int shards;
    private final boolean force;
    private final TaskDevices devices;

    FrameTask(Path jobFile, byte[] content, FrameSelection selection, boolean force, TaskDevices devices) {
        this.jobFile = jobFile.toAbsolutePath().toString();
        this.content = content.clone();
        this.shard = selection.shard();
        this.shards = selection.shards();
        this.force = force;
        this.devices = devices;
    }

    /** Renders {@code frames} (consecutive frames of the plan, in order) and returns their records (as bytes). */
    @Override
    public byte[] call(int[] frames) throws IOException {
        TaskContext task = TaskContext.get();
        List<String> gpus = gpus(task);
        List<String> notices = Collections.synchronizedList(new ArrayList<>());
        FrameSelection selection = new FrameSelection(shard, shards, frames[0], frames[frames.length - 1]);
        JobSummary summary;
        JobStatus status;
        try (JobRun run = JobRun.read(Path.of(jobFile), content, gpus.isEmpty() ? null : GpuAddresses.device(gpus))) {
            run.plan(selection, force, notices::add);
            summary = run.run(new JobListener() {
                @Override
                public void start(int done, int total, long pixels) {
                }

                @Override
                public void frameDone() {
                }

                @Override
                public void notice(String line) {
                    notices.add(line.startsWith("squall: ") ? line.substring("squall: ".length()) : line);
                }
            }, devices);
            status = run.status(selection, notices::add);
        }
        List<TaskResult.Frame> records = new ArrayList<>();
        for (int frame : frames) {
            JobStatus.Frame f = status.frames().stream().filter(s -> s.frame() == frame).findFirst()
                    .orElseThrow(() -> new IllegalStateException("frame " + frame + " is not in its task's status"));
            if (f.state() != JobStatus.State.DONE) {
                throw new IOException(status.dir().resolve(f.file()) + " is " + f.state().label()
                        + " after its task rendered it");
            }
            records.add(new TaskResult.Frame(frame, f.file(), f.bytes(), f.crc32()));
        }
        return new TaskResult(task.partitionId(), task.attemptNumber(), SparkEnv.get().executorId(), gpus,
                summary.rendered() > 0 ? summary.device() : "", summary.rendered(), frames.length - summary.rendered(),
                summary.renderSeconds(), summary.prepareSeconds(), summary.iterations(), records, notices).bytes();
    }

    /** The GPU addresses Spark gave this task; none in local mode or without GPU scheduling. */
    private static List<String> gpus(TaskContext task) {
        ResourceInformation gpu = task.resourcesJMap().get(GpuAddresses.RESOURCE);
        return gpu == null ? List.of() : List.of(gpu.addresses());
    }
}
