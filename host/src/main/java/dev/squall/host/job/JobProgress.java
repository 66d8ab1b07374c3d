package dev.squall.host.job;

import java.util.Locale;

/**
 * What a running job shows on stderr: {@link ProgressBarDisplay} on a terminal, {@link ProgressLines} otherwise.
 * Called from the thread that runs the job, except {@link #notice}, which a shutdown hook may call too.
 */
public interface JobProgress extends AutoCloseable {
    /** Before the first frame: {@code done} of {@code total} frames are already there; each has {@code pixels}. */
    void start(int done, int total, long pixels);

    /** After each frame is written and listed in the manifest. */
    void frameDone();

    /** A line of its own (a device notice, a stop), which must not be drawn over. */
    void notice(String line);

    @Override
    void close();

    /** {@code 0:42}, {@code 1:02:03}: a duration in whole seconds. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
