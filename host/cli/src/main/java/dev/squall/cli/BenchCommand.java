package dev.squall.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code squall bench ...}: reproducible timings of kernels and devices, sweeps, and their comparison. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure kernels and devices: mandelbrot, device (clpeak-like), sweep, compare.",
        subcommands = {BenchMandelbrotCommand.class, BenchFormulaCommands.Julia.class,
            BenchFormulaCommands.BurningShip.class, BenchFormulaCommands.Tricorn.class,
            BenchFormulaCommands.Multibrot.class, BenchDeviceCommand.class, BenchSweepCommand.class,
            BenchCompareCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "bench needs a kernel: mandelbrot, julia, burning-ship,"
                + " tricorn or multibrot (or device, sweep, compare)");
    }
}
