package dev.squall.host.job;

/**
 * Frames done, pixel rate and time left of a running job, from the frames rendered in this run only (frames skipped
 * on resume cost nothing and would make the rate a lie).
 */
final class ProgressRate {
    private final long startNanos;
    private final int total;
    private final long pixels;
    private int done;
    private int rendered;

    ProgressRate(long startNanos, int done, int total, long pixels) {
        this.startNanos = startNanos;
        this.done = done;
        this.total = total;
        this.pixels = pixels;
    }

    void frameDone() {
        done++;
        rendered++;
    }

    int done() {
        return done;
    }

    int total() {
        return total;
    }

    double megapixelsPerSecond(long nowNanos) {
        double seconds = (nowNanos - startNanos) / 1e9;
        return seconds > 0 ? rendered * (double) pixels / seconds / 1e6 : 0;
    }

    /** Seconds left at the mean time per frame so far; negative before any frame is rendered. */
    double secondsLeft(long nowNanos) {
        if (rendered == 0) {
            return -1;
        }
        return (nowNanos - startNanos) / 1e9 / rendered * (total - done);
    }
}
