package dev.squall.spark;

import dev.squall.api.EngineException;
import dev.squall.api.FrameSelection;
import dev.squall.api.JobListener;
import dev.squall.api.JobRun;
import dev.squall.api.JobStatus;
import dev.squall.api.JobSummary;
import dev.squall.api.Shutdown;
import dev.squall.kernels.EscapeTime;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A job (a job file) run as Spark tasks, from its driver: read and planned here as a local run plans it (the output
 * folder made this job's, frames done and intact skipped), the frames left handed out to tasks (one frame a task, or
 * as many as the Spark setting {@value #FRAMES_PER_TASK} says), each task rendering its frames on its executor with
 * the engine ({@link FrameTask}), and the run over only when the folder says every selected frame is done and
 * intact, with the size and CRC-32 its task reported.
 * <pre>{@code
 * try (JavaSparkContext sc = new JavaSparkContext(conf);
 *      SparkJob job = SparkJob.read(Path.of("zoom.json"), sc.master())) {
 *     job.plan(FrameSelection.ALL, false, log::info).forEach(log::info);   // what is done already
 *     SparkJob.Result done = job.run(sc, listener);                        // tasks, retries, the summary
 * }
 * }</pre>
 * The output folder must be the same folder, at the same path, on the driver and every executor: a shared file
 * system on a cluster (its locks shared too: NFS with NLM or NFSv4 locking), any folder in local mode.
 */
public final class SparkJob implements AutoCloseable {
    /** The Spark setting that groups frames into tasks: frames a task renders (each on its own, in order). */
    public static final String FRAMES_PER_TASK = "spark.squall.framesPerTask";

    private final Path file;
    private final byte[] content;
    private final JobRun driver;
    private FrameSelection selection;
    private boolean force;

    private SparkJob(Path file, byte[] content, JobRun driver) {
        this.file = file;
        this.content = content;
        this.driver = driver;
    }

    /**
     * Reads and checks a job file on the driver, for tasks on {@code master}. In local mode ({@code local},
     * {@code local[N]}, {@code local[N,F]}) the tasks run in this process, so the job's device is checked here as
     * {@link JobRun#read(Path)} checks it; elsewhere each task checks the device it renders on, on its executor
     * (the driver renders nothing and may have no GPU).
     *
     * @param file the job file; its {@code output.dir} is relative to its folder
     * @param master the Spark master the tasks will run on
     * @return the job, not yet planned
     * @throws EngineException as {@link JobRun#read(Path)}, and {@link EngineException.Reason#INVALID} when the
     *     file cannot be read
     */
    public static SparkJob read(Path file, String master) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied", e);
        } catch (IOException e) {
            throw unreadable(file, e.getMessage(), e);
        }
        return new SparkJob(file, content, JobRun.read(file, content, local(master) ? null : "cpu"));
    }

    private static EngineException unreadable(Path file, String why, IOException e) {
        return new EngineException(file + ": cannot read: " + why, e, EngineException.Reason.INVALID, false);
    }

    /** Whether tasks on {@code master} run in the driver's own process (Spark's local mode, not local-cluster). */
    static boolean local(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /** {@return the first frame's parameters (every frame has the same size, iterations and format)} */
    public EscapeTime first() {
        return driver.first();
    }

    /** {@return how many frames the job has} */
    public int frames() {
        return driver.frames();
    }

    /**
     * Plans the run on the output folder, as {@link JobRun#plan(FrameSelection, boolean, Consumer)}: the driver
     * holds the folder's run lock from now until {@link #close}, so no run of another job takes it over meanwhile.
     *
     * @param selection the frames to take (a shard, a range, or all)
     * @param force redo every selected frame, and replace another job's frames
     * @param notice hears what the user should know
     * @return the plan's report, a line each
     * @throws EngineException as {@link JobRun#plan(FrameSelection, boolean, Consumer)}
     * @throws IOException when the folder cannot be made or read
     */
    public List<String> plan(FrameSelection selection, boolean force, Consumer<String> notice) throws IOException {
        List<String> report = driver.plan(selection, force, notice);
        this.selection = selection;
        this.force = force;
        return report;
    }

    /**
     * {@return the frames the plan left, in order: what {@link #run} hands out to tasks (nothing left, no Spark
     * context is needed)}
     *
     * @throws IllegalStateException when the job is not planned
     */
    public List<Integer> todo() {
        return driver.todo();
    }

    /**
     * What a run did.
     *
     * @param summary as a local run's: frames rendered by the tasks, skipped (done before), found done by a task
     *     (an earlier attempt, or another run, wrote them: {@code byOthers}), the devices, the wall time
     * @param tasks each task's result, the attempt that succeeded
     * @param failedAttempts attempts that failed and were retried (an executor lost, a device error)
     */
    public record Result(JobSummary summary, List<TaskResult> tasks, int failedAttempts) {
        /** Copies the list. */
        public Result {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * Renders the frames the plan left as tasks of {@code sc}, one group of frames a task, and checks the folder
     * when they are done: every selected frame done and intact, each with the size and CRC-32 its task recorded.
     *
     * @param sc the Spark context (its master the one this job was read for)
     * @param listener hears the progress (frames as their tasks succeed) and the notices (failed attempts, lost
     *     executors, the engine's notices from the tasks)
     * @return what the run did
     * @throws IOException when the folder cannot be read, or is not complete after the tasks
     * @throws EngineException as a task's {@link JobRun} refused its work (a device not there)
     * @throws SparkJobException when Spark gave up on the job (a task failed on every attempt)
     */
    public Result run(JavaSparkContext sc, JobListener listener) throws IOException {
        return run(sc, listener, TaskDevices.AS_THEY_ARE);
    }

    /**
     * As {@link #run(JavaSparkContext, JobListener)}, each task's devices as {@code devices} hands them on.
     *
     * @param sc the Spark context
     * @param listener hears the progress and the notices
     * @param devices wraps the devices each task opens (on its executor)
     * @return what the run did
     * @throws IOException when the folder cannot be read, or is not complete after the tasks
     * @throws EngineException as a task's {@link JobRun} refused its work, or for a {@value #FRAMES_PER_TASK} that
     *     is not a positive integer
     * @throws SparkJobException when Spark gave up on the job
     */
    public Result run(JavaSparkContext sc, JobListener listener, TaskDevices devices) throws IOException {
        if (selection == null) {
            throw new IllegalStateException("plan the job before running it");
        }
        long start = System.nanoTime();
        List<Integer> todo = driver.todo();
        int selected = selection.count(driver.frames());
        int skipped = selected - todo.size();
        if (todo.isEmpty()) {    // as a local run: no progress to show
            return new Result(new JobSummary(0, skipped, 0, "", 0, 0, 0, 0), List.of(), 0);
        }
        List<int[]> groups = groups(todo, framesPerTask(sc));
        listener.start(skipped, selected, first().pixels());
        String group = "squall-" + UUID.randomUUID();
        TaskProgress progress = new TaskProgress(group, groups, listener);
        List<TaskResult> results = null;
        int failed;
        // SIGINT, SIGTERM: in local mode the tasks' own runs finish the frames being written (Shutdown's first
        // step); then this says where the job stands, as a local run does.
        Runnable stop = () -> listener.notice("squall: stopped with " + (skipped + progress.framesDone()) + " of "
                + selected + " frames" + (selection.isAll() ? "" : " (" + selection + ")")
                + " done; run the same command again to resume");
        Shutdown.add(Shutdown.Step.CLEAN_UP, stop);
        sc.sc().addSparkListener(progress);
        try {
            sc.setJobGroup(group, "squall job " + file.getFileName() + ": " + todo.size() + " frames", true);
            sc.setLocalProperty(TaskProgress.JOB, group);
            results = sc.parallelize(groups, groups.size())
                    .map(new FrameTask(file, content, selection, force, devices))
                    .collect().stream().map(TaskResult::of).toList();
        } catch (Exception e) {    // Spark's SparkException is checked, and undeclared
            throw aborted(e);
        } finally {
            if (!Shutdown.inProgress()) {    // else the stop's line is still to come
                Shutdown.remove(Shutdown.Step.CLEAN_UP, stop);
            }
            failed = progress.finish(results != null);
            sc.sc().removeSparkListener(progress);
            sc.setLocalProperty(TaskProgress.JOB, null);
            sc.clearJobGroup();
        }
        for (TaskResult r : results) {
            r.notices().forEach(line -> listener.notice("squall: " + TaskProgress.frames(groups.get(r.partition()))
                    + " (executor " + r.executor() + "): " + line));
        }
        check(todo, results, listener);
        return new Result(summary(sc, results, skipped, (System.nanoTime() - start) / 1e9), results, failed);
    }

    /** Frames a task from the Spark setting {@link #FRAMES_PER_TASK}. */
    private static int framesPerTask(JavaSparkContext sc) {
        String value = sc.getConf().get(FRAMES_PER_TASK, "1");
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new EngineException(FRAMES_PER_TASK + " must be a positive integer, got \"" + value + "\"", null,
                EngineException.Reason.INVALID, false);
    }

    /** {@code todo} in consecutive groups of {@code size} frames (the last may be shorter). */
    static List<int[]> groups(List<Integer> todo, int size) {
        List<int[]> groups = new ArrayList<>();
        for (int i = 0; i < todo.size(); i += size) {
            groups.add(todo.subList(i, Math.min(todo.size(), i + size)).stream().mapToInt(Integer::intValue)
                    .toArray());
        }
        return groups;
    }

    /**
     * The folder after the tasks, as {@code job status} reads it: every selected frame done and intact, and each
     * frame a task did recorded with the size and CRC-32 that task reported (two attempts that wrote one frame
     * wrote the same bytes).
     */
    private void check(List<Integer> todo, List<TaskResult> results, JobListener listener) throws IOException {
        JobStatus status = driver.status(selection, line -> listener.notice("squall: " + line));
        Map<Integer, JobStatus.Frame> frames = new HashMap<>();
        status.frames().forEach(f -> frames.put(f.frame(), f));
        Set<Integer> reported = new TreeSet<>();
        for (TaskResult r : results) {
            for (TaskResult.Frame f : r.frames()) {
                reported.add(f.frame());
                JobStatus.Frame now = frames.get(f.frame());
                if (now == null || now.state() != JobStatus.State.DONE || now.bytes() != f.bytes()
                        || !now.crc32().equals(f.crc32())) {
                    throw new IOException(String.format(Locale.ROOT, "%s: its task (executor %s, attempt %d) recorded"
                            + " %d bytes with CRC-32 %s; the folder now has it %s", status.dir().resolve(f.file()),
                            r.executor(), r.attempt(), f.bytes(), f.crc32(), now == null ? "nowhere"
                                    : now.state().label() + (now.bytes() < 0 ? "" : ", recorded with " + now.bytes()
                                            + " bytes and CRC-32 " + now.crc32())));
                }
            }
        }
        if (!reported.containsAll(todo)) {
            throw new IllegalStateException("frames the tasks did not report: " + todo.stream()
                    .filter(f -> !reported.contains(f)).map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (!status.complete()) {
            List<String> notDone = status.frames().stream().filter(f -> f.state() != JobStatus.State.DONE)
                    .map(f -> f.file() + " " + f.state().label()).toList();
            throw new IOException(status.dir() + " is not complete after the job's tasks: " + notDone.size()
                    + " frame" + (notDone.size() == 1 ? "" : "s") + " not done (" + String.join(", ",
                            notDone.subList(0, Math.min(5, notDone.size()))) + (notDone.size() > 5 ? " ..." : "")
                    + ")");
        }
    }

    private JobSummary summary(JavaSparkContext sc, List<TaskResult> results, int skipped, double seconds) {
        int rendered = 0;
        int foundDone = 0;
        double renderSeconds = 0;
        double prepareSeconds = 0;
        long iterations = 0;
        Set<String> devices = new TreeSet<>();
        for (TaskResult r : results) {
            rendered += r.rendered();
            foundDone += r.foundDone();
            renderSeconds += r.renderSeconds();
            prepareSeconds += r.prepareSeconds();
            iterations += r.iterations();
            if (!r.device().isEmpty()) {
                devices.add(r.device());
            }
        }
        long executors = results.stream().map(TaskResult::executor).distinct().count();
        String where = String.format(Locale.ROOT, "spark %s (%d task%s, %d executor%s)", sc.master(), results.size(),
                results.size() == 1 ? "" : "s", executors, executors == 1 ? "" : "s");
        return new JobSummary(rendered, skipped, foundDone, devices.isEmpty() ? where
                : where + ": " + String.join(", ", devices), seconds, renderSeconds, prepareSeconds, iterations);
    }

    /**
     * What Spark's abort of the job says, in one line: the engine's own refusal when a task's {@link JobRun}
     * refused (its reason kept: a usage error stays one), else Spark's first line.
     */
    private static RuntimeException aborted(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof EngineException engine) {
                return new EngineException("a Spark task: " + engine.getMessage(), engine, engine.reason(),
                        engine.forcible());
            }
        }
        if (e instanceof RuntimeException unchecked && !(e.getCause() instanceof SparkException)) {
            return unchecked;
        }
        return new SparkJobException("Spark gave up on the job: " + String.valueOf(e.getMessage()).lines().findFirst()
                .orElse(""), e);
    }

    /**
     * Releases the folder's locks.
     *
     * @throws IOException when the lock file cannot be closed
     */
    @Override
    public void close() throws IOException {
        driver.close();
    }
}
