package dev.squall.spark;

import dev.squall.host.Backend;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.kernels.Kernel;
import dev.squall.testing.ForwardingBackend;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * Faults for the tasks of a test's run, on the first attempt of one task (its partition) only: the devices that
 * task opens fail, or kill their executor, when it prepares its {@code nth} frame (1 for its first). A retry, attempt
 * 1 and after, runs as it should. Serializable: they travel to the executors with the tasks.
 */
final class TaskFaults {
    /** What a failing attempt throws. */
    static final String FAILED = "a test's fault: the first attempt of this task fails";

    private TaskFaults() {
    }

    /** The first attempt of task {@code partition} fails when it starts its {@code nth} frame. */
    static TaskDevices failFirstAttempt(int partition, int nth) {
        return backends -> onFirstAttempt(partition, backends, nth, () -> {
            throw new IllegalStateException(FAILED);
        });
    }

    /** The first attempt of task {@code partition} halts its executor's JVM when it starts its {@code nth} frame. */
    static TaskDevices haltFirstAttempt(int partition, int nth) {
        return backends -> onFirstAttempt(partition, backends, nth, () -> Runtime.getRuntime().halt(3));
    }

    private static List<Backend> onFirstAttempt(int partition, List<Backend> backends, int nth, Runnable fault) {
        TaskContext task = TaskContext.get();
        if (task.partitionId() != partition || task.attemptNumber() != 0) {
            return backends;
        }
        AtomicInteger frames = new AtomicInteger();
        return backends.stream().<Backend>map(b -> new ForwardingBackend(b) {
            @Override
            public KernelRun prepare(Kernel kernel, Schedule schedule) {
                if (frames.incrementAndGet() == nth) {
                    fault.run();
                }
                return super.prepare(kernel, schedule);
            }
        }).toList();
    }
}
