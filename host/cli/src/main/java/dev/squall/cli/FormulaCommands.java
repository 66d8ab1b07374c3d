package dev.squall.cli;

import dev.squall.kernels.mandelbrot.Formula;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code squall render julia | burning-ship | tricorn | multibrot}: {@code render mandelbrot} with another map
 * (shared/reference/formulas.md), every option of it kept (view, precision, devices, outputs, --verify, any size).
 * Each command adds only what its formula takes; the rest of its {@code @Command} (help options, exit codes) is
 * inherited from {@code render mandelbrot}'s.
 */
final class FormulaCommands {
    private FormulaCommands() {
    }

    @Command(name = "julia",
            description = {"Render a Julia set: z -> z^2 + c from z = the pixel, c fixed (--c).",
                "Row 0 of the image is YMIN."})
    static final class Julia extends MandelbrotCommand {
        @Option(names = "--c", required = true, paramLabel = "CR,CI",
                description = "The constant c, two finite numbers (one IEEE double each), e.g. -0.8,0.156.")
        String c;

        @Override
        Formula formula() {
            return Formula.Julia.parse(c);
        }
    }

    @Command(name = "burning-ship",
            description = {"Render the Burning Ship: z -> (|Re z| + i |Im z|)^2 + c, from z = 0.",
                "Row 0 of the image is YMIN: with the usual view (YMIN < YMAX) the ship is upside down."})
    static final class BurningShip extends MandelbrotCommand {
        @Override
        Formula formula() {
            return new Formula.BurningShip();
        }
    }

    @Command(name = "tricorn",
            description = {"Render the Tricorn (Mandelbar): z -> conj(z)^2 + c, from z = 0.",
                "Row 0 of the image is YMIN."})
    static final class Tricorn extends MandelbrotCommand {
        @Override
        Formula formula() {
            return new Formula.Tricorn();
        }
    }

    @Command(name = "multibrot",
            description = {"Render a Multibrot set: z -> z^D + c from z = 0 (--power D, 2 to 16; 2 is mandelbrot).",
                "Row 0 of the image is YMIN."})
    static final class Multibrot extends MandelbrotCommand {
        @Option(names = "--power", required = true, paramLabel = "D",
                description = "The integer power, from 2 to 16.")
        String power;

        @Override
        Formula formula() {
            return Formula.Multibrot.parse(power);
        }
    }
}
