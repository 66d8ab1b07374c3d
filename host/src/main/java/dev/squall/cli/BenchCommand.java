package dev.squall.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code squall bench KERNEL ...}: reproducible timings. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure a kernel on a device.",
        subcommands = {BenchMandelbrotCommand.class, BenchDeviceCommand.class, BenchCompareCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "bench needs a kernel: mandelbrot");
    }
}
