package dev.squall.cli;

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

    /** {@code 0:42}, {@code 1:02:03}: a duration in whole seconds. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
