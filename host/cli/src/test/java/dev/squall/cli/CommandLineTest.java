package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void theRootHelpFromOutlinesIsTheHelpOfEveryWholeCommand() {
        picocli.CommandLine whole = new picocli.CommandLine(new Squall());
        Squall.COMMANDS.forEach(whole::addSubcommand);
        String expected = whole.getUsageMessage();
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(expected, run.out(), String.join(" ", args));
        }
        assertTrue(expected.contains("  job      Render the frames a JSON job file describes"), expected);
        // help COMMAND: that command's whole help.
        CliRun job = CliRun.of("help", "job");
        assertEquals(whole.getSubcommands().get("job").getUsageMessage(), job.out());
        // A mistyped command is matched against the outlines' names.
        CliRun typo = CliRun.of("rendr");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().startsWith("squall: Unmatched argument at index 0: 'rendr'"), typo::toString);
    }

    @Test
    void renderWithoutAKernelIsAUsageError() {
        CliRun run = CliRun.of("render");
        assertEquals(2, run.exitCode());
        assertEquals("squall: render needs a kernel: mandelbrot, julia, burning-ship, tricorn or multibrot\n", run.err());
    }

    @Test
    void unknownKernelIsAUsageError() {
        CliRun run = CliRun.of("render", "newton");
        assertEquals(2, run.exitCode());
        assertEquals("squall: Unmatched argument at index 1: 'newton'\n", run.err());
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
        // The default build has no TornadoVM module: no tornado row, and nothing said about it.
        assertTrue(run.out().lines().noneMatch(l -> l.startsWith("tornado")), run.out());
    }

    @Test
    void autoAndAllNeverTakeATornadoDeviceAndAnExplicitOneWithoutTornadoVmIsOneLine() {
        CliRun auto = CliRun.of("render", "mandelbrot", "--width", "8", "--height", "4", "--max-iter", "20",
                "--view", "-2,1,-1,1", "--device", "all");
        assertEquals(0, auto.exitCode(), auto::toString);
        assertFalse(auto.out().contains("tornado"), auto.out());
        CliRun bench = CliRun.of("bench", "mandelbrot", "--width", "8", "--height", "4", "--max-iter", "20",
                "--view", "-2,1,-1,1", "--device", "tornado-fast:1", "--runs", "1", "--warmup", "0");
        assertEquals(2, bench.exitCode(), bench::toString);
        assertEquals(1, bench.err().lines().count(), bench::toString);
        assertTrue(bench.err().startsWith("squall: --device tornado: TornadoVM is not available to this squall ("),
                bench::toString);
        CliRun api = CliRun.of("bench", "mandelbrot", "--width", "8", "--height", "4", "--max-iter", "20",
                "--view", "-2,1,-1,1", "--device", "cpu", "--tornado-api", "loop");
        assertEquals(2, api.exitCode(), api::toString);
        assertEquals("squall: --tornado-api must be parallel or kernel-context, got \"loop\"\n", api.err());
    }
}
