package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes the process cannot hold are refused before any work, naming the value (exit 2), never an
 * OutOfMemoryError after minutes; the same checks for render and job.
 */
class LimitsTest {
    @TempDir
    Path dir;

    @Test
    void aZoomOfABillionFramesIsRefusedAtOnceNamingTheValue() throws IOException {
        Path job = Files.writeString(dir.resolve("job.json"), """
                { "kernel": "mandelbrot", "width": 64, "height": 48, "max_iter": 100, "device": "cpu",
                  "zoom": {"center": [-0.75, 0.1], "start_width": 3.0, "end_width": 0.001, "frames": 1000000000},
                  "output": { "dir": "frames", "format": "png" } }
                """);
        CliRun run = CliRun.of("job", "run", job.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().matches("squall: " + java.util.regex.Pattern.quote(job.toString()) + ": zoom\\.frames:"
                + " 1000000000 frames need about 953\\.67 GiB of Java heap for their records, more than half of"
                + " this JVM's .* \\(split the job into several, or raise -Xmx, e\\.g\\. SQUALL_JAVA_OPTS=-Xmx8g\\)\n"),
                run::toString);
        assertFalse(Files.exists(dir.resolve("frames")));
    }

    @Test
    void aJobFrameWiderThanTheHeapCanHoldIsRefusedAsRenderRefusesIt() throws IOException {
        Path job = TestJobs.oneFrame(dir.resolve("job.json"), Integer.MAX_VALUE, 1, 10, "cpu", "frames", "counts");
        CliRun run = CliRun.of("job", "run", job.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("squall: width 2147483647 x height 1 needs "), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertFalse(Files.exists(dir.resolve("frames")));

        Path png = TestJobs.oneFrame(dir.resolve("png.json"), Integer.MAX_VALUE, 1, 10, "cpu", "frames", "png");
        CliRun wide = CliRun.of("job", "run", png.toString());
        wide.assertRefused("squall: width 2147483647: PNG rows hold at most 715827877 pixels (one Java array of RGB"
                + " bytes)\n");
    }

    @Test
    void aRenderThatNeedsMoreHeapThanTheJvmHasIsRefusedInOneLine() throws Exception {
        Path keep = Files.writeString(dir.resolve("keep.u32"), "old counts");
        CliRun run = SquallProcess.run(Map.of(), List.of("-Xmx256m"), "render", "mandelbrot", "--width", "100000000",
                "--height", "1", "--max-iter", "10", "--view", "-2.5,1,-1,1", "--device", "cpu", "--counts",
                keep.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().matches("squall: --width 100000000 x --height 1 needs about 2\\.24 GiB of Java heap"
                + " \\(coordinates\\), more than the .* free of this JVM's 256\\.00 MiB \\(raise it with -Xmx, e\\.g\\."
                + " SQUALL_JAVA_OPTS=-Xmx8g\\)\n"), run::toString);
        assertEquals("old counts", Files.readString(keep));
    }

    @Test
    void aDeepZoomWhoseOrbitOutgrowsTheHeapSaysSoInOneLineAndLeavesItsOutputAlone() throws Exception {
        // Inside the main cardioid the reference never escapes: its orbit and table grow with max-iter, which no
        // check before work can bound without computing them.
        Path keep = Files.writeString(dir.resolve("keep.u32"), "old counts");
        CliRun run = SquallProcess.run(Map.of(), List.of("-Xmx64m"), "render", "mandelbrot", "--center", "-0.1,0.1",
                "--zoom", "1e20", "--width", "8", "--height", "8", "--max-iter", "3000000", "--device", "cpu",
                "--counts", keep.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().matches("squall: out of Java heap \\(this JVM may use \\d+ MiB\\): give it more, e\\.g\\."
                + " SQUALL_JAVA_OPTS=-Xmx\\d+m, or a smaller render; nothing was written\n"), run::toString);
        assertEquals("old counts", Files.readString(keep));
    }
}
