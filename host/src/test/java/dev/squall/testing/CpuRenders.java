package dev.squall.testing;

import dev.squall.host.Schedule;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.render.RenderResult;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code main()}: renders a fixed set of cases on the CPU backend and prints one line each, {@code NAME CRC32
 * EXECUTED}: run in JVMs of other vector widths ({@code -XX:MaxVectorSize=16}, 32) to compare with this one.
 */
public final class CpuRenders {
    private CpuRenders() {
    }

    /** The cases: every formula, both precisions, shortcut on and off, odd widths (remainders of every width). */
    public static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        List<Formula> formulas = List.of(Formula.MANDELBROT, new Formula.Julia(-0.8, 0.156), new Formula.BurningShip(),
                new Formula.Tricorn(), new Formula.Multibrot(3));
        for (Formula formula : formulas) {
            for (Precision precision : Precision.values()) {
                for (boolean shortcut : new boolean[] {true, false}) {
                    cases.add(new Object[] {new MandelbrotParams(203, 61, new View(-1.9, 1.1, -1.05, 1.2), 700,
                            precision, formula), shortcut});
                }
            }
        }
        return cases;
    }

    /** One line for a case: its name, the CRC-32 of its counts and the iterations executed. */
    public static String line(MandelbrotParams params, boolean shortcut) {
        try (CpuBackend cpu = new CpuBackend(2)) {
            RenderResult result = MandelbrotRenderer.render(cpu, params,
                    Schedule.DEFAULT.withCycleShortcut(shortcut));
            try (var counts = result.counts()) {
                return params.formula().name() + "-" + params.precision().label() + "-" + shortcut + " "
                        + Checksums.crc32(counts) + " " + result.stages().executedIterations();
            }
        }
    }

    public static void main(String[] args) {
        for (Object[] c : cases()) {
            System.out.println(line((MandelbrotParams) c[0], (Boolean) c[1]));
        }
    }
}
