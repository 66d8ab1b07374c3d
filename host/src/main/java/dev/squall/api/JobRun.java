package dev.squall.api;

import dev.squall.host.Backend;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.device.DeviceSpec;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.imageio.MandelbrotPng;
import dev.squall.host.job.FolderStatus;
import dev.squall.host.job.FrameFormat;
import dev.squall.host.job.Job;
import dev.squall.host.job.JobConflictException;
import dev.squall.host.job.JobFile;
import dev.squall.host.job.JobFileException;
import dev.squall.host.job.JobPlan;
import dev.squall.host.job.JobResult;
import dev.squall.host.job.JobRunner;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.opencl.OpenClProbe;
import dev.squall.host.render.RenderMemory;
import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A batch job (a job file: frames, zoom sequences) read, checked, planned on its output folder and run, resumable:
 * frames already there, intact and made with the same parameters, are skipped, and several runs (processes) on one
 * folder share its frames. Nothing is made before {@link #plan}, and nothing is rendered before {@link #run}.
 * <pre>{@code
 * try (JobRun job = JobRun.read(Path.of("zoom.json"))) {
 *     job.plan(false, log::info).forEach(log::info);   // what is done, what is left
 *     JobSummary done = job.run(listener);              // frames rendered, skipped, time
 * }
 * }</pre>
 */
public final class JobRun implements AutoCloseable {
    private final Job job;
    private final OpenClProbe probe;
    private JobPlan plan;

    private JobRun(Job job, OpenClProbe probe) {
        this.job = job;
        this.probe = probe;
    }

    /**
     * Reads and checks a job file: its JSON and every frame's parameters, its device (there, and able to compute
     * the precision), and the memory a frame needs in this process. Nothing is made.
     *
     * @param file the job file; its {@code output.dir} is relative to its folder
     * @return the job, not yet planned
     * @throws EngineException {@link EngineException.Reason#INVALID} for a bad job file or frames too large to hold,
     *     naming the value; {@link EngineException.Reason#UNAVAILABLE} for a device that is not there
     */
    public static JobRun read(Path file) {
        Job job;
        try {
            job = JobFile.read(file);
        } catch (JobFileException e) {
            throw new EngineException(file + ": " + e.getMessage(), e, EngineException.Reason.INVALID, false);
        }
        return checked(job);
    }

    /**
     * As {@link #read(Path)}, for the content of a job file read elsewhere, and on a device of the caller's choice:
     * a cluster's driver reads the file and ships its bytes to the tasks, whose machines need not see it, and each
     * task renders on the device the cluster gave it. The output folder is resolved against {@code file}'s folder
     * as {@link #read(Path)} resolves it (it must be the same folder wherever the job is read: a shared file
     * system), though the file itself need not be there.
     *
     * @param file the job file's path where it was read; named in messages, its folder the base of
     *     {@code output.dir}
     * @param content the job file's bytes
     * @param device the device to run on instead of the job file's own ({@code opencl:0:1}, {@code cpu}, any value
     *     the job file's {@code device} takes), or null for the job file's own
     * @return the job, not yet planned
     * @throws EngineException as {@link #read(Path)}, and {@link EngineException.Reason#INVALID} for a
     *     {@code device} that is not a device's name
     */
    public static JobRun read(Path file, byte[] content, String device) {
        Job job;
        try {
            job = JobFile.read(file, content);
        } catch (JobFileException e) {
            throw new EngineException(file + ": " + e.getMessage(), e, EngineException.Reason.INVALID, false);
        }
        if (device != null) {
            try {
                job = new Job(job.frames(), DeviceSpec.parse(device), job.dir(), job.format());
            } catch (InvalidParameterException e) {
                throw new EngineException(e.getMessage(), e, EngineException.Reason.INVALID, false);
            }
        }
        return checked(job);
    }

    /** The job, once its frames are known to fit this process and its device to be here. */
    private static JobRun checked(Job job) {
        checkMemory(job);
        OpenClProbe probe = OpenCl.probe();
        try {
            DeviceSelector.check(job.device(), job.precision(), probe);
        } catch (DeviceUnavailableException e) {
            throw new EngineException(e.getMessage(), e);
        }
        return new JobRun(job, probe);
    }

    /**
     * {@return the first frame's parameters (every frame has the same size, iterations and format): a
     * {@link MandelbrotParams}, or a {@link dev.squall.kernels.deep.DeepParams} for a deep zoom}
     */
    public EscapeTime first() {
        return job.first();
    }

    /** {@return how many frames the job has} */
    public int frames() {
        return job.frames().size();
    }

    /**
     * Plans the run on the output folder (made if missing): which frames are done, damaged or missing, under the
     * folder's locks. Call once, before {@link #run}.
     *
     * @param force redo every frame, and replace another job's frames
     * @param notice hears what the user should know (frames beyond a shortened job's end)
     * @return the plan's report, a line each
     * @throws EngineException {@link EngineException.Reason#CONFLICT} when the folder holds another job's frames
     *     ({@link EngineException#forcible()}: force would replace them) or another run of another job is writing
     *     it; nothing is changed then
     * @throws IOException when the folder cannot be made or read
     */
    public List<String> plan(boolean force, Consumer<String> notice) throws IOException {
        return plan(FrameSelection.ALL, force, notice);
    }

    /**
     * As {@link #plan(boolean, Consumer)}, for the frames {@code selection} takes only (a shard, a range): the run
     * renders those, and looks at no other.
     *
     * @param selection the frames to take
     * @param force redo every selected frame, and replace another job's frames
     * @param notice hears what the user should know
     * @return the plan's report, a line each
     * @throws EngineException {@link EngineException.Reason#INVALID} when the selection reaches past the job's last
     *     frame; {@link EngineException.Reason#CONFLICT} as above
     * @throws IOException when the folder cannot be made or read
     */
    public List<String> plan(FrameSelection selection, boolean force, Consumer<String> notice) throws IOException {
        if (plan != null) {
            throw new IllegalStateException("the job is planned already");
        }
        check(selection);
        try {
            plan = JobPlan.prepare(job, selection, force, notice);
        } catch (JobConflictException e) {
            throw new EngineException(e.getMessage(), e, EngineException.Reason.CONFLICT, e.forcible());
        }
        return plan.report();
    }

    /**
     * {@return the frames the plan left to render, in order: those of the selection not done and intact (every
     * one of them with force)} A caller that renders them elsewhere (a cluster's tasks) hands out these.
     *
     * @throws IllegalStateException when the job is not planned
     */
    public List<Integer> todo() {
        if (plan == null) {
            throw new IllegalStateException("plan the job first");
        }
        return plan.todo();
    }

    /**
     * Reads a job file and where its frames stand in its output folder, changing nothing (no folder or lock file
     * is made) and needing no device: a login node or a machine without the job's GPU can ask.
     *
     * @param file the job file
     * @param selection the frames to look at
     * @param notice hears why records could not be read (those frames count as not done)
     * @return each selected frame's state
     * @throws EngineException {@link EngineException.Reason#INVALID} for a bad job file, or a selection that
     *     reaches past the job's end
     * @throws IOException when the folder or a frame cannot be read
     */
    public static JobStatus status(Path file, FrameSelection selection, Consumer<String> notice) throws IOException {
        Job job;
        try {
            job = JobFile.read(file);
        } catch (JobFileException e) {
            throw new EngineException(file + ": " + e.getMessage(), e, EngineException.Reason.INVALID, false);
        }
        check(job, selection);
        return FolderStatus.read(job, selection, notice);
    }

    /**
     * As {@link #status(Path, FrameSelection, Consumer)}, for this job as it was read (its file is not read again,
     * and need not be here): where its frames stand now, planned or not, during a run or after it.
     *
     * @param selection the frames to look at
     * @param notice hears why records could not be read (those frames count as not done)
     * @return each selected frame's state
     * @throws EngineException {@link EngineException.Reason#INVALID} for a selection that reaches past the job's end
     * @throws IOException when the folder or a frame cannot be read
     */
    public JobStatus status(FrameSelection selection, Consumer<String> notice) throws IOException {
        check(selection);
        return FolderStatus.read(job, selection, notice);
    }

    private void check(FrameSelection selection) {
        check(job, selection);
    }

    private static void check(Job job, FrameSelection selection) {
        try {
            selection.check(job.frames().size());
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), e, EngineException.Reason.INVALID, false);
        }
    }

    /**
     * Renders the frames the plan left, on the job's device, each written atomically and recorded as it is done.
     *
     * @param listener hears the progress and the notices
     * @return what the run did
     * @throws IOException when a frame or the manifest cannot be written (the frames done are kept)
     * @throws IllegalStateException when the job is not planned
     */
    public JobSummary run(JobListener listener) throws IOException {
        return run(listener, UnaryOperator.identity());
    }

    /**
     * As {@link #run(JobListener)}, on the devices as {@code devices} hands them on (a program's own wrapper:
     * metrics, a test's faults).
     *
     * @param listener hears the progress and the notices
     * @param devices wraps the devices the job opens
     * @return what the run did
     * @throws IOException when a frame or the manifest cannot be written (the frames done are kept)
     */
    public JobSummary run(JobListener listener, UnaryOperator<List<Backend>> devices) throws IOException {
        if (plan == null) {
            throw new IllegalStateException("plan the job before running it");
        }
        JobResult r;
        try {
            r = JobRunner.run(plan, probe, listener, devices);
        } catch (DeviceUnavailableException | KernelRefusedException e) {
            throw new EngineException(e.getMessage(), e);
        }
        return new JobSummary(r.rendered(), r.skipped(), r.byOthers(), r.device(), r.seconds(), r.renderSeconds(),
                r.prepareSeconds(), r.iterations());
    }

    /**
     * Releases the folder's locks.
     *
     * @throws IOException when the lock file cannot be closed
     */
    @Override
    public void close() throws IOException {
        if (plan != null) {
            plan.close();
        }
    }

    /**
     * Refuses, before any work, frames this process cannot hold: a job holds each frame's counts whole, and its PNG
     * rows and coordinates on the heap ({@link RenderMemory}).
     */
    private static void checkMemory(Job job) {
        if (!(job.first() instanceof MandelbrotParams params)) {
            return;    // a deep zoom's coordinates are exact, never arrays; its counts are checked as they go
        }
        boolean png = job.format() == FrameFormat.PNG;
        if (png && RenderMemory.pngTooWide(params)) {
            throw new EngineException(String.format(Locale.ROOT, "width %d: PNG rows hold at most %d pixels (one Java"
                    + " array of RGB bytes)", params.width(), MandelbrotPng.MAX_WIDTH), null,
                    EngineException.Reason.INVALID, false);
        }
        RenderMemory.of(params, png, true).shortfall().ifPresent(why -> {
            throw new EngineException(String.format(Locale.ROOT, "width %d x height %d %s", params.width(),
                    params.height(), why), null, EngineException.Reason.INVALID, false);
        });
    }
}
