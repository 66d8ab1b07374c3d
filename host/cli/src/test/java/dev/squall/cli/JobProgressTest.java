package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void rateAndTimeLeftCountOnlyTheFramesRenderedInThisRun() {
        ProgressRate rate = new ProgressRate(10 * SECOND, 2, 10, 1_000_000);
        assertEquals(-1, rate.secondsLeft(11 * SECOND), "unknown before the first frame");
        assertEquals(0, rate.megapixelsPerSecond(11 * SECOND));
        rate.frameDone();
        rate.frameDone();
        assertEquals(4, rate.done());
        assertEquals(0.5, rate.megapixelsPerSecond(14 * SECOND), 1e-12);    // 2 frames of 1 M pixels in 4 s
        assertEquals(12, rate.secondsLeft(14 * SECOND), 1e-12);             // 2 s a frame, 6 to go
    }

    @Test
    void durationsAreMinutesAndSecondsOrHours() {
        assertEquals("0:00", ProgressRate.duration(0.4));
        assertEquals("0:42", ProgressRate.duration(42));
        assertEquals("59:59", ProgressRate.duration(3599));
        assertEquals("1:02:03", ProgressRate.duration(3723));
    }

    @Test
    void plainLinesComeAtMostOnceASecondBesidesTheFirstAndTheLast() {
        StringWriter text = new StringWriter();
        long[] now = {0};
        try (ProgressLines lines = new ProgressLines(new PrintWriter(text), () -> now[0])) {
            lines.start(1, 5, 1_000_000);
            now[0] = SECOND;
            lines.frameDone();
            now[0] = SECOND * 3 / 2;
            lines.frameDone();    // half a second after the last line: not shown
            lines.notice("squall: a notice");
            now[0] = SECOND * 26 / 10;
            lines.frameDone();
            now[0] = 3 * SECOND;
            lines.frameDone();    // the last frame is always shown
        }
        assertEquals("""
                frame 2/5 done, 1.00 Mpixel/s, ETA 0:03
                squall: a notice
                frame 4/5 done, 1.15 Mpixel/s, ETA 0:01
                frame 5/5 done, 1.33 Mpixel/s, ETA 0:00
                """, text.toString());
    }

    @Test
    void theBarRedrawsWholeLinesAndKeepsNoticesAboveIt() throws InterruptedException {
        StringWriter text = new StringWriter();
        ProgressBarDisplay bar = new ProgressBarDisplay(new PrintWriter(text), 100);
        bar.start(0, 3, 1_000_000);
        bar.frameDone();
        awaitBar(text, "1/3");    // the library redraws twice a second
        bar.notice("squall: a notice");
        bar.frameDone();
        bar.frameDone();
        bar.close();
        String out = text.toString();
        assertTrue(out.contains("\u001b[1A\rsquall: a notice\u001b[K\n"), out);
        // The last bar: frames done, elapsed / time left, pixel rate.
        String last = out.substring(out.lastIndexOf("\u001b[1A\r") + 5);
        assertTrue(last.matches("frames 100% \\S*\\s*3/3 \\(\\d+:\\d{2}:\\d{2} / \\d+:\\d{2}:\\d{2}\\) \\d+\\.\\d{2} Mpixel/s\u001b\\[K\n"),
                last);
        assertTrue(out.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*[A-Za-z]|\r", ""))
                .allMatch(l -> l.length() <= 100), "fits the terminal (escapes aside): " + out);
    }

    private static void awaitBar(StringWriter text, String shown) throws InterruptedException {
        for (int i = 0; i < 500 && !text.toString().contains(shown); i++) {
            Thread.sleep(10);
        }
    }
}
