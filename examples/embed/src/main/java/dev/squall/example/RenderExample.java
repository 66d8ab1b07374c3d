package dev.squall.example;

import dev.squall.api.Engine;
import dev.squall.api.Render;
import dev.squall.api.Verification;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import java.nio.file.Path;

/**
 * Renders a view through Squall's engine, checks it against the Java reference and writes a PNG:
 * {@code java --add-modules jdk.incubator.vector -cp ... dev.squall.example.RenderExample [DEVICE] [OUT.png]}.
 */
public final class RenderExample {
    private RenderExample() {
    }

    /** Renders the seed's view (or a Julia set with {@code julia} as the third argument) and says what it did. */
    public static void main(String[] args) {
        String device = args.length > 0 ? args[0] : "auto";
        Path out = Path.of(args.length > 1 ? args[1] : "mandelbrot.png");
        Formula formula = args.length > 2 && args[2].equals("julia") ? new Formula.Julia(-0.8, 0.156)
                : Formula.MANDELBROT;
        System.out.println(render(device, formula, out));
    }

    /** The whole use of the engine: open, render, verify, write, close. Returns a line of what happened. */
    static String render(String device, Formula formula, Path out) {
        MandelbrotParams params = new MandelbrotParams(1920, 1080, new View(-2.5, 1, -1, 1), 1000, Precision.F64,
                formula);
        try (Engine engine = Engine.open(device, notice -> System.err.println("squall: " + notice));
             Render render = engine.render(params)) {
            Verification verification = engine.verify(render);
            if (!verification.identical()) {
                throw new IllegalStateException(verification.mismatches() + " pixels differ: " + verification.first());
            }
            render.writePng(out);
            return formula.name() + " on " + render.device() + ": sum " + render.sum() + ", crc32 " + render.crc32()
                    + ", verified, written to " + out;
        }
    }
}
