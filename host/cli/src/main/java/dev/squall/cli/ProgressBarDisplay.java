package dev.squall.cli;

import dev.squall.api.JobListener;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A live bar on a terminal: frames done of the total, elapsed time and ETA (the {@code progressbar} library's), and
 * the pixel rate, redrawn twice a second.
 * <p>
 * Each redraw is a whole line: the cursor goes up over the previous bar, the new one is written, and the line ends.
 * {@code ./squall} passes stderr through a line filter (it drops the JVM's incubator warning), which would hold a bar
 * redrawn with a bare carriage return until the job ended.
 */
public final class ProgressBarDisplay implements JobListener {
    private static final String UP = "\u001b[1A\r";
    private static final String CLEAR_TO_END = "\u001b[K";

    private final PrintWriter err;
    private final int columns;
    private ProgressBar bar;
    private ProgressRate rate;
    private String shown;

    /** Draws on {@code err}, a terminal {@code columns} wide. */
    public ProgressBarDisplay(PrintWriter err, int columns) {
        this.err = err;
        this.columns = columns;
    }

    @Override
    public void start(int done, int total, long pixels) {
        rate = new ProgressRate(System.nanoTime(), done, total, pixels);
        bar = new ProgressBarBuilder()
                .setTaskName("frames")
                .setInitialMax(total)
                .startsFrom(done, Duration.ZERO)
                .continuousUpdate()
                .setUpdateIntervalMillis(500)
                .setConsumer(new DelegatingProgressBarConsumer(this::draw, columns))
                .build();
    }

    @Override
    public void frameDone() {
        rate.frameDone();
        bar.setExtraMessage(String.format(Locale.ROOT, "%.2f Mpixel/s", rate.megapixelsPerSecond(System.nanoTime())));
        bar.stepTo(rate.done());
    }

    private synchronized void draw(String line) {
        err.print((shown != null ? UP : "") + line + CLEAR_TO_END + "\n");
        err.flush();
        shown = line;
    }

    @Override
    public synchronized void notice(String line) {
        if (shown != null) {
            err.print(UP + line + CLEAR_TO_END + "\n" + shown + CLEAR_TO_END + "\n");
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
        err.flush();
    }
}
