package dev.squall.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code squall render KERNEL ...}: one image from one kernel. */
@Command(name = "render", mixinStandardHelpOptions = true, description = "Render one image.",
        subcommands = {MandelbrotCommand.class, FormulaCommands.Julia.class, FormulaCommands.BurningShip.class,
            FormulaCommands.Tricorn.class, FormulaCommands.Multibrot.class})
final class RenderCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "render needs a kernel: mandelbrot, julia, burning-ship, tricorn or multibrot");
    }
}
