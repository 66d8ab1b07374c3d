package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.opencl.OpenCl;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
        assertEquals("squall: missing command: devices, render, image, job or bench (see squall --help)\n", run.err());
    }

    @Test
    void renderWithoutAKernelIsAUsageError() {
        CliRun run = CliRun.of("render");
        assertEquals(2, run.exitCode());
        assertEquals("squall: render needs a kernel: mandelbrot\n", run.err());
    }

    @Test
    void unknownKernelIsAUsageError() {
        CliRun run = CliRun.of("render", "julia");
        assertEquals(2, run.exitCode());
        assertEquals("squall: Unmatched argument at index 1: 'julia'\n", run.err());
    }

    @Test
    void helpListsEveryRenderOptionAndTheExitCodes() {
        CliRun run = CliRun.of("render", "mandelbrot", "--help");
        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--width", "--height", "--view", "--max-iter", "--precision", "--device",
                                           "--counts", "--out", "--verify", "--debug"}) {
            assertTrue(run.out().contains(option), option);
        }
        assertTrue(run.out().contains("3   --verify found pixels that differ"), run.out());
    }

    @Test
    void devicesListsEveryOpenClDeviceOrWhyThereIsNoneAndTheCpu() {
        CliRun run = CliRun.of("devices");
        assertEquals(0, run.exitCode(), run::toString);
        var probe = OpenCl.probe();
        for (var device : probe.devices()) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(device.id() + " ") && l.contains(device.name())
                    && l.contains(device.driverVersion())), run.out());
        }
        probe.problem().ifPresent(why -> assertTrue(run.out().contains("opencl       none: " + why), run.out()));
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(run.out().lines().anyMatch(l -> l.matches("cpu +CPU \\(Java\\) +" + cores + " .*")), run.out());
    }
}
