package dev.squall.cli;

import dev.squall.api.EngineException;
import dev.squall.api.JobListener;
import dev.squall.api.JobRun;
import dev.squall.api.JobSummary;
import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import dev.squall.api.FrameSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code squall job run JOB.json}: read and check the job (nothing made before it passes), plan (folder, manifest,
 * frames done), render the rest on one device, summary.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render every frame of a job file (JSON; see README) into its output folder.",
            "Frames already there, intact and with the same parameters, are skipped: run again to resume."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (device or I/O error; finished frames are kept)",
            "2:bad job file or input, or output.dir holds another job's frames (nothing made or changed)",
            "130, 143:stopped by SIGINT, SIGTERM (the frame being written is finished; run again to resume)"})
final class JobRunCommand extends CommandBase implements Callable<Integer> {
    @Parameters(paramLabel = "JOB.json", description = "The job file; output.dir is relative to its folder.")
    Path file;

    @Option(names = "--force", description = "Redo every frame (of the shard or range), even those already done;"
            + " replaces the frames of another job in output.dir.")
    boolean force;

    @Mixin
    FrameOptions frameOptions = new FrameOptions();

    @Option(names = "--spark", paramLabel = "MASTER", description = {"Render the frames as Apache Spark tasks on"
            + " MASTER: local[N] (N tasks in this process), local[N,F] (F attempts a task), spark://HOST:PORT, yarn,"
            + " k8s://... (output.dir on a file system every executor sees). Needs Squall's Spark module, which"
            + " ./squall builds on first use."})
    String spark;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        FrameSelection selection = frameOptions.selection();
        if (spark != null) {
            return onSpark(selection, stdout, stderr);
        }
        JobSummary result;
        EscapeTime p;
        try (JobRun job = JobRun.read(file)) {
            p = job.first();
            plan(job, selection, stderr).forEach(stdout::println);
            if (selection.count(job.frames()) == 0) {
                stderr.println("squall: " + selection + " takes none of this job's " + job.frames() + " frames");
            }
            stdout.flush();
            try (JobListener progress = progress(stderr)) {
                result = job.run(progress, Squall::decorated);
            }
        }
        return summary(stdout, p, result);
    }

    /** The run as Spark's tasks ({@link JobCluster}); without Squall's Spark module, one line saying how to get it. */
    private int onSpark(FrameSelection selection, PrintWriter stdout, PrintWriter stderr) throws IOException {
        JobCluster cluster = JobCluster.find("spark").orElseThrow(() -> new UsageException("--spark needs Squall's"
                + " Spark module (host/spark), which is not on this squall's class path: ./squall builds and adds it"
                + " when --spark is given (by hand: ./mvnw -Pspark install -pl host/spark -am, then the class path"
                + " host/spark/target/squall-spark.jar:host/spark/target/lib/*)"));
        JobCluster.Outcome outcome;
        try (JobListener progress = progress(stderr)) {
            outcome = cluster.run(new JobCluster.Request(file, spark, selection, force), line -> {
                stdout.println(line);
                stdout.flush();
            }, progress);
        } catch (EngineException e) {
            throw e.reason() == EngineException.Reason.CONFLICT ? conflict(e) : FrameOptions.named(e);
        }
        return summary(stdout, outcome.first(), outcome.summary());
    }

    private static int summary(PrintWriter stdout, EscapeTime p, JobSummary result) {
        String others = result.byOthers() > 0 ? ", " + result.byOthers() + " written by another run" : "";
        if (result.rendered() == 0) {
            stdout.printf(Locale.ROOT, "job: 0 frames rendered, %d skipped%s: nothing to do%n", result.skipped(),
                    others);
            return 0;
        }
        stdout.printf(Locale.ROOT, "job: %d frame%s rendered, %d skipped%s, %dx%d %s max-iter %d on %s: %.3f s%s, "
                + "%.3f Giter/s (%d iterations)%n", result.rendered(), result.rendered() == 1 ? "" : "s",
                result.skipped(), others, p.width(), p.height(), p instanceof MandelbrotParams m ? m.precision()
                        : "deep zoom", p.maxIter(), result.device(),
                result.seconds(), result.prepareSeconds() >= 0.0005
                        ? String.format(Locale.ROOT, " (+%.3f s build)", result.prepareSeconds()) : "",
                result.giterPerSecond(), result.iterations());
        return 0;
    }

    /** The plan; a folder that belongs to another job (or is being written for one) is a usage error, exit 2. */
    private List<String> plan(JobRun job, FrameSelection selection, PrintWriter stderr) throws IOException {
        try {
            return job.plan(selection, force, line -> stderr.println("squall: " + line));
        } catch (EngineException e) {
            if (e.reason() != EngineException.Reason.CONFLICT) {
                throw FrameOptions.named(e);
            }
            throw conflict(e);
        }
    }

    /** A folder that belongs to another job, or another job's run is writing: a usage error, exit 2. */
    private UsageException conflict(EngineException e) {
        return new UsageException(file + ": " + e.getMessage()
                + (e.forcible() ? "; --force replaces them, or choose another output.dir" : ""));
    }

    private JobListener progress(PrintWriter stderr) {
        StderrTerminal terminal = ((Squall) spec.root().userObject()).stderrTerminal.get();
        return terminal.isTerminal() ? new ProgressBarDisplay(stderr, terminal.columns()) : new ProgressLines(stderr);
    }
}
