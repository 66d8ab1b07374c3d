package dev.squall.host.job;

import dev.squall.api.JobListener;

import dev.squall.host.Backend;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.Schedule;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.imageio.AtomicFile;
import dev.squall.host.opencl.OpenClProbe;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.render.RenderResult;
import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.api.Shutdown;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Renders the frames a {@link JobPlan} left to do, on the backends of its device opened once (programs built once), into one
 * counts buffer reused for every frame. Each frame is written so that its file, when there, is complete and listed:
 * <ol>
 * <li>the run claims the frame ({@link JobFolder}): no other run renders or writes it meanwhile;
 * <li>the frame goes to a hidden temporary file, flushed to disk ({@link AtomicFile#prepareFile});
 * <li>the frame's record (size, CRC-32 of those bytes, parameters) is written, atomically ({@link Manifest}: one
 * record a frame, so no lock and no rewrite of the others);
 * <li>the temporary file is renamed to the frame's name, and the claim let go.
 * </ol>
 * Killed between 3 and 4, a record names a frame whose file is absent (or still the old one): the next run finds
 * it missing (or damaged) and redoes it. Frames another run holds are skipped and come back at the end: then this
 * run waits for each claim, and renders the frame only if its holder died before finishing it. So several runs of
 * one job on one folder share its frames, and each ends with every frame done.
 * <p>
 * SIGINT and SIGTERM ({@link Shutdown}): a frame being written finishes, no other starts, the stop is said, and
 * only then are temporary files removed.
 */
public final class JobRunner {
    private final JobPlan plan;
    private final JobListener progress;
    /** Held while a frame is written; a stop takes it and keeps it, so that no frame starts after. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Frames written in this run; changed under {@link #writing}, so the stop hook reads it right. */
    private int rendered;
    /** Frames of this run's list that another run wrote first. */
    private int byOthers;
    private long iterations;
    private double renderSeconds;
    private double prepareSeconds;
    private String device = "";

    private JobRunner(JobPlan plan, JobListener progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /** Runs {@code plan} on the device its job names (auto falls back to the CPU as {@code render} does). */
    public static JobResult run(JobPlan plan, OpenClProbe probe, JobListener progress) throws IOException {
        return run(plan, probe, progress, UnaryOperator.identity());
    }

    /** As above, on the devices as {@code devices} hands them on (a program's own wrapper: metrics, tests' faults). */
    public static JobResult run(JobPlan plan, OpenClProbe probe, JobListener progress,
            UnaryOperator<List<Backend>> devices) throws IOException {
        JobRunner runner = new JobRunner(plan, progress);
        runner.devices = devices;
        return runner.run(probe);
    }

    private UnaryOperator<List<Backend>> devices = UnaryOperator.identity();

    private JobResult run(OpenClProbe probe) throws IOException {
        long start = System.nanoTime();
        Job job = plan.job();
        if (plan.todo().isEmpty()) {
            return new JobResult(0, plan.done(), 0, device, 0, 0, 0, 0);
        }
        EscapeTime first = job.first();
        Runnable stop = this::stop;
        Shutdown.add(Shutdown.Step.FINISH, stop);
        try (CountsBuffer counts = CountsBuffer.allocate(first.width(), first.height())) {
            progress.start(plan.done(), plan.selected(), first.pixels());
            Consumer<String> notice = line -> progress.notice("squall: " + line);
            try {
                DeviceSelector.runAll(job.device(), job.precision(), probe, notice, backends -> {
                    renderRemaining(devices.apply(backends), counts, notice);
                    return null;
                });
            } catch (DeviceUnavailableException e) {
                notice.accept(DeviceSelector.cpuInstead(job.device(), e).orElseThrow(() -> e));
                try (Backend cpu = DeviceSelector.cpu()) {
                    renderRemaining(devices.apply(List.of(cpu)), counts, notice);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Shutdown.remove(Shutdown.Step.FINISH, stop);
        }
        return new JobResult(rendered, plan.done(), byOthers, device, (System.nanoTime() - start) / 1e9,
                renderSeconds, prepareSeconds, iterations);
    }

    /**
     * The frames left, each under its claim; those another run holds are kept for the end, and waited for then. A
     * tile whose device fails is redone on the CPU (and said), as are all of a device's tiles when it fails to
     * prepare (the scheduler). Under {@code auto}, a device that refuses the kernel (deep zoom on an OpenCL device
     * without fp64) brings the work back here on the CPU backend.
     */
    private void renderRemaining(List<Backend> backends, CountsBuffer counts, Consumer<String> notice) {
        device = backends.size() == 1 ? backends.getFirst().label()
                : backends.stream().map(Backend::id).collect(Collectors.joining(" + "));
        try {
            List<Integer> held = new ArrayList<>();
            for (int frame : plan.todo()) {
                if (settled.contains(frame)) {
                    continue;
                }
                Optional<JobFolder.Claim> claim = plan.folder().tryClaim(frame);
                if (claim.isEmpty()) {
                    held.add(frame);
                    continue;
                }
                try (JobFolder.Claim owned = claim.get()) {
                    renderClaimed(backends, counts, notice, frame);
                }
            }
            for (int frame : held) {
                try (JobFolder.Claim owned = plan.folder().claim(frame)) {
                    renderClaimed(backends, counts, notice, frame);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting for a frame"));
        }
    }

    /** The plan's frames written by this run or found written by another: not redone after a fallback. */
    private final Set<Integer> settled = new HashSet<>();

    /** Renders and writes {@code frame}, which this run has claimed, unless another run wrote it meanwhile. */
    private void renderClaimed(List<Backend> backends, CountsBuffer counts, Consumer<String> notice, int frame)
            throws IOException {
        Job job = plan.job();
        if (settled.contains(frame)) {
            return;
        }
        if (!plan.forced() && JobPlan.state(job, Manifest.record(job.dir(), job.fileName(frame)), frame)
                == FrameState.DONE) {
            writing.lock();    // as every line of progress: never after the stop's last line
            try {
                settled.add(frame);
                byOthers++;
                progress.frameDone();
            } finally {
                writing.unlock();
            }
            return;
        }
        EscapeTime params = job.frames().get(frame);
        RenderResult result = MandelbrotRenderer.render(backends, params, Schedule.DEFAULT, counts,
                DeviceSelector::cpu, notice);
        iterations += result.iterations();
        renderSeconds += result.seconds();
        prepareSeconds += result.prepareSeconds();
        write(frame, params, counts);
    }

    private void write(int frame, EscapeTime params, CountsBuffer counts) throws IOException {
        Job job = plan.job();
        String name = job.fileName(frame);
        writing.lock();
        try (AtomicFile.Pending file = AtomicFile.prepareFile(job.dir().resolve(name),
                job.format().content(counts, params.maxIter()))) {
            FrameRecord record = new FrameRecord(name, frame, file.size(),
                    String.format(Locale.ROOT, "%08x", file.crc32()), FrameParameters.of(params, job.format()));
            Manifest.put(job.dir(), record);
            file.commit();
            rendered++;
            settled.add(frame);
            // Under the lock: a stop's "stopped with K of N" must be the last line, after this frame's.
            progress.frameDone();
        } finally {
            writing.unlock();
        }
    }

    /** The stop: lets a frame being written finish, keeps any other from starting, and says where the job stands. */
    private void stop() {
        writing.lock();
        progress.notice("squall: stopped with " + (plan.done() + rendered + byOthers) + " of " + plan.selected()
                + " frames" + (plan.selection().isAll() ? "" : " (" + plan.selection() + ")")
                + " done; run the same command again to resume");
    }
}
