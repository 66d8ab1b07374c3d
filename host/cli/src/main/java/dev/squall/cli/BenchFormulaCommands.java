package dev.squall.cli;

import dev.squall.kernels.mandelbrot.Formula;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code squall bench julia | burning-ship | tricorn | multibrot}: {@code bench mandelbrot} with another map, every
 * option of it kept (runs, warm-up, device, variant, shortcut, JSON); each adds only what its formula takes.
 */
final class BenchFormulaCommands {
    private BenchFormulaCommands() {
    }

    @Command(name = "julia",
            description = "Time whole Julia-set renders (--c fixed): median, spread, stage times.")
    static final class Julia extends BenchMandelbrotCommand {
        @Option(names = "--c", required = true, paramLabel = "CR,CI", description = "The constant c, e.g. -0.8,0.156.")
        String c;

        @Override
        Formula formula() {
            return Formula.Julia.parse(c);
        }
    }

    @Command(name = "burning-ship",
            description = "Time whole Burning Ship renders: median, spread, stage times.")
    static final class BurningShip extends BenchMandelbrotCommand {
        @Override
        Formula formula() {
            return new Formula.BurningShip();
        }
    }

    @Command(name = "tricorn",
            description = "Time whole Tricorn renders: median, spread, stage times.")
    static final class Tricorn extends BenchMandelbrotCommand {
        @Override
        Formula formula() {
            return new Formula.Tricorn();
        }
    }

    @Command(name = "multibrot",
            description = "Time whole Multibrot renders (--power D): median, spread, stage times.")
    static final class Multibrot extends BenchMandelbrotCommand {
        @Option(names = "--power", required = true, paramLabel = "D", description = "The integer power, 2 to 16.")
        String power;

        @Override
        Formula formula() {
            return Formula.Multibrot.parse(power);
        }
    }
}
