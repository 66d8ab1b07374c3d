package dev.squall.cli;

import dev.squall.api.FrameSelection;
import dev.squall.api.JobListener;
import dev.squall.api.JobSummary;
import dev.squall.kernels.EscapeTime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Runs a job's frames as the tasks of a cluster instead of in this process: {@code squall job run JOB.json --spark
 * MASTER}. Found through {@link ServiceLoader}, so that the command line needs none of a cluster's libraries:
 * {@code host/spark} (built with {@code -Pspark}) provides Spark's, and {@code ./squall} puts it on the class path
 * when {@code --spark} is given.
 */
public interface JobCluster {

    /** {@return the cluster's name, as its option says it without the dashes: {@code spark}} */
    String name();

    /**
     * Reads the job file, plans it on its output folder (as {@code job run} does: frames done and intact are
     * skipped), renders the frames the plan left as the cluster's tasks, and returns once every selected frame is
     * done and intact.
     *
     * @param request the job and where to run it
     * @param report hears the plan's report (what is done already), a line each, before any task runs
     * @param listener hears the progress and the notices (a task retried, an executor lost)
     * @return the job's first frame (every frame's size, iterations and precision) and what the run did
     * @throws IOException when the folder or a frame cannot be read or written
     * @throws dev.squall.api.EngineException as {@link dev.squall.api.JobRun} refuses a job, by reason
     */
    Outcome run(Request request, Consumer<String> report, JobListener listener) throws IOException;

    /**
     * What to run.
     *
     * @param file the job file
     * @param master where the tasks run, as the cluster names it ({@code local[4]}, {@code spark://HOST:7077})
     * @param selection the frames to take
     * @param force redo every selected frame, and replace another job's frames
     */
    record Request(Path file, String master, FrameSelection selection, boolean force) {
    }

    /**
     * What a run did.
     *
     * @param first the job's first frame
     * @param summary the frames rendered and skipped, the devices, the time
     */
    record Outcome(EscapeTime first, JobSummary summary) {
    }

    /**
     * {@return the cluster named {@code name} on the class path, if any}
     *
     * @param name its name ({@code spark})
     */
    static Optional<JobCluster> find(String name) {
        return ServiceLoader.load(JobCluster.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.name().equals(name)).findFirst();
    }
}
