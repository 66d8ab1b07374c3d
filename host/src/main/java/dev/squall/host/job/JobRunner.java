package dev.squall.host.job;

import dev.squall.host.Backend;
import dev.squall.host.Schedule;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.imageio.AtomicFile;
import dev.squall.host.opencl.OpenClProbe;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.render.RenderResult;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Renders the frames a {@link JobPlan} left to do, on the backends of its device opened once (programs built once), into one
 * counts buffer reused for every frame. Each frame is written so that its file, when there, is complete and listed:
 * <ol>
 * <li>the frame goes to a hidden temporary file, flushed to disk ({@link AtomicFile#prepare});
 * <li>the manifest, with the new entry (size, CRC-32 of those bytes, parameters), replaces the old one atomically;
 * <li>the temporary file is renamed to the frame's name.
 * </ol>
 * Killed between 2 and 3, the manifest lists a frame whose file is absent (or still the old one): the next run finds
 * it missing (or damaged) and redoes it. SIGINT and SIGTERM wait for a frame being written to finish, and start no
 * other; AtomicFile's own hook removes temporary files.
 */
public final class JobRunner {
    private final JobPlan plan;
    private final JobProgress progress;
    /** Held while a frame is written; a stop takes it and keeps it, so that no frame starts after. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Frames written in this run; changed under {@link #writing}, so the stop hook reads it right. */
    private int rendered;
    private long iterations;
    private double renderSeconds;
    private double prepareSeconds;
    private String device = "";

    private JobRunner(JobPlan plan, JobProgress progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /** Runs {@code plan} on the device its job names (auto falls back to the CPU as {@code render} does). */
    public static JobResult run(JobPlan plan, OpenClProbe probe, JobProgress progress) throws IOException {
        return new JobRunner(plan, progress).run(probe);
    }

    private JobResult run(OpenClProbe probe) throws IOException {
        long start = System.nanoTime();
        Job job = plan.job();
        if (plan.todo().isEmpty()) {
            return new JobResult(0, plan.done(), device, 0, 0, 0, 0);
        }
        MandelbrotParams first = job.first();
        Thread stop = new Thread(this::stop, "squall-job-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try (CountsBuffer counts = CountsBuffer.allocate(first.width(), first.height())) {
            progress.start(plan.done(), job.frames().size(), first.pixels());
            Consumer<String> notice = line -> progress.notice("squall: " + line);
            DeviceSelector.runAll(job.device(), first.precision(), probe, notice, backends -> {
                renderRemaining(backends, counts, notice);
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running or has run
            }
        }
        return new JobResult(rendered, plan.done(), device, (System.nanoTime() - start) / 1e9, renderSeconds,
                prepareSeconds, iterations);
    }

    /**
     * From the first frame not yet rendered, its tiles shared by the backends; a tile whose device fails is redone on
     * the CPU (and said). Under {@code auto}, an OpenCL failure outside a tile brings the work back here on the CPU
     * backend, which carries on where the device stopped.
     */
    private void renderRemaining(List<Backend> backends, CountsBuffer counts, Consumer<String> notice) {
        device = backends.size() == 1 ? backends.getFirst().label()
                : backends.stream().map(Backend::id).collect(Collectors.joining(" + "));
        Job job = plan.job();
        while (rendered < plan.todo().size()) {
            int frame = plan.todo().get(rendered);
            MandelbrotParams params = job.frames().get(frame);
            RenderResult result = MandelbrotRenderer.render(backends, params, Schedule.DEFAULT, counts,
                    DeviceSelector::cpu, notice);
            try {
                write(frame, params, counts);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            iterations += result.iterations();
            renderSeconds += result.seconds();
            prepareSeconds += result.prepareSeconds();
            progress.frameDone();
        }
    }

    private void write(int frame, MandelbrotParams params, CountsBuffer counts) throws IOException {
        Job job = plan.job();
        String name = job.fileName(frame);
        writing.lock();
        try (AtomicFile.Pending file = AtomicFile.prepare(job.dir().resolve(name),
                job.format().content(counts, params.maxIter()))) {
            plan.manifest().put(new FrameRecord(name, frame, Files.size(file.file()), FrameRecord.crc32(file.file()),
                    FrameParameters.of(params, job.format())));
            plan.manifest().write();
            file.commit();
            rendered++;
        } finally {
            writing.unlock();
        }
    }

    /** The shutdown hook: lets a frame being written finish, then keeps any other from starting. */
    private void stop() {
        writing.lock();
        progress.notice("squall: stopped with " + (plan.done() + rendered) + " of " + plan.job().frames().size()
                + " frames done; run the same command again to resume");
    }
}
