package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.kernels.Precision;
import dev.squall.testing.OpenClTestDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With OCL_ICD_VENDORS on an empty folder the ICD loader finds no platform: what a machine without OpenCL sees. */
class FallbackTest {
    @TempDir
    Path dir;

    private Map<String, String> noOpenCl() {
        return Map.of("OCL_ICD_VENDORS", dir.toString());
    }

    @Test
    void autoFallsBackToCpuWhenNoOpenClPlatformAndSaysWhyOnce() throws Exception {
        Path out = dir.resolve("m.u32");
        CliRun run = SquallProcess.run(noOpenCl(), "render", "mandelbrot", "--width", "3", "--height", "2",
                "--max-iter", "50", "--view", "-2.0,0.5,-1.0,1.0", "--counts", out.toString(), "--verify");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("squall: no usable OpenCL device (no OpenCL platform (the ICD loader found no driver in "
                + "OCL_ICD_VENDORS=" + dir + ")); rendering on the CPU backend\n", run.err());
        assertTrue(run.out().startsWith("verified: 6 pixels identical to the Java reference (f64, sum 159, crc32 92ccf36a)\n"
                + "mandelbrot 3x2 f64 max-iter 50 on cpu (Java, "), run::toString);
        assertEquals(24, Files.size(out));
    }

    @Test
    void explicitOpenClWithoutPlatformIsAnErrorAndWritesNothing() throws Exception {
        Path out = dir.resolve("m.png");
        CliRun run = SquallProcess.run(noOpenCl(), "render", "mandelbrot", "--width", "3", "--height", "2",
                "--max-iter", "50", "--view", "-2.0,0.5,-1.0,1.0", "--device", "opencl", "--out", out.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("squall: --device opencl: no OpenCL platform (the ICD loader found no driver in OCL_ICD_VENDORS="
                + dir + ")\n", run.err());
        assertEquals("", run.out());
        assertTrue(Files.notExists(out));
    }

    @Test
    void devicesSaysWhyThereIsNoOpenClAndStillListsTheCpu() throws Exception {
        CliRun run = SquallProcess.run(noOpenCl(), "devices");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\nopencl       none: no OpenCL platform (the ICD loader found no driver in "
                + "OCL_ICD_VENDORS=" + dir + ")\ncpu "), run.out());
        assertEquals("", run.err());
    }

    @Test
    void autoPicksOpenClWhenThereIsADeviceAndPrintsNoJvmWarnings() throws Exception {
        OpenClTestDevice.require(Precision.F64);
        CliRun run = SquallProcess.run(Map.of(), "render", "mandelbrot", "--width", "30", "--height", "20",
                "--max-iter", "50", "--view", "-2.0,0.5,-1.0,1.0");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), "nothing but Squall's own lines: no fallback notice, no JVM warning");
        assertTrue(run.out().matches("mandelbrot 30x20 f64 max-iter 50 on opencl:\\d+:\\d+ .*\n"), run.out());
    }
}
