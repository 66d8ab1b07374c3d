package dev.squall.cli;

import dev.squall.api.JobListener;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for logs and pipes, where a redrawn bar would be noise: a line such as
 * {@code frame 12/300 done, 3.14 Mpixel/s, ETA 0:42} after the first frame, the last, and at most one a second
 * between them.
 */
public final class ProgressLines implements JobListener {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final LongSupplier clock;
    private ProgressRate rate;
    private long lastLine;
    private boolean any;

    public ProgressLines(PrintWriter err) {
        this(err, System::nanoTime);
    }

    ProgressLines(PrintWriter err, LongSupplier clock) {
        this.err = err;
        this.clock = clock;
    }

    @Override
    public void start(int done, int total, long pixels) {
        rate = new ProgressRate(clock.getAsLong(), done, total, pixels);
    }

    @Override
    public void frameDone() {
        rate.frameDone();
        long now = clock.getAsLong();
        if (any && rate.done() < rate.total() && now - lastLine < INTERVAL_NANOS) {
            return;
        }
        any = true;
        lastLine = now;
        err.println(String.format(Locale.ROOT, "frame %d/%d done, %.2f Mpixel/s, ETA %s", rate.done(), rate.total(),
                rate.megapixelsPerSecond(now), ProgressRate.duration(rate.secondsLeft(now))));
        err.flush();
    }

    @Override
    public void notice(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void close() {
        err.flush();
    }
}
