package dev.squall.spark;

import dev.squall.api.JobListener;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * The job's progress as Spark's listener bus tells it on the driver: a task that succeeds counts its frames done
 * (once, whichever attempt), a failed attempt and a lost executor are said as they happen. Only the stages of the
 * job named by the local property {@link #JOB} are followed (the context may run other work). The bus delivers
 * events late and on its own thread, so {@link #finish} counts what it has not heard yet once the job has
 * succeeded, and nothing counts after.
 */
final class TaskProgress extends SparkListener {
    /** The local property (of the driver's thread, so of its jobs' stages) that names the job being followed. */
    static final String JOB = "squall.job";

    private final String group;
    private final List<int[]> groups;
    private final JobListener listener;
    private final Set<Integer> stages = new HashSet<>();
    private final Set<Integer> counted = new HashSet<>();
    private int failedAttempts;
    private boolean finished;

    TaskProgress(String group, List<int[]> groups, JobListener listener) {
        this.group = group;
        this.groups = groups;
        this.listener = listener;
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
        if (event.properties() != null
                && group.equals(event.properties().getProperty(JOB))) {
            stages.add(event.stageInfo().stageId());
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
        if (finished || !stages.contains(event.stageId())) {
            return;
        }
        TaskInfo task = event.taskInfo();
        if (task.successful()) {
            count(task.partitionId());
        } else if (event.reason() instanceof TaskFailedReason failed && failed.countTowardsTaskFailures()) {
            failedAttempts++;
            listener.notice(String.format(Locale.ROOT, "squall: the Spark task of %s (attempt %d) failed on"
                    + " executor %s: %s",
                    frames(groups.get(task.partitionId())), task.attemptNumber(),
                    task.executorId(), failed.toErrorString().lines().findFirst().orElse("")));
        }
    }

    @Override
    public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved event) {
        if (!finished) {
            listener.notice("squall: Spark executor " + event.executorId() + " lost: " + event.reason());
        }
    }

    /**
     * The job is over: when it {@code succeeded}, every group's frames count done, those not heard of yet now;
     * nothing is heard after.
     */
    synchronized int finish(boolean succeeded) {
        if (succeeded) {
            for (int partition = 0; partition < groups.size(); partition++) {
                count(partition);
            }
        }
        finished = true;
        return failedAttempts;
    }

    /** {@return the frames of the groups whose task succeeded, as heard so far} */
    synchronized int framesDone() {
        return counted.stream().mapToInt(p -> groups.get(p).length).sum();
    }

    private void count(int partition) {
        if (counted.add(partition)) {
            for (int i = 0; i < groups.get(partition).length; i++) {
                listener.frameDone();
            }
        }
    }

    /** {@code frame 3} or {@code frames 3-5} (a group is consecutive frames of the plan, not always adjacent). */
    static String frames(int[] group) {
        return group.length == 1 ? "frame " + group[0] : "frames " + group[0] + "-" + group[group.length - 1];
    }
}
