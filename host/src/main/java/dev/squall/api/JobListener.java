package dev.squall.api;

/**
 * What hears a running job: how far it is and the notices to show apart (a device fallback, a stop). Called from
 * the thread that runs the job, except {@link #notice}, which a shutdown hook may call too. The engine never prints:
 * the command line draws a progress bar or lines from these calls.
 */
public interface JobListener extends AutoCloseable {
    /** Hears nothing. */
    JobListener NONE = new JobListener() {
        @Override
        public void start(int done, int total, long pixels) {
        }

        @Override
        public void frameDone() {
        }

        @Override
        public void notice(String line) {
        }
    };

    /**
     * Before the first frame.
     *
     * @param done frames already there, intact
     * @param total frames of the job
     * @param pixels pixels of each frame
     */
    void start(int done, int total, long pixels);

    /** After each frame is written and listed in the manifest. */
    void frameDone();

    /**
     * A line of its own (a device notice, a stop), which must not be drawn over.
     *
     * @param line the notice, without a newline
     */
    void notice(String line);

    /** The job is over (done, failed or stopped): nothing more will be heard. */
    @Override
    default void close() {
    }
}
