package dev.squall.cli;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.buffer.HostMemory;
import dev.squall.host.job.Job;
import dev.squall.host.job.JobFile;
import dev.squall.host.job.JobFileException;
import dev.squall.host.job.JobPlan;
import dev.squall.host.job.JobProgress;
import dev.squall.host.job.JobResult;
import dev.squall.host.job.JobRunner;
import dev.squall.host.job.ProgressBarDisplay;
import dev.squall.host.job.ProgressLines;
import dev.squall.host.opencl.OpenCl;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code squall job run JOB.json}: read and check the job (nothing made before it passes), plan (folder, manifest,
 * frames done), render the rest on one device, summary.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render every frame of a job file (JSON; see README) into its output folder.",
            "Frames already there, intact and with the same parameters, are skipped: run again to resume."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (device or I/O error; finished frames are kept)",
            "2:bad job file or input (nothing made)"})
final class JobRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Parameters(paramLabel = "JOB.json", description = "The job file; output.dir is relative to its folder.")
    Path file;

    @Option(names = "--force", description = "Redo every frame, even those already done.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Job job;
        try {
            job = JobFile.read(file);
        } catch (JobFileException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
        checkMemory(job.first());

        JobPlan plan = JobPlan.prepare(job, force, line -> stderr.println("squall: " + line));
        plan.report().forEach(stdout::println);
        stdout.flush();
        JobResult result;
        try (JobProgress progress = progress(stderr)) {
            result = JobRunner.run(plan, OpenCl.probe(), progress);
        }
        MandelbrotParams p = job.first();
        if (result.rendered() == 0) {
            stdout.printf(Locale.ROOT, "job: 0 frames rendered, %d skipped: nothing to do%n", result.skipped());
            return 0;
        }
        stdout.printf(Locale.ROOT, "job: %d frame%s rendered, %d skipped, %dx%d %s max-iter %d on %s: %.3f s%s, "
                + "%.3f Giter/s (%d iterations)%n", result.rendered(), result.rendered() == 1 ? "" : "s",
                result.skipped(), p.width(), p.height(), p.precision(), p.maxIter(), result.device(), result.seconds(),
                result.prepareSeconds() >= 0.0005
                        ? String.format(Locale.ROOT, " (+%.3f s build)", result.prepareSeconds()) : "",
                result.giterPerSecond(), result.iterations());
        return 0;
    }

    private JobProgress progress(PrintWriter stderr) {
        StderrTerminal terminal = ((Squall) spec.root().userObject()).stderrTerminal;
        return terminal.isTerminal() ? new ProgressBarDisplay(stderr, terminal.columns()) : new ProgressLines(stderr);
    }

    /** Refuses, before any work, frames whose counts do not fit the memory available. */
    private static void checkMemory(MandelbrotParams params) {
        long need = CountsBuffer.bytesFor(params.width(), params.height());
        long available = HostMemory.available();
        if (need > available) {
            throw new UsageException(String.format(Locale.ROOT,
                    "width %d x height %d needs %s for the counts, more than the %s of memory available",
                    params.width(), params.height(), HostMemory.gib(need), HostMemory.gib(available)));
        }
    }
}
