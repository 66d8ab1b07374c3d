package dev.squall.spark;

import dev.squall.host.Backend;
import java.io.Serializable;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What wraps the devices each task opens, as {@link dev.squall.api.JobRun#run(dev.squall.api.JobListener,
 * UnaryOperator)} takes it: a program's own wrapper (metrics), a test's faults. Serializable: it travels to the
 * executors with the task, and runs there.
 */
@FunctionalInterface
public interface TaskDevices extends UnaryOperator<List<Backend>>, Serializable {

    /** The devices as they are. */
    TaskDevices AS_THEY_ARE = backends -> backends;
}
